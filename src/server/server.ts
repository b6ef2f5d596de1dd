import type { FastifyInstance } from 'fastify';

import type { Database } from './db/database';
import { buildApp } from './http/app';
import type { Logger } from './logger';

export interface RunningServer {
  app: FastifyInstance;
  /** `http://HOST:PORT` with the port actually bound (useful with port 0). */
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTP API on an open database; `close` stops accepting and waits for requests in flight. */
export async function startServer(
  database: Database,
  options: { host: string; port: number; logger: Logger },
): Promise<RunningServer> {
  const app = buildApp(database, options.logger);
  await app.listen({ host: options.host, port: options.port });

  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { app, url: `http://${shownHost}:${port}`, close: () => app.close() };
}
