import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startFaultProxy } from '../../support/fault-proxy';
import type { FaultProxy } from '../../support/fault-proxy';
import { createPostgresDatabase, queryPostgres, startServerProcess } from './server-process';
import type { ServerProcess } from './server-process';
import { openStation, removeFolder, serverUnitIds, stationFolder, waitFor } from './station';
import type { TestStation } from './station';

const push = 'POST /v1/sync/push';

/**
 * The ways offline queues double or lose records, played in order against the real
 * server: two sync triggers in the same tick, a commit whose reply is lost, a commit
 * followed by an HTTP 500, the app killed during the retry, and a second station that
 * packs a serial already packed elsewhere.
 */
describe('replayed offline queue', () => {
  let server: ServerProcess;
  let databaseUrl: string;
  let proxy: FaultProxy;
  const folder = stationFolder();
  const open: TestStation[] = [];

  beforeAll(async () => {
    databaseUrl = await createPostgresDatabase(inject('postgresUrl'), 'sync_replayed');
    server = await startServerProcess({ url: databaseUrl });
    proxy = await startFaultProxy(server.port);
    await server.admin('PUT', '/settings', {
      allowDuplicateSerialsInOrder: false,
      crossOrderSerialPolicy: 'block',
    });
    await server.admin('POST', '/products', {
      sku: 'WIDGET-01',
      name: 'Widget',
      kind: 'standard',
      needsSerialNumber: true,
    });
    await server.admin('POST', '/orders', {
      orderNumber: 'ORD-1004',
      lines: [{ lineId: '1', sku: 'WIDGET-01', quantity: 2 }],
    });
    await server.admin('POST', '/orders', {
      orderNumber: 'ORD-1005',
      lines: [{ lineId: '1', sku: 'WIDGET-01', quantity: 1 }],
    });
  });

  afterAll(async () => {
    await Promise.all(open.map((station) => station.close()));
    await proxy?.close();
    await server?.stop();
    removeFolder(folder);
  });

  function station(name: string): TestStation {
    const opened = openStation({
      name,
      folder,
      baseUrl: proxy.url,
      token: server.stationToken,
      batchSize: 1,
    });
    open.push(opened);
    return opened;
  }

  function packWidget(opened: TestStation, orderNumber: string, serial: string) {
    return opened.store.units.pack({
      orderNumber,
      lineId: '1',
      sku: 'WIDGET-01',
      serial,
      packer: 'pat',
      stationId: opened.name,
    });
  }

  it('stores each row once and rejects the reused serial', async () => {
    await proxy.refuse();
    let first = station('station-1');
    const row1 = packWidget(first, 'ORD-1004', 'SN-0060');
    const row2 = packWidget(first, 'ORD-1004', 'SN-0061');
    const ids = [row1.event.id, row2.event.id];

    const inFlight = { now: 0, max: 0 };
    const send = first.client.push;
    first.client.push = async (...args) => {
      inFlight.now += 1;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      try {
        return await send(...args);
      } finally {
        inFlight.now -= 1;
      }
    };
    proxy.inject({ kind: 'reset_after_reply' }, { match: push });
    let pushes = 0;
    const unsubscribe = proxy.onRequest((line) => {
      pushes += line.startsWith(push) ? 1 : 0;
      if (pushes === 3) {
        proxy.inject({ kind: 'http_500_after_reply' }, { match: push });
      }
    });
    const answered500 = () => first.logLines().some((line) => line.code === 'backend_server_error');

    await proxy.accept();
    first.engine.wake();
    void first.engine.flush();
    await waitFor('the HTTP 500 for row 2', answered500);
    unsubscribe();
    expect(inFlight.max).toBe(1);

    await first.close();
    open.splice(open.indexOf(first), 1);
    first = station('station-1');
    expect(first.store.outbox.get(1)?.event.id).toBe(ids[0]);
    expect(first.store.outbox.get(2)?.event.id).toBe(ids[1]);

    const outcome = await first.engine.flush();
    expect(outcome, JSON.stringify(first.engine.status().lastError)).toBe('drained');

    const stored = await queryPostgres<{ seq: number; event_id: string; status: string }>(
      databaseUrl,
      'select seq, event_id, status from sync_events where client_id = $1 order by seq',
      [first.store.syncState.clientId()],
    );
    expect(stored.map((row) => Number(row.seq))).toEqual([1, 2]);
    expect(stored.map((row) => row.event_id)).toEqual(ids);
    expect(stored.map((row) => row.status)).toEqual(['applied', 'applied']);
    expect(await serverUnitIds(server, 'ORD-1004')).toEqual(
      [row1.unit.unitId, row2.unit.unitId].sort(),
    );
    expect(first.store.outbox.get(1)?.status).toBe('acknowledged');
    expect(first.store.outbox.get(2)?.status).toBe('acknowledged');

    const second = station('station-2');
    const reused = packWidget(second, 'ORD-1005', 'SN-0060');

    expect(await second.engine.flush()).toBe('drained');
    const before = proxy.count(push);
    expect(await second.engine.flush()).toBe('drained');

    expect(proxy.count(push)).toBe(before);
    const entry = second.store.outbox.get(reused.event.seq);
    expect(entry?.status).toBe('rejected');
    expect(entry?.rejection?.code).toBe('serial_packed_in_other_order');
    expect(entry?.rejection?.message).toContain('ORD-1004');
    const shown = second.engine.status().rejected;
    expect(shown.map((event) => event.code)).toEqual(['serial_packed_in_other_order']);
    expect(shown[0]?.fix).toMatch(/already packed in another order/);
    expect(reused.event.seq).toBe(1);
    const firstOfEach = await queryPostgres<{ client_id: string }>(
      databaseUrl,
      'select client_id from sync_events where seq = 1 order by client_id',
    );
    expect(firstOfEach.map((row) => row.client_id).sort()).toEqual(
      [first.store.syncState.clientId(), second.store.syncState.clientId()].sort(),
    );
  });
});
