import { randomUUID } from 'node:crypto';

import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { openDatabase, queryRows } from '../../../src/server/db/database';

describe('migrations on postgres', () => {
  const adminUrl = inject('postgresUrl');
  const name = `packing_migrations_${randomUUID().replace(/-/g, '')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  beforeAll(async () => {
    const admin = new pg.Client(adminUrl);
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
  });
  afterAll(async () => {
    const admin = new pg.Client(adminUrl);
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('applies once and rejects a database from a newer server', async () => {
    const first = await openDatabase({ url: url.toString() });
    const tables = await queryRows<{ count: number }>(
      first.db,
      sql`select count(*)::int as count from information_schema.tables where table_schema = 'public'`,
    );
    await first.close();
    const again = await openDatabase({ url: url.toString() });
    await again.db.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', 99999999999999)`,
    );
    await again.close();

    const opening = openDatabase({ url: url.toString() });

    expect(tables[0]!.count).toBe(13);
    await expect(opening).rejects.toMatchObject({ code: 'database_too_new' });
  });
});
