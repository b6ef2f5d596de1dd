// Sync push benchmark: 20 simulated stations push their outboxes at once to the server on a
// throwaway PostgreSQL 15 cluster, through the real HTTP API on loopback. Each station claims
// its orders and packs serial-tracked units in batches of 500 events, one batch at a time.
// Usage: npm run bench -- push [--stations N] [--orders N] [--units N]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

import { sql } from 'drizzle-orm';

import type { SyncEvent } from '../src/shared/sync/protocol';
import { maxPushBatch } from '../src/shared/sync/protocol';
import { createToken } from '../src/server/auth/tokens';
import { createProduct } from '../src/server/catalog/products';
import { openDatabase } from '../src/server/db/database';
import { createLogger } from '../src/server/logger';
import { createOrders } from '../src/server/orders/orders';
import { startServer } from '../src/server/server';
import { startThrowawayCluster } from '../tests/support/postgres-cluster';

const { values } = parseArgs({
  options: {
    stations: { type: 'string', default: '20' },
    orders: { type: 'string', default: '50' },
    units: { type: 'string', default: '100' },
  },
});
const stationCount = Number(values.stations);
const ordersPerStation = Number(values.orders);
const unitsPerOrder = Number(values.units);

const cluster = await startThrowawayCluster();
const database = await openDatabase({ url: cluster.url });
const server = await startServer(database, {
  host: '127.0.0.1',
  port: 0,
  logger: createLogger({ level: 'silent' }),
});

try {
  const { token } = await createToken(database.db, 'bench-station', 'station');
  await createProduct(database.db, {
    sku: 'BENCH-TRACKED',
    name: 'Tracked item',
    kind: 'standard',
    needsSerialNumber: true,
    barcodes: [],
    serialFormat: null,
  });
  await createProduct(database.db, {
    sku: 'BENCH-PLAIN',
    name: 'Untracked item',
    kind: 'standard',
    needsSerialNumber: false,
    barcodes: [],
    serialFormat: null,
  });

  const outboxes = [];
  for (let station = 0; station < stationCount; station += 1) {
    const orderNumbers = Array.from(
      { length: ordersPerStation },
      (_, index) => `BENCH-${station}-${index}`,
    );
    await createOrders(
      database.db,
      orderNumbers.map((orderNumber) => ({
        orderNumber,
        lines: [
          { lineId: '1', sku: 'BENCH-TRACKED', quantity: unitsPerOrder - 1 },
          { lineId: '2', sku: 'BENCH-PLAIN', quantity: 1 },
        ],
      })),
    );
    outboxes.push(buildOutbox(`station-${station}`, orderNumbers));
  }
  const totalEvents = outboxes.reduce((sum, outbox) => sum + outbox.events.length, 0);

  const started = performance.now();
  await Promise.all(outboxes.map((outbox) => pushAll(outbox, token)));
  const seconds = (performance.now() - started) / 1000;

  const counted = (await database.db.execute(
    sql`select count(*)::int as units from packed_units`,
  )) as unknown as { rows: { units: number }[] };
  const expectedUnits = stationCount * ordersPerStation * unitsPerOrder;
  if (counted.rows[0]!.units !== expectedUnits) {
    throw new Error(`expected ${expectedUnits} packed units, found ${counted.rows[0]!.units}`);
  }

  const rate = totalEvents / seconds;
  console.log(
    `pushed ${totalEvents.toLocaleString('en')} events from ${stationCount} stations in ${seconds.toFixed(1)} s; ${expectedUnits.toLocaleString('en')} units stored`,
  );
  console.log(
    `push: ${Math.round(rate).toLocaleString('en')} events applied/s with ${stationCount} stations pushing at once (batches of ${maxPushBatch}, PostgreSQL 15)`,
  );
} finally {
  await server.close();
  await database.close();
  await cluster.stop();
}

interface Outbox {
  clientId: string;
  events: SyncEvent[];
}

/** Builds one station's outbox: claim each order, then pack every unit, serials unique across the run. */
function buildOutbox(stationId: string, orderNumbers: string[]): Outbox {
  const events: SyncEvent[] = [];
  const occurredAt = new Date().toISOString();
  const next = () => ({ seq: events.length + 1, id: randomUUID(), occurredAt });

  for (const orderNumber of orderNumbers) {
    events.push({ ...next(), type: 'order.claim', payload: { orderNumber, stationId } });
    for (let unit = 0; unit < unitsPerOrder; unit += 1) {
      const tracked = unit < unitsPerOrder - 1;
      events.push({
        ...next(),
        type: 'unit.pack',
        payload: {
          unitId: randomUUID(),
          orderNumber,
          lineId: tracked ? '1' : '2',
          sku: tracked ? 'BENCH-TRACKED' : 'BENCH-PLAIN',
          serial: tracked ? `SN-${orderNumber}-${unit}` : null,
          packer: 'bench-packer',
          stationId,
        },
      });
    }
  }
  return { clientId: randomUUID(), events };
}

async function pushAll(outbox: Outbox, token: string): Promise<void> {
  for (let start = 0; start < outbox.events.length; start += maxPushBatch) {
    const events = outbox.events.slice(start, start + maxPushBatch);
    const response = await fetch(`${server.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: outbox.clientId, events }),
    });
    const body = (await response.json()) as { lastSeq: number; results: { status: string }[] };
    const notApplied = body.results?.find((result) => result.status !== 'applied');
    if (response.status !== 200 || notApplied !== undefined) {
      throw new Error(`push failed with ${response.status}: ${JSON.stringify(notApplied ?? body)}`);
    }
  }
}
