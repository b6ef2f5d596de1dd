import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { queryRows } from '../../../src/server/db/database';
import { startTestServer } from './harness';
import type { TestServer } from './harness';

/** Plans of the hot lookups on PostgreSQL, with enough rows that a full scan would cost more. */
describe('query plans on postgres', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    await server.database.db.execute(sql`
      insert into shipped_serials
        (serial, serial_key, sku, product_name, order_number, tracking_number, shipped_at, packer, station_id, unit_id)
      select 'SN' || n, 'SN' || n, 'SKU-' || (n % 50), 'Product', 'ORD-' || (n / 4), 'PS' || n,
             timestamptz '2026-01-01' + n * interval '1 minute', 'packer', 'station', md5(n::text)::uuid
      from generate_series(1, 20000) as n`);
    await server.database.db.execute(sql`analyze shipped_serials`);
  });
  afterAll(async () => {
    await server.close();
  });

  async function planOf(query: ReturnType<typeof sql>): Promise<string> {
    const rows = await queryRows<{ 'QUERY PLAN': string }>(
      server.database.db,
      sql`explain ${query}`,
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  it('finds a serial through its key index', async () => {
    const plan = await planOf(
      sql`select * from shipped_serials where serial_key in ('SN123') order by shipped_at, id limit 101`,
    );

    expect(plan).toContain('shipped_serials_key_idx');
  });

  it('pages the export through the time index', async () => {
    const plan = await planOf(
      sql`select * from shipped_serials where (shipped_at, id) > ('2026-01-05'::timestamptz, 0) order by shipped_at, id limit 10000`,
    );

    expect(plan).toContain('shipped_serials_time_idx');
  });

  it('filters the report by order number through its index', async () => {
    const plan = await planOf(
      sql`select * from shipped_serials where order_number = 'ORD-42' order by shipped_at, id limit 101`,
    );

    expect(plan).toContain('shipped_serials_order_idx');
  });
});
