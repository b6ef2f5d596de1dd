import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { AppError } from '../../../src/shared/errors';
import type { Order, Product } from '../../../src/shared/domain';
import type { PackView } from '../../../src/shared/ipc/channels/pack';
import type { SyncStatus } from '../../../src/shared/ipc/channels/supervisor';
import type { Scan } from '../../../src/shared/scanner/scan';
import { createLogger } from '../../../src/main/logger';
import type { Logger } from '../../../src/main/logger';
import { PackingService } from '../../../src/main/packing';
import type { BackendPort, ShipOutcome, SyncPort } from '../../../src/main/packing';
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
  packing: PackingService;
  views: PackView[];
  logger: Logger;
  /** Closes the store and opens it again with a new service, like a restart of the app. */
  restart(): void;
  close(): void;
}

export interface StationOptions {
  sync?: SyncPort;
  backend?: BackendPort | null;
  /** Skips caching the demo catalog and orders. */
  empty?: boolean;
}

export function openTestStation(options: StationOptions = {}): TestStation {
  const folder = mkdtempSync(path.join(tmpdir(), 'packing-'));
  const file = path.join(folder, 'station.db');
  const logger = createLogger({ level: 'silent' });
  const views: PackView[] = [];
  const sync = options.sync ?? new DisconnectedSync();

  const open = (): { store: StationStore; packing: PackingService } => {
    const store = openStationStore({ file, logger });
    const packing = new PackingService({
      store,
      sync,
      backend: options.backend ?? null,
      identity: () => ({ stationName: 'station-1', packerName: 'Ada' }),
      logger,
      onChange: (view) => views.push(view),
    });
    return { store, packing };
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
    restart() {
      station.store.close();
      Object.assign(station, open());
    },
    close() {
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

/**
 * A station whose sync engine cannot reach any server: fetching fails and every label
 * stays pending. It stands in for the network being down.
 */
export class DisconnectedSync implements SyncPort {
  wakes = 0;
  shipRequests: string[] = [];

  wake(): void {
    this.wakes += 1;
  }

  status(): SyncStatus {
    return {
      online: false,
      backendUrl: null,
      queueLength: 0,
      oldestUnsentAgeMs: null,
      lastError: null,
      lastSyncAt: null,
      labelPendingOrders: this.shipRequests,
      rejected: [],
    };
  }

  async retryNow(): Promise<SyncStatus> {
    return this.status();
  }

  dismissRejected(): SyncStatus {
    return this.status();
  }

  subscribe(): () => void {
    return () => undefined;
  }

  async fetchOrder(orderNumber: string): Promise<Order | null> {
    throw new AppError(
      'backend_unreachable',
      `The server could not be reached to fetch ${orderNumber}.`,
    );
  }

  async shipOrder(orderNumber: string): Promise<ShipOutcome> {
    this.shipRequests.push(orderNumber);
    return { status: 'label_pending', reason: 'the server cannot be reached' };
  }

  async label(trackingNumber: string): Promise<{ pdf: Uint8Array; zpl: string }> {
    throw new AppError('backend_unreachable', `No label for ${trackingNumber} while offline.`);
  }

  async close(): Promise<void> {}
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
