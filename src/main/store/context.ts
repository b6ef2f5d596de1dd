import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

import { isAppError } from '../../shared/errors';
import type { Logger } from '../logger';
import { isCorruption, isStorageFailure, storageUnavailableMessage, storeError } from './errors';
import type * as schema from './schema';

/** Repository dependencies: the open connection, a logger, the clock and the serial key. */
export interface StoreContext {
  sqlite: Database.Database;
  db: BetterSQLite3Database<typeof schema>;
  logger: Logger;
  /** Milliseconds since the Unix epoch; replaced by a fake clock in tests. */
  now: () => number;
  /** The case-insensitive serial comparison key stored in `packed_units.serial_key`. */
  serialKey: (serial: string) => string;
}

/**
 * Runs `work` in one write transaction (`BEGIN IMMEDIATE`, or a savepoint when a
 * transaction is already open) so it commits whole or not at all. A disk that cannot be
 * written becomes `storage_unavailable`; the connection stays usable for reads.
 */
export function writeTransaction<T>(context: StoreContext, operation: string, work: () => T): T {
  try {
    return context.sqlite.transaction(work).immediate();
  } catch (error) {
    throw translateSqliteError(context, operation, error);
  }
}

/** Runs a read and turns SQLite failures into store errors, like `writeTransaction`. */
export function read<T>(context: StoreContext, operation: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw translateSqliteError(context, operation, error);
  }
}

function translateSqliteError(context: StoreContext, operation: string, error: unknown): unknown {
  if (isAppError(error)) {
    return error;
  }

  const code = sqliteCodeOf(error);
  if (code === undefined) {
    return error;
  }

  if (isStorageFailure(code)) {
    context.logger.error(
      { err: error, operation, sqliteCode: code },
      'station database unavailable',
    );
    return storeError('storage_unavailable', storageUnavailableMessage(code), {
      operation,
      sqliteCode: code,
    });
  }

  if (isCorruption(code)) {
    context.logger.error({ err: error, operation, sqliteCode: code }, 'store is corrupt');
    return storeError(
      'store_corrupt',
      `The station database is damaged (${code}). Stop packing on this station and ask IT to restore it from the server; do not delete the file.`,
      { operation, sqliteCode: code },
    );
  }

  return error;
}

export function sqliteCodeOf(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code.startsWith('SQLITE_') ? error.code : undefined;
  }

  return undefined;
}
