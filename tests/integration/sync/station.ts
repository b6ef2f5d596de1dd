import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createBackendClient } from '../../../src/main/backend';
import type { BackendClient } from '../../../src/main/backend';
import { createLogger } from '../../../src/main/logger';
import type { Logger } from '../../../src/main/logger';
import { openStationStore } from '../../../src/main/store';
import type { StationStore } from '../../../src/main/store';
import { createSyncEngine } from '../../../src/main/sync';
import type { SyncEngine, SyncEngineOptions } from '../../../src/main/sync';
import { captureLogger } from '../../support/capture-logger';
import type { ServerProcess } from './server-process';

/** One packing station for a test: a real SQLite file, a real client and the engine. */
export interface TestStation {
  name: string;
  file: string;
  store: StationStore;
  client: BackendClient;
  engine: SyncEngine;
  logLines: () => Record<string, unknown>[];
  /** Stops the engine and closes the database, like quitting the app. */
  close(): Promise<void>;
}

/** Fast retries so fault tests finish in seconds; the policy is the same, only smaller. */
export const testBackoff = { baseMs: 20, maxMs: 250 };

export function stationFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'packing-sync-'));
}

export function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

export function openStation(
  options: {
    name: string;
    folder: string;
    baseUrl: string;
    token: string;
  } & Partial<Pick<SyncEngineOptions, 'batchSize' | 'pushTimeoutMs' | 'clock' | 'random'>>,
): TestStation {
  const { logger, lines } = captureLogger();
  const file = path.join(options.folder, `${options.name}.sqlite`);
  const store = openStationStore({ file, logger });
  const client = createBackendClient({
    baseUrl: options.baseUrl,
    token: options.token,
    logger,
    timeoutMs: 5_000,
  });
  const engine = createSyncEngine({
    store,
    client,
    logger,
    backoff: testBackoff,
    pullIntervalMs: 3_600_000,
    pushTimeoutMs: options.pushTimeoutMs ?? 5_000,
    batchSize: options.batchSize,
    clock: options.clock,
    random: options.random,
  });

  return {
    name: options.name,
    file,
    store,
    client,
    engine,
    logLines: lines,
    async close() {
      await engine.stop();
      store.close();
    },
  };
}

export function quietLogger(): Logger {
  return createLogger({ level: 'silent' });
}

/** Products and orders most tests use: WIDGET-01 needs a serial, CABLE-02 does not. */
export async function seedCatalog(server: ServerProcess, orderNumbers: string[]): Promise<void> {
  await server.admin('POST', '/products', {
    sku: 'WIDGET-01',
    name: 'Widget',
    kind: 'standard',
    needsSerialNumber: true,
  });
  await server.admin('POST', '/products', {
    sku: 'CABLE-02',
    name: 'Cable',
    kind: 'standard',
    needsSerialNumber: false,
  });
  for (const orderNumber of orderNumbers) {
    await server.admin('POST', '/orders', {
      orderNumber,
      lines: [
        { lineId: '1', sku: 'WIDGET-01', quantity: 2 },
        { lineId: '2', sku: 'CABLE-02', quantity: 1 },
      ],
    });
  }
}

/** Packs a whole seeded order on the station (claim, two widgets, one cable); returns unit ids. */
export function packSeededOrder(
  station: TestStation,
  orderNumber: string,
  serials: [string, string],
): string[] {
  const stationId = station.name;
  const packer = 'pat';
  station.store.orders.claim({ orderNumber, stationId });

  const units = [
    station.store.units.pack({
      orderNumber,
      lineId: '1',
      sku: 'WIDGET-01',
      serial: serials[0],
      packer,
      stationId,
    }),
    station.store.units.pack({
      orderNumber,
      lineId: '1',
      sku: 'WIDGET-01',
      serial: serials[1],
      packer,
      stationId,
    }),
    station.store.units.pack({
      orderNumber,
      lineId: '2',
      sku: 'CABLE-02',
      serial: null,
      packer,
      stationId,
    }),
  ];
  return units.map((change) => change.unit.unitId);
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }

    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Unit ids the server holds for an order, sorted. */
export async function serverUnitIds(server: ServerProcess, orderNumber: string): Promise<string[]> {
  const order = (await server.admin('GET', `/orders/${orderNumber}`)) as {
    units: { unitId: string }[];
  };
  return order.units.map((unit) => unit.unitId).sort();
}
