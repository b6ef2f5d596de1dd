import { randomUUID } from 'node:crypto';

import { sql } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';

import { createToken } from '../../../src/server/auth/tokens';
import { openDatabase } from '../../../src/server/db/database';
import type { Database } from '../../../src/server/db/database';
import { createLogger } from '../../../src/server/logger';
import { startServer } from '../../../src/server/server';
import type { RunningServer } from '../../../src/server/server';

/** Both database drivers the server supports; integration suites run once per driver. */
export const drivers = ['pglite', 'postgres'] as const;
export type Driver = (typeof drivers)[number];

export interface TestServer {
  url: string;
  database: Database;
  adminToken: string;
  stationToken: string;
  /** Empties every table and issues fresh tokens. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** Starts the real server on 127.0.0.1 with a fresh database of the given driver. */
export async function startTestServer(driver: Driver): Promise<TestServer> {
  const { location, dropDatabase } = await freshDatabase(driver);
  const database = await openDatabase(location);
  let server: RunningServer;
  try {
    server = await startServer(database, {
      host: '127.0.0.1',
      port: 0,
      logger: createLogger({ level: 'silent' }),
    });
  } catch (error) {
    await database.close();
    throw error;
  }

  const harness: TestServer = {
    url: server.url,
    database,
    adminToken: '',
    stationToken: '',
    reset: async () => {
      await database.db
        .execute(sql`truncate api_tokens, audit_log, order_lines, orders, packed_units, products,
        serial_changes, settings, shipments, shipped_serials, sync_clients, sync_events`);
      harness.adminToken = (await createToken(database.db, 'test-admin', 'admin')).token;
      harness.stationToken = (await createToken(database.db, 'test-station', 'station')).token;
    },
    close: async () => {
      await server.close();
      await database.close();
      await dropDatabase();
    },
  };
  await harness.reset();
  return harness;
}

/** Sends one request; `csv` sends a text/csv body, `body` a JSON one. */
export async function call(
  server: TestServer,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; csv?: string; accept?: string } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? server.adminToken : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.accept !== undefined) headers.accept = options.accept;

  let body: string | undefined;
  if (options.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = options.csv;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  const response = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown = undefined;
  if ((response.headers.get('content-type') ?? '').includes('application/json'))
    json = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, json };
}

export async function createProducts(
  server: TestServer,
  products: {
    sku: string;
    name?: string;
    kind?: string;
    needsSerialNumber?: boolean;
    barcodes?: string[];
  }[],
): Promise<void> {
  for (const product of products) {
    const response = await call(server, 'POST', '/v1/products', {
      body: { name: `${product.sku} name`, kind: 'standard', needsSerialNumber: false, ...product },
    });
    if (response.status !== 201)
      throw new Error(`creating ${product.sku} failed: ${response.text}`);
  }
}

export async function createOrder(
  server: TestServer,
  orderNumber: string,
  lines: { lineId?: string; sku: string; quantity: number }[],
): Promise<void> {
  const response = await call(server, 'POST', '/v1/orders', { body: { orderNumber, lines } });
  if (response.status !== 201) throw new Error(`creating ${orderNumber} failed: ${response.text}`);
}

/** Builds outbox events for one station client with seqs from `firstSeq`. */
export class StationOutbox {
  readonly clientId = randomUUID();
  private seq = 0;

  constructor(
    readonly stationId: string,
    readonly packer = 'packer-1',
  ) {}

  claim(orderNumber: string) {
    return this.event('order.claim', { orderNumber, stationId: this.stationId });
  }

  pack(
    orderNumber: string,
    lineId: string,
    sku: string,
    serial: string | null,
    unitId: string = randomUUID(),
  ) {
    return this.event('unit.pack', {
      unitId,
      orderNumber,
      lineId,
      sku,
      serial,
      packer: this.packer,
      stationId: this.stationId,
    });
  }

  remove(orderNumber: string, unitId: string, reason = 'scanned the wrong unit') {
    return this.event('unit.remove', { unitId, orderNumber, reason, packer: this.packer });
  }

  replaceSerial(
    orderNumber: string,
    unitId: string,
    serial: string,
    reason = 'wrong label scanned',
  ) {
    return this.event('unit.replace_serial', {
      unitId,
      orderNumber,
      serial,
      reason,
      packer: this.packer,
    });
  }

  private event(type: string, payload: Record<string, unknown>) {
    this.seq += 1;
    return { seq: this.seq, id: randomUUID(), type, occurredAt: new Date().toISOString(), payload };
  }
}

export function push(server: TestServer, clientId: string, events: unknown[], token?: string) {
  return call(server, 'POST', '/v1/sync/push', {
    body: { clientId, events },
    token: token ?? server.stationToken,
  });
}

async function freshDatabase(driver: Driver) {
  if (driver === 'pglite')
    return { location: { inMemory: true as const }, dropDatabase: async () => undefined };

  const adminUrl = inject('postgresUrl');
  const name = `packing_test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    location: { url: url.toString() },
    dropDatabase: async () => {
      const client = new pg.Client(adminUrl);
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
