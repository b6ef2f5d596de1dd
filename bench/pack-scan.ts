// Measures the packing service's share of scan-to-paint: from a decoded scan handed to
// PackingService.scan to the new pack view pushed, on a real station database
// (synchronous = FULL, so every scan's commit costs one fsync). Scans alternate between an
// item that opens the serial prompt and its serial, so half pack a unit and run every
// serial rule.
// Usage: npm run bench -- pack-scan [--scans N]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

import { createLogger } from '../src/main/logger';
import { PackingService } from '../src/main/packing';
import { openStationStore } from '../src/main/store';
import { createSyncEngine } from '../src/main/sync';
import type { Scan } from '../src/shared/scanner/scan';

const scansArgument = process.argv.indexOf('--scans');
const scans = scansArgument === -1 ? 500 : Number(process.argv[scansArgument + 1]);
const units = Math.ceil(scans / 2);
const folder = mkdtempSync(path.join(tmpdir(), 'bench-pack-scan-'));
const logger = createLogger({ level: 'silent' });
const store = openStationStore({ file: path.join(folder, 'station.db'), logger });
const engine = createSyncEngine({ store, client: null, logger });
let pushed = 0;
const packing = new PackingService({
  store,
  sync: engine,
  backend: null,
  identity: () => ({ stationName: 'bench-station', packerName: 'bench' }),
  logger,
  onChange: () => {
    pushed += 1;
  },
});

try {
  console.log(
    `load average at start: ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  );
  store.catalog.upsert([
    {
      sku: 'BENCH-SCANNER',
      name: 'Bench scanner',
      kind: 'standard',
      needsSerialNumber: true,
      barcodes: ['09506000134352'],
      serialFormat: { minLength: 6, maxLength: 20, prefix: 'SN' },
      version: 1,
    },
  ]);
  store.orders.upsert([
    {
      orderNumber: 'BENCH-1',
      status: 'open',
      claimedBy: null,
      lines: [{ lineId: '1', sku: 'BENCH-SCANNER', quantity: units }],
      version: 1,
    },
  ]);
  await packing.scan(scanOf('BENCH-1'));

  const latencies: number[] = [];
  const byKind: Record<string, number[]> = { item: [], serial: [] };
  for (let index = 0; index < scans; index += 1) {
    const text = index % 2 === 0 ? '09506000134352' : `SN${String(index).padStart(6, '0')}`;
    const before = pushed;
    const started = performance.now();
    await packing.scan(scanOf(text));
    latencies.push(performance.now() - started);
    byKind[index % 2 === 0 ? 'item' : 'serial']?.push(performance.now() - started);
    if (pushed === before) throw new Error(`scan ${index} pushed no view`);
  }

  const packed = packing.view().units.length;
  if (packed !== Math.floor(scans / 2))
    throw new Error(`packed ${packed} units, expected ${Math.floor(scans / 2)}`);

  latencies.sort((a, b) => a - b);
  for (const [kind, values] of Object.entries(byKind)) {
    values.sort((a, b) => a - b);
    console.log(
      `${kind} scans: p50_ms=${fixed(percentile(values, 0.5))} p95_ms=${fixed(percentile(values, 0.95))}`,
    );
  }
  console.log(
    `scans=${scans} units=${packed} min_ms=${fixed(latencies[0])} max_ms=${fixed(latencies.at(-1))}`,
  );
  console.log(
    `p50_ms=${fixed(percentile(latencies, 0.5))} p95_ms=${fixed(percentile(latencies, 0.95))}`,
  );
} finally {
  await packing.close();
  await engine.stop();
  store.close();
  rmSync(folder, { recursive: true, force: true });
}

function scanOf(text: string): Scan {
  return {
    text,
    symbology: null,
    gs1: null,
    source: 'hid-pos',
    device: 'bench',
    time: new Date().toISOString(),
  };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

function fixed(value: number | undefined): string {
  return (value ?? Number.NaN).toFixed(2);
}
