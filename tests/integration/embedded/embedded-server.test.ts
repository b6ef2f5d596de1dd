import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { embeddedEntrySource, nodeLauncher, startEmbeddedServer } from '../../../src/main/embedded';
import type { EmbeddedServer } from '../../../src/main/embedded';
import { captureLogger } from '../../support/capture-logger';

// Runs the real server entry in a child process (child_process.fork through tsx), with its
// PGlite database in a temporary folder, and talks to it over HTTP on 127.0.0.1.
const launcher = nodeLauncher(embeddedEntrySource(), { execArgv: ['--import', 'tsx'] });

let folder: string;
let sharedFolder: string;

async function start(parent: string, options: { demoData?: boolean } = {}) {
  const capture = captureLogger();
  const server = await startEmbeddedServer({
    dataDir: path.join(parent, 'embedded-server'),
    logger: capture.logger,
    launcher,
    ...options,
  });

  return { server, lines: capture.lines };
}

async function post(server: EmbeddedServer, url: string, token: string, body: unknown) {
  const response = await fetch(`${server.url}/v1${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  return response.status;
}

async function get(server: EmbeddedServer, url: string, token: string) {
  const response = await fetch(`${server.url}/v1${url}`, {
    headers: { authorization: `Bearer ${token}` },
  });

  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function orderNumbers(body: Record<string, unknown>): string[] {
  return (body.orders as { orderNumber: string }[]).map((order) => order.orderNumber);
}

describe('embedded server, first start', () => {
  let server: EmbeddedServer;
  let lines: () => Record<string, unknown>[];

  beforeAll(async () => {
    sharedFolder = mkdtempSync(path.join(tmpdir(), 'embedded-server-'));
    ({ server, lines } = await start(sharedFolder));
  });

  afterAll(async () => {
    await server.stop();
    rmSync(sharedFolder, { recursive: true, force: true });
  });

  it('listens on loopback with working tokens', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get(server, '/orders', server.stationToken)).status).toBe(200);
    expect((await get(server, '/orders', 'pst_not-a-real-token')).status).toBe(401);
  });

  it('gives the admin token admin rights', async () => {
    const product = {
      sku: 'TEST-1',
      name: 'Test product',
      kind: 'standard',
      needsSerialNumber: true,
      barcodes: [],
      serialFormat: null,
    };

    const asStation = await post(server, '/products', server.stationToken, product);
    const asAdmin = await post(server, '/products', server.adminToken, product);

    expect(asStation).toBe(403);
    expect(asAdmin).toBe(201);
  });

  it('loads labelled demo data', async () => {
    const orders = await get(server, '/orders', server.stationToken);
    const products = await get(server, '/products?q=DEMO-', server.stationToken);

    expect(server.demoDataLoaded).toBe(true);
    expect(orderNumbers(orders.body).length).toBeGreaterThan(0);
    expect(orderNumbers(orders.body).every((number) => number.startsWith('DEMO-'))).toBe(true);
    const names = (products.body.products as { name: string }[]).map((product) => product.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => name.endsWith('(demo)'))).toBe(true);
  });

  it('never logs the tokens', async () => {
    await get(server, '/orders', server.stationToken);

    const log = JSON.stringify(lines());

    expect(log).toContain('embedded server ready');
    expect(log).not.toContain(server.stationToken);
    expect(log).not.toContain(server.adminToken);
  });
});

describe('embedded server, later starts', () => {
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'embedded-server-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps data, renews tokens, removes demo data', async () => {
    const first = (await start(folder)).server;
    const oldToken = first.stationToken;
    await first.stop();
    await first.stop();

    await expect(fetch(`${first.url}/v1/orders`)).rejects.toThrow();

    const second = (await start(folder)).server;

    expect(second.stationToken).not.toBe(oldToken);
    expect(second.demoDataLoaded).toBe(false);
    expect((await get(second, '/orders', oldToken)).status).toBe(401);
    expect(orderNumbers((await get(second, '/orders', second.stationToken)).body)).toContain(
      'DEMO-1001',
    );

    const removed = await second.removeDemoData();
    await second.stop();
    const third = (await start(folder)).server;
    const orders = await get(third, '/orders', third.stationToken);
    await third.stop();

    expect(removed.orders).toBeGreaterThan(0);
    expect(third.demoDataLoaded).toBe(false);
    expect(orderNumbers(orders.body)).toEqual([]);
    const state = JSON.parse(
      readFileSync(path.join(folder, 'embedded-server', 'demo-data.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(state.removedAt).toEqual(expect.any(String));
  });

  it('starts empty when demo data is off', async () => {
    const { server } = await start(folder, { demoData: false });

    const orders = await get(server, '/orders', server.stationToken);
    await server.stop();

    expect(server.demoDataLoaded).toBe(false);
    expect(orderNumbers(orders.body)).toEqual([]);
  });

  it('reports a server that exits before it is ready', async () => {
    mkdirSync(path.join(folder, 'embedded-server'));
    writeFileSync(path.join(folder, 'embedded-server', 'pgdata'), 'not a folder');

    const error = await startEmbeddedServer({
      dataDir: path.join(folder, 'embedded-server'),
      logger: captureLogger().logger,
      launcher,
    }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'embedded_server_failed' });
    expect((error as Error).message).toContain('pgdata');
  });

  it('kills a server that never becomes ready', async () => {
    const silent = path.join(folder, 'silent.mjs');
    writeFileSync(silent, 'setInterval(() => {}, 1000);\n');

    const error = await startEmbeddedServer({
      dataDir: path.join(folder, 'embedded-server'),
      logger: captureLogger().logger,
      launcher: nodeLauncher(silent),
      startTimeoutMs: 1500,
    }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'embedded_server_timeout' });
  });
});
