import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { z } from 'zod';

import { maxCsvImportBytes } from '../shared/ipc/channels/admin';
import { fail } from '../shared/ipc/result';
import type { Logger } from '../main/logger';
import type { StationServices } from '../main/services';
import { serveStatic } from './static-files';

export interface BrowserHostOptions {
  services: StationServices;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  logger: Logger;
  /** 0 picks a free port. */
  port?: number;
}

export interface BrowserHost {
  /** The address to open, with the per-run token in the fragment. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const callSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(200),
  payload: z.unknown(),
});

/**
 * Largest WebSocket message accepted: the biggest IPC request is a Bulk Edit CSV import,
 * and JSON escaping (quotes, line breaks) can at most double its size.
 */
const maxMessageBytes = 2 * maxCsvImportBytes + 64 * 1024;

/**
 * The dev-only browser host: serves the built renderer on 127.0.0.1 and carries the IPC
 * contract over a WebSocket at /ipc. A connection must present the per-run token and come
 * from the host's own origin; everything else is refused before any message is read.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const log = options.logger.child({ component: 'browser-host' });
  const token = randomBytes(32).toString('base64url');
  const sockets = new Set<WebSocket>();
  let origin = '';

  const server = createServer((request, response) => {
    const headers = securityHeaders(origin);
    serveStatic(options.rendererDir, request, response, headers).catch((error: unknown) => {
      log.error({ err: error, url: request.url }, 'failed to serve a file');
      if (!response.headersSent) response.writeHead(500, headers);
      response.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  server.on('upgrade', (request, socket, head) => {
    const rejection = checkUpgrade(request, origin, token);
    if (rejection !== null) {
      log.warn(
        { reason: rejection.reason, origin: request.headers.origin },
        'rejected a WebSocket connection',
      );
      rejectUpgrade(socket, rejection.status);
      return;
    }

    wss.handleUpgrade(request, socket, head, (ws) => accept(ws));
  });

  const unsubscribe = options.services.bus.subscribe((envelope) => {
    const text = JSON.stringify({ event: envelope });
    for (const ws of sockets) ws.send(text);
  });

  function accept(ws: WebSocket): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // An oversized or malformed frame makes ws emit 'error' and close the socket with 1009
    // or 1002. Only that connection ends; the station keeps running.
    ws.on('error', (error) => {
      log.warn({ err: error }, 'closed a WebSocket connection after a protocol error');
    });
    ws.on('message', (data) => {
      void answer(ws, data.toString());
    });
  }

  async function answer(ws: WebSocket, text: string): Promise<void> {
    const call = parseCall(text);
    if (call === null) {
      log.warn('ignored a malformed IPC message');
      ws.send(
        JSON.stringify({
          id: null,
          result: fail('invalid_request', 'The message is not a valid IPC call.'),
        }),
      );
      return;
    }

    const result = await options.services.dispatcher.dispatch(call.channel, call.payload);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: call.id, result }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });

  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  log.info({ origin }, 'browser host listening');

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

function parseCall(text: string): z.infer<typeof callSchema> | null {
  try {
    const parsed = callSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function checkUpgrade(
  request: IncomingMessage,
  origin: string,
  token: string,
): { status: number; reason: string } | null {
  const url = new URL(request.url ?? '/', origin);
  if (url.pathname !== '/ipc') return { status: 404, reason: 'unknown path' };
  if (request.headers.origin !== origin) return { status: 403, reason: 'foreign origin' };

  const presented = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    return { status: 401, reason: 'missing or wrong token' };
  }

  return null;
}

function rejectUpgrade(socket: Duplex, status: number): void {
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
  socket.destroy();
}

function securityHeaders(origin: string): Record<string, string> {
  const websocket = origin.replace(/^http/, 'ws');

  return {
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src 'self' ${websocket}`,
      "media-src 'self' data:",
      "frame-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
