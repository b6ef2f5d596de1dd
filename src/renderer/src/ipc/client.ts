import type {
  Channel,
  ChannelRequest,
  ChannelResponse,
  EventName,
  EventPayload,
  StationBridge,
} from '../../../shared/ipc/contract';
import { createWebSocketBridge } from './websocket-bridge';

declare global {
  interface Window {
    station?: StationBridge;
  }
}

/** A failed call: `code` is the contract's error code the UI switches on. */
export class StationCallError extends Error {
  override readonly name = 'StationCallError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The renderer's typed client: resolves with the value or rejects with StationCallError. */
export interface StationClient {
  call<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createStationClient(bridge: StationBridge): StationClient {
  return {
    async call(channel, request) {
      const invoke = bridge.invoke[channel] as (
        request: unknown,
      ) => ReturnType<StationBridge['invoke'][typeof channel]>;
      const result = await invoke(request);
      if (!result.ok) throw new StationCallError(result.error.code, result.error.message);

      return result.value as never;
    },
    on: (name, listener) => bridge.on(name, listener),
  };
}

/** The preload bridge inside Electron, else the browser host's WebSocket bridge. */
export function connectStation(): StationClient {
  const bridge = window.station ?? createWebSocketBridge(window.location);
  return createStationClient(bridge);
}
