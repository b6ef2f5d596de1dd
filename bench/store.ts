// Measures the station store on a database holding 1,000,000 packed units: the latency of
// a pack commit (each its own transaction with synchronous = FULL, so one fsync each), the
// latency of a history lookup by serial, and the memory of the process that uses the store.
// The units are bulk-loaded by a child process, so its page cache does not count here.
// Usage: npm run bench -- store [--units N] [--packs N] [--lookups N] [--keep]
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  fdatasyncSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import { createLogger } from '../src/main/logger';
import { openStationStore } from '../src/main/store';

const skus = ['WIDGET-01', 'WIDGET-02', 'GADGET-01', 'GADGET-02', 'CABLE-10', 'DOCK-20'];
const packers = ['ana', 'ben', 'chen', 'dara', 'eli', 'fay', 'gus', 'hana'];
const start = Date.parse('2025-01-01T00:00:00Z');

if (process.argv[2] === '--load') {
  bulkLoad(process.argv[3] ?? '', Number(process.argv[4]));
} else {
  main();
}

function main(): void {
  const units = numberOption('--units', 1_000_000);
  const packs = numberOption('--packs', 10_000);
  const lookups = numberOption('--lookups', 10_000);
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-store-'));
  const file = path.join(folder, 'station.db');
  const logger = createLogger({ level: 'silent' });

  try {
    console.log(
      `load average at start: ${loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}`,
    );
    console.log(`fdatasync of 4 KiB over 1000 writes: ${summary(fsyncTimes(folder, 1000))}`);
    openStationStore({ file, logger }).close();

    let started = performance.now();
    const load = spawnSync(
      process.execPath,
      [...process.execArgv, import.meta.filename, '--load', file, String(units)],
      {
        stdio: 'inherit',
      },
    );
    if (load.status !== 0) {
      throw new Error(`bulk load failed with status ${load.status}`);
    }
    console.log(`bulk load: ${units} units in ${seconds(performance.now() - started)} s`);
    console.log(`database: ${megabytes(fileSize(file))} MB`);

    started = performance.now();
    const store = openStationStore({ file, logger });
    console.log(`start-up (quick_check included): ${milliseconds(performance.now() - started)} ms`);

    const commitTimes: number[] = [];
    for (let index = 0; index < packs; index += 1) {
      const before = performance.now();
      store.units.pack({
        orderNumber: `BENCH-${Math.floor(index / 4)}`,
        lineId: 'L1',
        sku: skus[index % skus.length] ?? 'WIDGET-01',
        serial: `BN-${String(index).padStart(8, '0')}`,
        packer: packers[index % packers.length] ?? 'ana',
        stationId: 'station-bench',
      });
      commitTimes.push(performance.now() - before);
    }
    console.log(`pack commit over ${packs} packs: ${summary(commitTimes)}`);

    const lookupTimes: number[] = [];
    let found = 0;
    for (let index = 0; index < lookups; index += 1) {
      const serial = serialOf(Math.floor(Math.random() * units));
      const query = index % 2 === 0 ? serial : serial.toLowerCase();
      const before = performance.now();
      found += store.history.search({ by: 'serial', serial: query }).units.length;
      lookupTimes.push(performance.now() - before);
    }
    if (found !== lookups) {
      throw new Error(`lookups found ${found} units, expected ${lookups}`);
    }
    console.log(`history lookup by serial over ${lookups} lookups: ${summary(lookupTimes)}`);

    console.log(
      `load average at end: ${loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}`,
    );
    const rss = process.memoryUsage().rss;
    const maxRss = process.resourceUsage().maxRSS * 1024;
    console.log(`memory: rss ${megabytes(rss)} MB now, ${megabytes(maxRss)} MB at most`);
    store.close();

    console.log(
      `commit_p99_ms=${milliseconds(percentile(commitTimes, 0.99))} lookup_p99_ms=${milliseconds(percentile(lookupTimes, 0.99))} rss_mb=${megabytes(maxRss)}`,
    );
  } finally {
    if (!process.argv.includes('--keep')) {
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

/**
 * Inserts `count` units with their acknowledged `unit.pack` events in one transaction,
 * through prepared statements on a raw connection: the store's own `pack` would take an
 * fsync per unit. Serials are `SN-` plus a scrambled number, so they are not in index order.
 */
function bulkLoad(file: string, count: number): void {
  const sqlite = new Database(file);
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const clientSeq = sqlite.prepare('SELECT last_seq FROM sync_state WHERE id = 1').pluck();
  const insertUnit = sqlite.prepare(`INSERT INTO packed_units
    (unit_id, order_number, line_id, sku, serial, serial_key, packer, station_id, packed_at)
    VALUES (?, ?, 'L1', ?, ?, ?, ?, 'station-bench', ?)`);
  const insertEvent = sqlite.prepare(`INSERT INTO outbox
    (seq, id, type, occurred_at, payload, status, answered_at)
    VALUES (?, ?, 'unit.pack', ?, ?, 'acknowledged', ?)`);

  sqlite.transaction(() => {
    let seq = clientSeq.get() as number;
    for (let index = 0; index < count; index += 1) {
      const unitId = uuidOf(index, 1);
      const orderNumber = `ORD-${String(Math.floor(index / 3)).padStart(7, '0')}`;
      const sku = skus[index % skus.length] ?? 'WIDGET-01';
      const serial = serialOf(index);
      const packer = packers[Math.floor(index / 500) % packers.length] ?? 'ana';
      const packedAt = start + index * 20_000;
      seq += 1;

      insertUnit.run(unitId, orderNumber, sku, serial, serial.toUpperCase(), packer, packedAt);
      insertEvent.run(
        seq,
        uuidOf(index, 2),
        packedAt,
        JSON.stringify({
          unitId,
          orderNumber,
          lineId: 'L1',
          sku,
          serial,
          packer,
          stationId: 'station-bench',
        }),
        packedAt + 1_000,
      );
    }
    sqlite.prepare('UPDATE sync_state SET last_seq = ? WHERE id = 1').run(seq);
  })();

  sqlite.close();
}

/** Builds the serial of unit `index`: mixed case, scrambled so neighbours sit far apart in the index. */
function serialOf(index: number): string {
  const scrambled = (index * 2_654_435_761) % 4_294_967_291;
  return `Sn-${scrambled.toString(36).toUpperCase().padStart(7, '0')}-${index % 97}`;
}

function uuidOf(index: number, kind: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8${kind.toString(16).padStart(3, '0')}-${hex}`;
}

function numberOption(name: string, fallback: number): number {
  const position = process.argv.indexOf(name);
  return position === -1 ? fallback : Number(process.argv[position + 1]);
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

function summary(values: number[]): string {
  const [p50, p90, p99, max] = [0.5, 0.9, 0.99, 1].map((fraction) =>
    milliseconds(percentile(values, fraction)),
  );
  return `p50 ${p50} ms, p90 ${p90} ms, p99 ${p99} ms, max ${max} ms`;
}

/** Times a 4 KiB write plus fdatasync: the floor under any durable commit on this disk. */
function fsyncTimes(folder: string, count: number): number[] {
  const descriptor = openSync(path.join(folder, 'fsync-probe'), 'w');
  const block = Buffer.alloc(4096, 1);
  const times: number[] = [];

  for (let index = 0; index < count; index += 1) {
    const before = performance.now();
    writeSync(descriptor, block, 0, block.length, (index % 64) * block.length);
    fdatasyncSync(descriptor);
    times.push(performance.now() - before);
  }

  closeSync(descriptor);
  return times;
}

function fileSize(file: string): number {
  const wal = statSync(`${file}-wal`, { throwIfNoEntry: false });
  return statSync(file).size + (wal?.size ?? 0);
}

function milliseconds(value: number): string {
  return value.toFixed(3);
}

function seconds(value: number): string {
  return (value / 1000).toFixed(1);
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
