// Sync drain benchmark: fills a station outbox with 100,000 pack events (SQLite file in a
// temp folder). Then it times the sync engine draining them into the real server on
// loopback, batched (500 events per push), and one request per event on a smaller sample.
// The server runs as a child process (`node --import tsx src/server/cli.ts serve`) on a
// throwaway PostgreSQL 15 cluster; with --pglite it uses an embedded PGlite folder instead.
// Usage: npm run bench -- sync [--events N] [--naive N] [--pglite]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { createBackendClient } from '../src/main/backend';
import { createLogger } from '../src/main/logger';
import { openStationStore } from '../src/main/store';
import type { StationStore } from '../src/main/store';
import { createSyncEngine } from '../src/main/sync';
import { startThrowawayCluster } from '../tests/support/postgres-cluster';
import type { ThrowawayCluster } from '../tests/support/postgres-cluster';
import {
  createPostgresDatabase,
  queryPostgres,
  startServerProcess,
} from '../tests/integration/sync/server-process';
import type { ServerProcess } from '../tests/integration/sync/server-process';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    naive: { type: 'string', default: '1000' },
    pglite: { type: 'boolean', default: false },
  },
});
const eventCount = Number(values.events);
const naiveCount = Number(values.naive);
const unitsPerOrder = 100;

const folder = mkdtempSync(path.join(tmpdir(), 'bench-sync-'));
const logger = createLogger({ level: 'silent' });
let cluster: ThrowawayCluster | null = null;
let server: ServerProcess | null = null;

try {
  let databaseUrl: string | null = null;
  if (values.pglite) {
    server = await startServerProcess({ dataDir: path.join(folder, 'server-db') });
  } else {
    cluster = await startThrowawayCluster();
    databaseUrl = await createPostgresDatabase(cluster.url, 'bench_sync');
    server = await startServerProcess({ url: databaseUrl });
  }

  await server.admin('POST', '/products', {
    sku: 'BENCH-CABLE',
    name: 'Cable',
    kind: 'standard',
    needsSerialNumber: false,
  });
  await createOrders(server, 'BATCH', eventCount);
  await createOrders(server, 'NAIVE', naiveCount);

  const batched = await drain(server, 'batched', 'BATCH', eventCount, 500);
  const naive = await drain(server, 'naive', 'NAIVE', naiveCount, 1);

  if (databaseUrl !== null) {
    const rows = await queryPostgres<{ total: string }>(
      databaseUrl,
      'select count(*) as total from packed_units',
    );
    const stored = Number(rows[0]?.total);
    if (stored !== eventCount + naiveCount) {
      throw new Error(`server stored ${stored} units, expected ${eventCount + naiveCount}`);
    }
  }

  const ratio = batched.eventsPerSecond / naive.eventsPerSecond;
  console.log(
    `database: ${values.pglite ? 'PGlite (embedded)' : 'PostgreSQL 15 (throwaway cluster)'}`,
  );
  console.log(
    `batched: ${eventCount} events in ${batched.seconds.toFixed(2)} s, 500 per push, ${batched.pushSeconds.toFixed(2)} s of it waiting for the server (outbox fill ${batched.fillSeconds.toFixed(1)} s, not timed)`,
  );
  console.log(
    `naive: ${naiveCount} events in ${naive.seconds.toFixed(2)} s, one request per event, ${naive.pushSeconds.toFixed(2)} s of it waiting for the server (a sample: the rate is per event, so it is not scaled)`,
  );
  console.log(
    `events_per_s=${Math.round(batched.eventsPerSecond)} naive_events_per_s=${Math.round(naive.eventsPerSecond)} ratio=${ratio.toFixed(1)}`,
  );
} finally {
  await server?.stop();
  await cluster?.stop();
  rmSync(folder, { recursive: true, force: true });
}

/** Creates orders of `unitsPerOrder` cables covering `units` units, through the CSV import. */
async function createOrders(target: ServerProcess, prefix: string, units: number): Promise<void> {
  const lines = ['Order Number,SKU,Quantity'];
  for (let start = 0; start < units; start += unitsPerOrder) {
    lines.push(
      `${prefix}-${start / unitsPerOrder},BENCH-CABLE,${Math.min(unitsPerOrder, units - start)}`,
    );
  }

  const response = await fetch(`${target.url}/v1/orders/import.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${target.adminToken}`, 'content-type': 'text/csv' },
    body: lines.join('\n'),
  });
  if (!response.ok) {
    throw new Error(`order import failed with HTTP ${response.status}: ${await response.text()}`);
  }
}

/** Fills a fresh station outbox with `units` pack events, then times one drain. */
async function drain(
  target: ServerProcess,
  name: string,
  prefix: string,
  units: number,
  batchSize: number,
): Promise<{ seconds: number; eventsPerSecond: number; fillSeconds: number; pushSeconds: number }> {
  const store = openStationStore({ file: path.join(folder, `${name}.sqlite`), logger });
  const fillStarted = performance.now();
  fillOutbox(store, prefix, units);
  const fillSeconds = (performance.now() - fillStarted) / 1_000;

  const client = createBackendClient({ baseUrl: target.url, token: target.stationToken, logger });
  const send = client.push;
  let pushSeconds = 0;
  client.push = async (...args) => {
    const sent = performance.now();
    try {
      return await send(...args);
    } finally {
      pushSeconds += (performance.now() - sent) / 1_000;
    }
  };
  const engine = createSyncEngine({ store, client, logger, batchSize });
  const started = performance.now();
  const outcome = await engine.flush();
  const seconds = (performance.now() - started) / 1_000;
  const status = engine.status();
  await engine.stop();
  store.close();

  if (outcome !== 'drained' || status.queueLength !== 0 || status.rejected.length !== 0) {
    throw new Error(
      `${name} drain ended ${outcome} with ${status.queueLength} queued and ${status.rejected.length} rejected: ${JSON.stringify(status.lastError ?? status.rejected[0])}`,
    );
  }

  return { seconds, eventsPerSecond: units / seconds, fillSeconds, pushSeconds };
}

/** Packs `units` cables in transactions of 5,000 so filling the outbox takes seconds. */
function fillOutbox(store: StationStore, prefix: string, units: number): void {
  for (let start = 0; start < units; start += 5_000) {
    store.transaction(() => {
      for (let unit = start; unit < Math.min(units, start + 5_000); unit += 1) {
        store.units.pack({
          orderNumber: `${prefix}-${Math.floor(unit / unitsPerOrder)}`,
          lineId: '1',
          sku: 'BENCH-CABLE',
          serial: null,
          packer: 'bench',
          stationId: `station-${prefix.toLowerCase()}`,
        });
      }
    });
  }
}
