import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that sits between a client and an HTTP server and breaks
 * chosen requests on purpose. It reads only the request line at the start of each chunk
 * the client sends, so it works with keep-alive connections as long as the client sends
 * one request at a time per connection (fetch does).
 *
 * - `refuse()` stops listening, so new connections get ECONNREFUSED; `accept()` listens
 *   again on the same port.
 * - `inject(fault)` arms a fault for the next matching requests:
 *   - `delay`: the server's response is held back `ms` milliseconds;
 *   - `reset_after_reply`: the request reaches the server, and when its response starts the
 *     client connection is reset, so the server has committed but the client never hears;
 *   - `http_500_after_reply`: the request reaches the server, its answer is replaced by an
 *     HTTP 500;
 *   - `http_500`: answered HTTP 500 at once, never forwarded.
 */
export type Fault =
  | { kind: 'delay'; ms: number }
  | { kind: 'reset_after_reply' }
  | { kind: 'http_500_after_reply' }
  | { kind: 'http_500' };

export interface InjectOptions {
  /** Start of the request line to match, such as `POST /v1/sync/push`; all requests by default. */
  match?: string;
  /** How many matching requests get the fault; default 1. */
  times?: number;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT` of the proxy. */
  url: string;
  port: number;
  setTarget(port: number): void;
  inject(fault: Fault, options?: InjectOptions): void;
  /** Calls `listener` with each request line (`POST /v1/sync/push`) as it passes. */
  onRequest(listener: (requestLine: string) => void): () => void;
  /** Requests seen so far whose line starts with `match`. */
  count(match?: string): number;
  /** Faults still armed. */
  armed(): number;
  refuse(): Promise<void>;
  accept(): Promise<void>;
  close(): Promise<void>;
}

interface ArmedFault {
  fault: Fault;
  match: string;
  remaining: number;
}

const requestLinePattern = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/;

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let target = targetPort;
  const armedFaults: ArmedFault[] = [];
  const seen: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const sockets = new Set<net.Socket>();

  function takeFault(line: string): Fault | null {
    const index = armedFaults.findIndex((armed) => line.startsWith(armed.match));
    const armed = armedFaults[index];
    if (armed === undefined) {
      return null;
    }

    armed.remaining -= 1;
    if (armed.remaining <= 0) {
      armedFaults.splice(index, 1);
    }

    return armed.fault;
  }

  function handle(client: net.Socket): void {
    sockets.add(client);
    const upstream = net.connect({ host: '127.0.0.1', port: target });
    sockets.add(upstream);
    let fault: Fault | null = null;
    let outgoing = Promise.resolve();

    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);

    client.on('data', (chunk: Buffer) => {
      const match = requestLinePattern.exec(chunk.subarray(0, 2048).toString('latin1'));
      if (match !== null) {
        const line = `${match[1]} ${match[2]}`;
        seen.push(line);
        for (const listener of listeners) {
          listener(line);
        }

        fault = takeFault(line);
        if (fault?.kind === 'http_500') {
          answer500(client);
          upstream.destroy();
          return;
        }
      }

      upstream.write(chunk);
    });

    upstream.on('data', (chunk: Buffer) => {
      const current = fault;
      if (current === null) {
        client.write(chunk);
        return;
      }

      switch (current.kind) {
        case 'delay':
          upstream.pause();
          outgoing = outgoing
            .then(() => new Promise((resolve) => setTimeout(resolve, current.ms)))
            .then(() => {
              if (!client.destroyed) {
                client.write(chunk);
              }

              upstream.resume();
            });
          return;
        case 'reset_after_reply':
          client.resetAndDestroy();
          upstream.destroy();
          return;
        case 'http_500_after_reply':
          answer500(client);
          upstream.destroy();
          return;
        case 'http_500':
          return;
        default:
          assertNever(current);
      }
    });
  }

  const server = net.createServer(handle);
  await listen(server, 0);
  const address = server.address() as net.AddressInfo;
  const port = address.port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setTarget(next) {
      target = next;
    },
    inject(fault, options = {}) {
      armedFaults.push({ fault, match: options.match ?? '', remaining: options.times ?? 1 });
    },
    onRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    count: (match = '') => seen.filter((line) => line.startsWith(match)).length,
    armed: () => armedFaults.length,
    async refuse() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) {
          socket.destroy();
        }
      });
    },
    accept: () => listen(server, port),
    async close() {
      for (const socket of sockets) {
        socket.destroy();
      }

      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer500(client: net.Socket): void {
  const body = JSON.stringify({
    error: { code: 'internal_error', message: 'Injected failure from the fault proxy.' },
  });
  client.end(
    `HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function assertNever(value: never): never {
  throw new Error(`Unhandled fault: ${JSON.stringify(value)}`);
}
