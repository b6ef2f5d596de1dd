import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

import { AppError } from '../../shared/errors';
import { createLogger } from '../logger';
import * as schema from './schema';

const poolLogger = createLogger().child({ component: 'database' });

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** The database or an open transaction: the services take either. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export type DatabaseLocation = { url: string } | { dataDir: string } | { inMemory: true };

const migrationsFolder = path.join(import.meta.dirname, 'migrations');

/**
 * Opens PostgreSQL (`url`) or an embedded PGlite database (`dataDir`, or in memory), then
 * applies the migrations. A database migrated by a newer version of the server is
 * rejected before anything is written to it.
 */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  const opened = 'url' in location ? openPostgres(location.url) : await openPglite(location);

  try {
    await rejectNewerDatabase(opened.db);
    if (opened.driver === 'postgres') {
      await migrateNodePostgres(opened.db as never, { migrationsFolder });
    } else {
      await migratePglite(opened.db as never, { migrationsFolder });
    }
    await opened.db.execute(
      sql`insert into change_clock (id, value) values (1, 0) on conflict (id) do nothing`,
    );
  } catch (error) {
    await opened.close();
    throw error;
  }

  return opened;
}

/** Runs raw SQL and returns its rows; both drivers answer with `{rows}`. */
export async function queryRows<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const result = (await executor.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/**
 * Takes the next value of the change clock. The clock row stays locked until the
 * transaction ends, so versions become visible in the order they were taken and a pull
 * cursor never skips a change that commits late.
 */
export async function nextVersion(tx: Executor): Promise<number> {
  const rows = await queryRows<{ value: string | number }>(
    tx,
    sql`update change_clock set value = value + 1 where id = 1 returning value`,
  );
  return Number(rows[0]?.value);
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.PACKING_DB_POOL_SIZE ?? 20),
  });

  // An idle client whose connection drops (PostgreSQL restarted, say) emits 'error' on the
  // pool. Unhandled, that event ends the process; handled, the pool discards the client and
  // the next query opens a new connection.
  pool.on('error', (error) => {
    poolLogger.warn({ err: error }, 'lost an idle PostgreSQL connection; the pool will reconnect');
  });
  return {
    db: drizzleNodePostgres(pool, { schema }) as unknown as Db,
    driver: 'postgres',
    close: () => pool.end(),
  };
}

async function openPglite(location: { dataDir: string } | { inMemory: true }): Promise<Database> {
  let client: PGlite;
  if ('dataDir' in location) {
    await mkdir(location.dataDir, { recursive: true });
    client = await PGlite.create(location.dataDir);
  } else {
    client = await PGlite.create();
  }
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    driver: 'pglite',
    close: () => client.close(),
  };
}

async function rejectNewerDatabase(db: Db): Promise<void> {
  const exists = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (exists[0]?.present !== true) return;

  const applied = await queryRows<{ newest: string | null }>(
    db,
    sql`select max(created_at)::text as newest from drizzle.__drizzle_migrations`,
  );
  const newestApplied = Number(applied[0]?.newest ?? 0);
  const newestKnown = newestMigrationTime();
  if (newestApplied > newestKnown) {
    throw new AppError(
      'database_too_new',
      'The database was migrated by a newer version of the server. Run that version, or point this one at another database.',
      { newestApplied, newestKnown },
    );
  }
}

function newestMigrationTime(): number {
  const journalPath = path.join(migrationsFolder, 'meta', '_journal.json');
  if (!existsSync(journalPath)) return 0;
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}
