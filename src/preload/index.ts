import { contextBridge, ipcRenderer } from 'electron';

import { channelNames, eventTransportChannel, isEventName } from '../shared/ipc/contract';
import type { EventEnvelope, EventName, StationBridge } from '../shared/ipc/contract';

// Exposes exactly the contract's channels as `window.station.invoke[channel]` and event
// subscriptions for the contract's event names; never ipcRenderer itself.
const invoke = Object.fromEntries(
  channelNames.map((channel) => [
    channel,
    (request: unknown) => ipcRenderer.invoke(channel, request),
  ]),
) as StationBridge['invoke'];

const bridge: StationBridge = {
  invoke,
  on(name, listener) {
    if (!isEventName(name)) throw new Error(`Unknown station event "${String(name)}".`);

    const relay = (_event: unknown, envelope: EventEnvelope) => {
      if (envelope.name === (name as EventName))
        (listener as (payload: unknown) => void)(envelope.payload);
    };
    ipcRenderer.on(eventTransportChannel, relay);

    return () => {
      ipcRenderer.removeListener(eventTransportChannel, relay);
    };
  },
};

contextBridge.exposeInMainWorld('station', bridge);
