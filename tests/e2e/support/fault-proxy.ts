import { createServer, connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of the backend, so a test can take the network away in
 * the middle of an order and give it back. Offline, open connections are destroyed and new
 * ones are accepted and closed at once, so the station's request fails as if the backend were down.
 */
export interface FaultProxy {
  url: string;
  goOffline(): void;
  goOnline(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let online = true;

  const server = createServer((client) => {
    if (!online) {
      client.destroy();
      return;
    }

    const remote = connect(Number(upstream.port), upstream.hostname);
    sockets.add(client);
    sockets.add(remote);
    client.pipe(remote);
    remote.pipe(client);

    const drop = () => {
      client.destroy();
      remote.destroy();
      sockets.delete(client);
      sockets.delete(remote);
    };
    client.on('error', drop);
    remote.on('error', drop);
    client.on('close', drop);
    remote.on('close', drop);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    goOffline() {
      online = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    goOnline() {
      online = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
