import { randomUUID } from 'node:crypto';

import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { MigrationMeta } from 'drizzle-orm/migrator';

import type { Logger } from '../logger';
import { storeError } from './errors';

/**
 * Applies the drizzle-kit migrations of the station database. The schema version is the
 * number of migrations applied, kept in `PRAGMA user_version` so it can be read without
 * touching any table. `__drizzle_migrations` is filled the way drizzle-kit fills it, so
 * `drizzle-kit` tools see the same history.
 */

export function loadMigrations(folder: string): MigrationMeta[] {
  return readMigrationFiles({ migrationsFolder: folder });
}

export function schemaVersionOf(sqlite: Database.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/** Rejects a database whose schema version is above the migrations this build has. */
export function assertNotNewer(file: string, version: number, known: number): void {
  if (version <= known) {
    return;
  }

  throw storeError(
    'store_newer_version',
    `The station database ${file} was written by a newer version of Packing Station (schema version ${version}; this version knows up to ${known}). It was not opened or changed. Install the newer version of Packing Station.`,
    { file, schemaVersion: version, knownVersion: known },
  );
}

/**
 * Brings the database to the latest schema in one transaction and creates the client id
 * on first use. Does nothing, and writes nothing, when the database is already current.
 */
export function migrate(
  sqlite: Database.Database,
  file: string,
  migrations: MigrationMeta[],
  logger: Logger,
  now: () => number,
): void {
  if (schemaVersionOf(sqlite) === migrations.length && hasClientId(sqlite)) {
    return;
  }

  const upgrade = sqlite.transaction(() => {
    const from = schemaVersionOf(sqlite);
    assertNotNewer(file, from, migrations.length);

    sqlite.exec(
      'CREATE TABLE IF NOT EXISTS __drizzle_migrations (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, created_at NUMERIC)',
    );
    const record = sqlite.prepare(
      'INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)',
    );

    for (const migration of migrations.slice(from)) {
      for (const statement of migration.sql) {
        if (statement.trim() !== '') {
          sqlite.exec(statement);
        }
      }

      record.run(migration.hash, migration.folderMillis);
    }

    sqlite.pragma(`user_version = ${migrations.length}`);

    if (!hasClientId(sqlite)) {
      const clientId = randomUUID();
      sqlite
        .prepare('INSERT INTO sync_state (id, client_id, last_seq, created_at) VALUES (1, ?, 0, ?)')
        .run(clientId, now());
      logger.info({ file, clientId }, 'created station database');
    }

    if (from !== migrations.length) {
      logger.info({ file, from, to: migrations.length }, 'migrated station database');
    }
  });

  upgrade.immediate();
}

function hasClientId(sqlite: Database.Database): boolean {
  const table = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'")
    .get();
  if (table === undefined) {
    return false;
  }

  return sqlite.prepare('SELECT 1 FROM sync_state WHERE id = 1').get() !== undefined;
}
