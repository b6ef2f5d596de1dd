import { expect } from 'vitest';

import { queryPostgres } from './server-process';
import type { ServerProcess } from './server-process';
import { serverUnitIds } from './station';
import type { TestStation } from './station';

/**
 * Checks that everything the station wrote is on the server exactly once: the server
 * stored one event per seq for this client id, with the station's own event ids, and has
 * exactly the station's units of `orderNumber`; nothing is left queued on the station.
 */
export async function expectExactlyOnce(
  station: TestStation,
  server: ServerProcess,
  orderNumber: string,
  packedUnitIds: string[],
): Promise<void> {
  const { store } = station;
  const lastSeq = store.syncState.lastSeq();
  expect(store.outbox.stats().pendingCount).toBe(0);

  if ('url' in server.database) {
    const rows = await queryPostgres<{ seq: number; event_id: string }>(
      server.database.url,
      'select seq, event_id from sync_events where client_id = $1 order by seq',
      [store.syncState.clientId()],
    );
    expect(rows.map((row) => Number(row.seq))).toEqual(range(1, lastSeq));
    for (const row of rows) {
      expect(row.event_id).toBe(store.outbox.get(Number(row.seq))?.event.id);
    }
  }

  expect(await serverUnitIds(server, orderNumber)).toEqual([...packedUnitIds].sort());
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
