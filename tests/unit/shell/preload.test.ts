import { beforeEach, describe, expect, it, vi } from 'vitest';

import { channelNames, eventTransportChannel } from '../../../src/shared/ipc/contract';
import type { StationBridge } from '../../../src/shared/ipc/contract';

const exposed: Record<string, unknown> = {};
const invoked: { channel: string; payload: unknown }[] = [];
const rendererListeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed[key] = value;
    },
  },
  ipcRenderer: {
    invoke: (channel: string, payload: unknown) => {
      invoked.push({ channel, payload });
      return Promise.resolve({ ok: true, value: null });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = rendererListeners.get(channel) ?? new Set();
      set.add(listener);
      rendererListeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      rendererListeners.get(channel)?.delete(listener);
    },
  },
}));

describe('preload bridge', () => {
  beforeEach(async () => {
    vi.resetModules();
    await import('../../../src/preload/index');
  });

  it('exposes only window.station', () => {
    expect(Object.keys(exposed)).toEqual(['station']);
  });

  it('exposes exactly the contract channels', () => {
    const bridge = exposed.station as StationBridge;

    expect(Object.keys(bridge.invoke).sort()).toEqual([...channelNames].sort());
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards a call on its own channel', async () => {
    const bridge = exposed.station as StationBridge;

    await bridge.invoke['app.echo']({ message: 'x' });

    expect(invoked.at(-1)).toEqual({ channel: 'app.echo', payload: { message: 'x' } });
  });

  it('delivers only the subscribed event name', () => {
    const bridge = exposed.station as StationBridge;
    const received: unknown[] = [];
    const unsubscribe = bridge.on('app.echoed', (payload) => received.push(payload));
    const relay = [...rendererListeners.get(eventTransportChannel)!].at(-1)!;

    relay({}, { name: 'app.echoed', payload: { message: 'a', at: 't' } });
    relay({}, { name: 'other.event', payload: {} });
    unsubscribe();

    expect(received).toEqual([{ message: 'a', at: 't' }]);
    expect(rendererListeners.get(eventTransportChannel)!.has(relay)).toBe(false);
  });

  it('rejects a subscription to an unknown event', () => {
    const bridge = exposed.station as StationBridge;

    expect(() => bridge.on('fs.changed' as never, () => {})).toThrow(/Unknown station event/);
  });
});
