import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built renderer from `root`. Only GET and HEAD; a path that resolves outside
 * `root` is a 404, never a read; `/` is index.html.
 */
export async function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }

  const pathname = decodePath(new URL(request.url ?? '/', 'http://host').pathname);
  const file =
    pathname === null
      ? null
      : path.resolve(root, pathname === '/' ? 'index.html' : pathname.slice(1));

  if (file === null || !file.startsWith(root + path.sep)) {
    response.writeHead(404, headers).end();
    return;
  }

  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) {
    response.writeHead(404, headers).end();
    return;
  }

  response.writeHead(200, {
    ...headers,
    'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }

  createReadStream(file).pipe(response);
}

function decodePath(pathname: string): string | null {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}
