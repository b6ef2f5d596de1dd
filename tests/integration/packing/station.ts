import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Order, Product } from '../../../src/shared/domain';
import type { PackView } from '../../../src/shared/ipc/channels/pack';
import type { Scan } from '../../../src/shared/scanner/scan';
import { createLogger } from '../../../src/main/logger';
import type { Logger } from '../../../src/main/logger';
import { PackingService } from '../../../src/main/packing';
import type { BackendClient } from '../../../src/main/backend';
import { createSyncEngine } from '../../../src/main/sync';
import type { SyncEngine } from '../../../src/main/sync';
import { openStationStore } from '../../../src/main/store';
import type { StationStore } from '../../../src/main/store';

/** Products and orders as a station caches them from the demo catalog. */
export const products: Product[] = [
  product('DEMO-SCANNER', 'Handheld barcode scanner (demo)', true, '09506000134352'),
  product('DEMO-CABLE', 'USB-C cable 1 m (demo)', false, '09506000134383'),
  product('DEMO-PHONE', 'Smartphone (demo)', true, '09506000134376'),
  { ...product('DEMO-KIT', 'Scanner starter kit (demo)', false, '09506000134406'), kind: 'kit' },
  {
    ...product('DEMO-LAPTOP', 'Laptop 14 inch (demo)', true, '09506000134369'),
    serialFormat: { minLength: 6, maxLength: 20, prefix: 'LT' },
  },
];

export const orders: Order[] = [
  order('DEMO-1001', [
    ['1', 'DEMO-SCANNER', 2],
    ['2', 'DEMO-CABLE', 1],
  ]),
  order('DEMO-1002', [['1', 'DEMO-LAPTOP', 1]]),
  order('DEMO-1003', [
    ['1', 'DEMO-KIT', 1],
    ['2', 'DEMO-PHONE', 1],
  ]),
];

export interface TestStation {
  folder: string;
  file: string;
  store: StationStore;
  engine: SyncEngine;
  packing: PackingService;
  views: PackView[];
  logger: Logger;
  /** Closes the store and opens it again with a new service, like a restart of the app. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface StationOptions {
  /** The backend client; without one the sync engine stays offline. */
  client?: BackendClient | null;
  /** Skips caching the demo catalog and orders. */
  empty?: boolean;
}

export function openTestStation(options: StationOptions = {}): TestStation {
  const folder = mkdtempSync(path.join(tmpdir(), 'packing-'));
  const file = path.join(folder, 'station.db');
  const logger = createLogger({ level: 'silent' });
  const views: PackView[] = [];
  const client = options.client ?? null;

  const open = (): { store: StationStore; engine: SyncEngine; packing: PackingService } => {
    const store = openStationStore({ file, logger });
    const engine = createSyncEngine({ store, client, logger, pullIntervalMs: 3_600_000 });
    const packing = new PackingService({
      store,
      sync: engine,
      backend: client,
      identity: () => ({ stationName: 'station-1', packerName: 'Ada' }),
      logger,
      onChange: (view) => views.push(view),
    });
    return { store, engine, packing };
  };

  const first = open();
  if (options.empty !== true) {
    first.store.catalog.upsert(products);
    first.store.orders.upsert(orders);
  }

  const station: TestStation = {
    folder,
    file,
    ...first,
    views,
    logger,
    async restart() {
      await station.packing.close();
      await station.engine.stop();
      station.store.close();
      Object.assign(station, open());
    },
    async close() {
      await station.packing.close();
      await station.engine.stop();
      station.store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return station;
}

export function scanOf(text: string, symbology: string | null = null): Scan {
  return {
    text,
    symbology,
    gs1: null,
    source: 'wedge',
    device: null,
    time: new Date().toISOString(),
  };
}

function product(sku: string, name: string, needsSerialNumber: boolean, gtin: string): Product {
  return {
    sku,
    name,
    kind: 'standard',
    needsSerialNumber,
    barcodes: [gtin],
    serialFormat: null,
    version: 1,
  };
}

function order(orderNumber: string, lines: [string, string, number][]): Order {
  return {
    orderNumber,
    status: 'open',
    claimedBy: null,
    lines: lines.map(([lineId, sku, quantity]) => ({ lineId, sku, quantity })),
    version: 1,
  };
}
