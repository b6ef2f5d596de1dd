// Serial Number Report benchmark: lookup by serial and CSV export over 1,000,000 shipped
// serials on a throwaway PostgreSQL 15 cluster, through the real HTTP API on loopback.
// Usage: npm run bench -- report [--rows N] [--lookups N]
import { parseArgs } from 'node:util';

import { sql } from 'drizzle-orm';

import { createToken } from '../src/server/auth/tokens';
import { openDatabase } from '../src/server/db/database';
import { readSerialReportPage, serialReportQuerySchema } from '../src/server/reports/serial-report';
import { createLogger } from '../src/server/logger';
import { startServer } from '../src/server/server';
import { startThrowawayCluster } from '../tests/support/postgres-cluster';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    lookups: { type: 'string', default: '2000' },
  },
});
const rowCount = Number(values.rows);
const lookupCount = Number(values.lookups);

const cluster = await startThrowawayCluster();
const database = await openDatabase({ url: cluster.url });
const server = await startServer(database, {
  host: '127.0.0.1',
  port: 0,
  logger: createLogger({ level: 'silent' }),
});
const { token } = await createToken(database.db, 'bench-report', 'station');
const headers = { authorization: `Bearer ${token}` };

try {
  const loadStart = performance.now();
  await loadShippedSerials(rowCount);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  console.log(
    `loaded ${rowCount.toLocaleString('en')} shipped serials in ${loadSeconds.toFixed(1)} s`,
  );

  await measureLookups(200);
  const latencies = await measureLookups(lookupCount);
  const p50 = percentile(latencies, 0.5);
  const p99 = percentile(latencies, 0.99);
  console.log(
    `lookup by serial over HTTP: ${lookupCount} requests, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`,
  );
  const queryLatencies = await measureQueryLookups(lookupCount);
  const queryP50 = percentile(queryLatencies, 0.5);
  const queryP99 = percentile(queryLatencies, 0.99);
  console.log(
    `lookup by serial in-process (report query only): p50 ${queryP50.toFixed(2)} ms, p99 ${queryP99.toFixed(2)} ms`,
  );

  const smallCut = await timeAfterRows(Math.floor(rowCount / 10));
  const small = await measureExport(`to=${encodeURIComponent(smallCut)}`);
  const full = await measureExport('');
  console.log(
    `CSV export of ${small.rows.toLocaleString('en')} rows: ${Math.round(small.rowsPerSecond).toLocaleString('en')} rows/s, peak RSS ${small.peakRssMiB} MiB, peak heap ${small.peakHeapMiB} MiB`,
  );
  console.log(
    `CSV export of ${full.rows.toLocaleString('en')} rows: ${Math.round(full.rowsPerSecond).toLocaleString('en')} rows/s, peak RSS ${full.peakRssMiB} MiB, peak heap ${full.peakHeapMiB} MiB`,
  );

  console.log(
    `report: lookup p99 ${p99.toFixed(2)} ms over HTTP (p50 ${p50.toFixed(2)} ms; query alone p99 ${queryP99.toFixed(2)} ms) over ${rowCount.toLocaleString('en')} serials; ` +
      `CSV export ${Math.round(full.rowsPerSecond).toLocaleString('en')} rows/s; peak heap ${full.peakHeapMiB} MiB at ${full.rows.toLocaleString('en')} rows vs ${small.peakHeapMiB} MiB at ${small.rows.toLocaleString('en')} (RSS ${full.peakRssMiB} vs ${small.peakRssMiB} MiB)`,
  );
} finally {
  await server.close();
  await database.close();
  await cluster.stop();
}

/**
 * Bulk-loads shipped serials with one INSERT ... SELECT over generate_series: 4 serials per
 * order, 1,000 SKUs, shipped times spread over a year. A tenth of the serials have leading
 * zeros, like real labels.
 */
async function loadShippedSerials(count: number): Promise<void> {
  await database.db.execute(sql`
    insert into shipped_serials
      (serial, serial_key, sku, product_name, order_number, tracking_number, shipped_at, packer, station_id, unit_id)
    select s.serial, upper(s.serial), 'SKU-' || (n % 1000), 'Product ' || (n % 1000),
           'ORD-' || (n / 4), 'PS' || lpad((n / 4)::text, 12, '0'),
           timestamptz '2026-01-01' + (n::double precision / ${count}) * interval '365 days',
           'packer-' || (n % 40), 'station-' || (n % 20), md5(n::text)::uuid
    from generate_series(1, ${count}) as n,
         lateral (select case when n % 10 = 0 then lpad(n::text, 12, '0') else 'SN' || n end as serial) as s`);
  await database.db.execute(sql`vacuum (analyze) shipped_serials`);
}

/** Looks up `count` random serials one after another; the first call warms up JIT and pools. */
async function measureLookups(count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const n = 1 + Math.floor(Math.random() * rowCount);
    const serial = n % 10 === 0 ? String(n).padStart(12, '0') : `sn${n}`;
    const started = performance.now();
    const response = await fetch(`${server.url}/v1/reports/serial-numbers?serial=${serial}`, {
      headers,
    });
    const body = (await response.json()) as { rows: unknown[] };
    latencies.push(performance.now() - started);
    if (body.rows.length !== 1)
      throw new Error(`lookup of ${serial} returned ${body.rows.length} rows`);
  }
  return latencies;
}

/** Runs the report's lookup without HTTP and authentication, to separate the query's share. */
async function measureQueryLookups(count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const n = 1 + Math.floor(Math.random() * rowCount);
    const serial = n % 10 === 0 ? String(n).padStart(12, '0') : `sn${n}`;
    const started = performance.now();
    const page = await readSerialReportPage(database.db, serialReportQuerySchema.parse({ serial }));
    latencies.push(performance.now() - started);
    if (page.rows.length !== 1)
      throw new Error(`lookup of ${serial} returned ${page.rows.length} rows`);
  }
  return latencies;
}

async function timeAfterRows(rows: number): Promise<string> {
  const result = (await database.db.execute(
    sql`select shipped_at::text as at from shipped_serials order by shipped_at, id offset ${rows} limit 1`,
  )) as unknown as { rows: { at: string }[] };
  return new Date(result.rows[0]!.at).toISOString();
}

/** Streams one export, counting lines as they arrive and sampling RSS every 20 ms. */
async function measureExport(
  query: string,
): Promise<{ rows: number; rowsPerSecond: number; peakRssMiB: number; peakHeapMiB: number }> {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);

  const started = performance.now();
  const response = await fetch(`${server.url}/v1/reports/serial-numbers?${query}`, {
    headers: { ...headers, accept: 'text/csv' },
  });
  let lines = 0;
  for await (const chunk of response.body!) {
    const bytes = chunk as Uint8Array;
    for (let index = 0; index < bytes.length; index += 1) if (bytes[index] === 10) lines += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  const rows = lines - 1;
  const mebibytes = (bytes: number) => Math.round(bytes / 1024 / 1024);
  return {
    rows,
    rowsPerSecond: rows / seconds,
    peakRssMiB: mebibytes(peakRss),
    peakHeapMiB: mebibytes(peakHeap),
  };
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
