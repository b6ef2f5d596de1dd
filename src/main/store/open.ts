import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';

import { isAppError } from '../../shared/errors';
import type { Logger } from '../logger';
import { sqliteCodeOf } from './context';
import type { StoreContext } from './context';
import { isCorruption, isStorageFailure, storageUnavailableMessage, storeError } from './errors';
import { assertNotNewer, loadMigrations, migrate, schemaVersionOf } from './migrate';
import * as schema from './schema';
import { serialKey as sharedSerialKey } from '../../shared/serial';

export interface OpenStoreOptions {
  /** Path of the database file; created with its parent folder's permissions if missing. */
  file: string;
  logger: Logger;
  /** Opens without write access: every write then fails with `storage_unavailable`. */
  readonly?: boolean;
  now?: () => number;
  /**
   * Largest size the database may grow to, in bytes (`PRAGMA max_page_count`). A write
   * beyond it fails with SQLITE_FULL exactly as on a full disk, so `storage_unavailable`.
   */
  maxSizeBytes?: number;
  /** Folder of the drizzle-kit migrations; defaults to the one next to this module. */
  migrationsFolder?: string;
}

// NOTE: a bundled main process must ship this folder next to the bundle, or pass
// `migrationsFolder`, because the migrations are read from disk at start-up.
function defaultMigrationsFolder(): string {
  return fileURLToPath(new URL('./migrations', import.meta.url));
}

/**
 * Opens the station database: checks an existing file first (schema version, then
 * `PRAGMA quick_check`) on a read-only connection, so a database from a newer version or
 * a damaged one is rejected without a single byte written. It never recreates a file.
 */
export function openConnection(options: OpenStoreOptions): StoreContext {
  const logger = options.logger.child({ component: 'store' });
  const now = options.now ?? Date.now;
  const migrations = loadMigrations(options.migrationsFolder ?? defaultMigrationsFolder());

  if (existsSync(options.file) && statSync(options.file).size > 0) {
    inspectExisting(options.file, migrations.length, logger);
  }

  const sqlite = openOrExplain(options.file, options.readonly === true, logger);

  try {
    configure(sqlite, options.readonly === true);
    if (options.maxSizeBytes !== undefined) {
      limitSize(sqlite, options.maxSizeBytes);
    }

    if (options.readonly === true) {
      assertMigrated(sqlite, options.file, migrations.length);
    } else {
      migrate(sqlite, options.file, migrations, logger, now);
    }
  } catch (error) {
    sqlite.close();
    throw explainStartupError(options.file, error, logger);
  }

  const db = drizzle(sqlite, { schema });
  return { sqlite, db, logger, now, serialKey: sharedSerialKey };
}

/**
 * Durability: WAL with `synchronous = FULL`. In WAL mode `NORMAL` syncs only at
 * checkpoints, so after a power loss the packs committed since the last checkpoint would
 * roll back although the packer saw them saved. `FULL` syncs the WAL at every commit, so
 * a pack that `units.pack` returned survives power loss. The cost is one fsync per commit.
 */
function configure(sqlite: Database.Database, readonly: boolean): void {
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');

  if (!readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
  }
}

function assertMigrated(sqlite: Database.Database, file: string, known: number): void {
  const version = schemaVersionOf(sqlite);
  if (version === known) {
    return;
  }

  throw storeError(
    'storage_unavailable',
    `The station database ${file} needs an upgrade (schema version ${version} of ${known}) but was opened read-only. Open it with write access once to upgrade it.`,
    { file, schemaVersion: version, knownVersion: known },
  );
}

function limitSize(sqlite: Database.Database, maxSizeBytes: number): void {
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  sqlite.pragma(`max_page_count = ${Math.max(1, Math.floor(maxSizeBytes / pageSize))}`);
}

function inspectExisting(file: string, knownVersion: number, logger: Logger): void {
  let probe: Database.Database | undefined;

  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    assertNotNewer(file, schemaVersionOf(probe), knownVersion);

    const problems = (probe.pragma('quick_check') as { quick_check: string }[]).map(
      (row) => row.quick_check,
    );
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw corruptError(file, problems.slice(0, 10).join('; '));
    }
  } catch (error) {
    throw explainStartupError(file, error, logger);
  } finally {
    probe?.close();
  }
}

function openOrExplain(file: string, readonly: boolean, logger: Logger): Database.Database {
  try {
    return new Database(file, { readonly });
  } catch (error) {
    throw explainStartupError(file, error, logger);
  }
}

function explainStartupError(file: string, error: unknown, logger: Logger): unknown {
  if (isAppError(error)) {
    logger.error({ file, code: error.code, details: error.details }, 'station database rejected');
    return error;
  }

  const code = sqliteCodeOf(error);
  if (code !== undefined && isCorruption(code)) {
    logger.error({ file, err: error }, 'station database is corrupt');
    return corruptError(file, code);
  }

  if (code !== undefined && isStorageFailure(code)) {
    logger.error({ file, err: error }, 'station database cannot be opened');
    return storeError('storage_unavailable', storageUnavailableMessage(code), {
      file,
      sqliteCode: code,
    });
  }

  return error;
}

function corruptError(file: string, problem: string) {
  return storeError(
    'store_corrupt',
    `The station database ${file} is damaged (${problem}). It was not changed. Keep the file for IT, then restore the station from the server; do not delete it.`,
    { file, problem },
  );
}
