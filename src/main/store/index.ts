/**
 * The station store: the station's SQLite database (better-sqlite3 + drizzle-orm).
 *
 *   const store = openStationStore({ file, logger });
 *   const { unit, event } = store.units.pack({ orderNumber, lineId, sku, serial, packer, stationId });
 *   store.transaction(() => { store.units.pack(...); store.session.save(...); });
 *   store.close();
 *
 * Contracts:
 * - Every write runs in one transaction. A write that records something the server must
 *   learn (`orders.claim`, `units.pack`, `units.remove`, `units.replaceSerial`) appends its
 *   sync event to the outbox in that same transaction, so both exist or neither does.
 *   Calls made inside `transaction(fn)` join it (as savepoints) and commit with it.
 * - Outbox seqs start at 1 and increase by one per database with no gaps. The client id is
 *   a random UUID created with the database (`syncState.clientId()`).
 * - A committed write survives a process crash (tested with SIGKILL) and, on a disk that
 *   honours fsync, a power loss (WAL with `synchronous = FULL`).
 * - Errors are `AppError`s with a `StoreErrorCode`: a disk that is full or read-only gives
 *   `storage_unavailable` and nothing of the write is kept, while reads go on working. At
 *   start-up a database from a newer version gives `store_newer_version` and a damaged one
 *   `store_corrupt`; neither file is changed, and the store never recreates a database.
 * - Serial lookups compare case-insensitively (`serial_key`); stored serials keep their case.
 * - The methods are synchronous; call them from the main process only.
 */
import type { AuditRepository } from './audit';
import { createAuditRepository } from './audit';
import type { CatalogRepository } from './catalog';
import { createCatalogRepository } from './catalog';
import { writeTransaction } from './context';
import type { StoreContext } from './context';
import type { HistoryRepository } from './history';
import { createHistoryRepository } from './history';
import { openConnection } from './open';
import type { OpenStoreOptions } from './open';
import type { OrdersRepository } from './orders';
import { createOrdersRepository } from './orders';
import type { OutboxRepository } from './outbox';
import { createOutboxRepository } from './outbox';
import type { SessionRepository } from './session';
import { createSessionRepository } from './session';
import type { SettingsRepository } from './settings';
import { createSettingsRepository } from './settings';
import type { ShipmentsRepository } from './shipments';
import { createShipmentsRepository } from './shipments';
import type { SyncStateRepository } from './sync-state';
import { createSyncStateRepository } from './sync-state';
import type { UnitsRepository } from './units';
import { createUnitsRepository } from './units';

export type { AuditEntry, AuditEntryInput } from './audit';
export type { StoreErrorCode } from './errors';
export type { HistoryPage, HistoryPageRequest, HistoryQuery } from './history';
export type { OpenStoreOptions } from './open';
export type { ClaimOrderInput } from './orders';
export type { NewSyncEvent, OutboxEntry, OutboxStats, OutboxStatus } from './outbox';
export type { PackSessionRecord, StoredPackSession } from './session';
export type { Shipment } from './shipments';
export type { PullStream } from './sync-state';
export type {
  PackUnitInput,
  RemoveUnitInput,
  ReplaceSerialInput,
  StoredUnit,
  UnitChange,
} from './units';

export interface StoreDiagnostics {
  journalMode: string;
  /** `PRAGMA synchronous`: 0 off, 1 normal, 2 full, 3 extra. */
  synchronous: number;
  schemaVersion: number;
  sizeBytes: number;
}

export interface StationStore {
  catalog: CatalogRepository;
  orders: OrdersRepository;
  settings: SettingsRepository;
  session: SessionRepository;
  units: UnitsRepository;
  shipments: ShipmentsRepository;
  outbox: OutboxRepository;
  audit: AuditRepository;
  syncState: SyncStateRepository;
  history: HistoryRepository;
  /** Runs `work` in one write transaction: every store write inside commits with it or not at all. */
  transaction<T>(work: () => T): T;
  /** Settings and size of the open database, for diagnostics. */
  diagnostics(): StoreDiagnostics;
  /** `PRAGMA integrity_check`: `['ok']` for a sound database, otherwise the problems found. */
  integrityCheck(): string[];
  close(): void;
}

/** Opens (creating and migrating if needed) the station database at `options.file`. */
export function openStationStore(options: OpenStoreOptions): StationStore {
  const context = openConnection(options);
  return createStationStore(context);
}

function createStationStore(context: StoreContext): StationStore {
  const store: StationStore = {
    catalog: createCatalogRepository(context),
    orders: createOrdersRepository(context),
    settings: createSettingsRepository(context),
    session: createSessionRepository(context),
    units: createUnitsRepository(context),
    shipments: createShipmentsRepository(context),
    outbox: createOutboxRepository(context),
    audit: createAuditRepository(context),
    syncState: createSyncStateRepository(context),
    history: createHistoryRepository(context),
    transaction: (work) => writeTransaction(context, 'transaction', work),
    diagnostics: () => diagnosticsOf(context),
    integrityCheck: () =>
      (context.sqlite.pragma('integrity_check') as { integrity_check: string }[]).map(
        (row) => row.integrity_check,
      ),
    close: () => {
      context.sqlite.close();
      context.logger.info('closed station database');
    },
  };

  context.logger.info(
    { clientId: store.syncState.clientId(), lastSeq: store.syncState.lastSeq() },
    'opened station database',
  );
  return store;
}

function diagnosticsOf({ sqlite }: StoreContext): StoreDiagnostics {
  const pragma = (name: string): unknown => sqlite.pragma(name, { simple: true });

  return {
    journalMode: String(pragma('journal_mode')),
    synchronous: Number(pragma('synchronous')),
    schemaVersion: Number(pragma('user_version')),
    sizeBytes: Number(pragma('page_count')) * Number(pragma('page_size')),
  };
}
