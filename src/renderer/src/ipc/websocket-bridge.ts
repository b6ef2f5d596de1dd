import { channelNames, isEventName } from '../../../shared/ipc/contract';
import type { EventEnvelope, StationBridge } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';

interface Pending {
  resolve(result: IpcResult<unknown>): void;
}

/**
 * The same bridge the preload script exposes, carried over the browser host's WebSocket.
 * Used only when the page runs outside Electron (`npm run station:web`). The per-run token
 * comes from the URL fragment, which browsers never send to a server.
 */
export function createWebSocketBridge(location: Location): StationBridge {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${location.host}/ipc?token=${encodeURIComponent(token)}`;

  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let socket = connect();

  function connect(): WebSocket {
    const ws = new WebSocket(url);

    ws.addEventListener('open', () => {
      announceLink(true);
      for (const message of queue.splice(0)) ws.send(message);
    });
    ws.addEventListener('message', (event) => receive(String(event.data)));
    ws.addEventListener('close', () => {
      announceLink(false);
      for (const [id, call] of pending) {
        call.resolve({
          ok: false,
          error: {
            code: 'disconnected',
            message: 'The connection to the station was lost. Reload the page.',
          },
        });
        pending.delete(id);
      }
      setTimeout(() => {
        socket = connect();
      }, 1_000);
    });

    return ws;
  }

  function receive(text: string): void {
    const message = JSON.parse(text) as {
      id?: number;
      result?: IpcResult<unknown>;
      event?: EventEnvelope;
    };

    if (message.event !== undefined) {
      for (const listener of listeners.get(message.event.name) ?? [])
        listener(message.event.payload);
      return;
    }

    if (message.id !== undefined && message.result !== undefined) {
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    }
  }

  function send(channel: string, request: unknown): Promise<IpcResult<unknown>> {
    const id = nextId++;
    const text = JSON.stringify({ id, channel, payload: request });

    return new Promise((resolve) => {
      pending.set(id, { resolve });
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else queue.push(text);
    });
  }

  const invoke = Object.fromEntries(
    channelNames.map((channel) => [channel, (request: unknown) => send(channel, request)]),
  ) as StationBridge['invoke'];

  return {
    invoke,
    on(name, listener) {
      if (!isEventName(name)) throw new Error(`Unknown station event "${String(name)}".`);

      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);

      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}

/** Name of the window event that reports whether the page still reaches the station process. */
export const stationLinkEvent = 'station-link';

function announceLink(connected: boolean): void {
  window.dispatchEvent(new CustomEvent(stationLinkEvent, { detail: { connected } }));
}
