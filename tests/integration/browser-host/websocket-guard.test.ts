import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { startBrowserHost } from '../../../src/browser-host/host';
import type { BrowserHost } from '../../../src/browser-host/host';
import { createStationServices } from '../../../src/main/services';
import { captureLogger } from '../../support/capture-logger';
import { rendererDir } from '../../support/renderer-build';

function open(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
}

describe('browser host WebSocket guard', () => {
  let host: BrowserHost;

  beforeAll(async () => {
    const { logger } = captureLogger();
    const services = await createStationServices({ logger, shell: 'browser-host' });
    host = await startBrowserHost({ services, rendererDir, logger });
  });

  afterAll(async () => {
    await host.close();
  });

  const ipcUrl = () => `${host.origin.replace('http', 'ws')}/ipc?token=${host.token}`;

  it('accepts the token from its own origin', async () => {
    const ws = await open(ipcUrl(), host.origin);
    const reply = nextMessage(ws);

    ws.send(JSON.stringify({ id: 1, channel: 'app.info', payload: {} }));

    expect(await reply).toMatchObject({ id: 1, result: { ok: true } });
    ws.close();
  });

  it('refuses a wrong token', async () => {
    const url = ipcUrl().replace(/token=.*/, 'token=guess');

    await expect(open(url, host.origin)).rejects.toThrow('HTTP 401');
  });

  it('refuses a missing token', async () => {
    const url = ipcUrl().replace(/\?token=.*/, '');

    await expect(open(url, host.origin)).rejects.toThrow('HTTP 401');
  });

  it('refuses a foreign origin even with the token', async () => {
    await expect(open(ipcUrl(), 'http://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('answers a malformed message with invalid_request', async () => {
    const ws = await open(ipcUrl(), host.origin);
    const reply = nextMessage(ws);

    ws.send('{not json');

    expect(await reply).toMatchObject({
      result: { ok: false, error: { code: 'invalid_request' } },
    });
    ws.close();
  });

  it('names the failing field of a bad payload', async () => {
    const ws = await open(ipcUrl(), host.origin);
    const reply = nextMessage(ws);

    ws.send(JSON.stringify({ id: 7, channel: 'app.echo', payload: { message: '' } }));

    const message = (await reply) as { result: { error: { code: string; message: string } } };
    expect(message.result.error.code).toBe('invalid_request');
    expect(message.result.error.message).toContain('message');
  });

  it('survives a message over the size limit', async () => {
    const ws = await open(ipcUrl(), host.origin);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

    ws.send(
      JSON.stringify({
        id: 1,
        channel: 'app.echo',
        payload: { message: 'x'.repeat(70 * 1024 * 1024) },
      }),
    );

    expect(await closed).toBe(1009);
    const again = await open(ipcUrl(), host.origin);
    const reply = nextMessage(again);
    again.send(JSON.stringify({ id: 2, channel: 'app.info', payload: {} }));
    expect(await reply).toMatchObject({ id: 2, result: { ok: true } });
    again.close();
  });

  it('does not serve files outside the renderer folder', async () => {
    const response = await fetch(`${host.origin}/%2e%2e/%2e%2e/package.json`);

    expect(response.status).toBe(404);
  });
});
