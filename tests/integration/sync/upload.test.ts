import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startServerProcess } from './server-process';
import type { ServerProcess } from './server-process';
import {
  openStation,
  packSeededOrder,
  seedCatalog,
  serverUnitIds,
  removeFolder,
  stationFolder,
} from './station';
import type { TestStation } from './station';

describe('upload on the embedded database', () => {
  let server: ServerProcess;
  const folder = stationFolder();
  const stations: TestStation[] = [];

  beforeAll(async () => {
    server = await startServerProcess({ dataDir: path.join(folder, 'server-db') });
    await seedCatalog(server, ['ORD-2001', 'ORD-2002', 'ORD-2003', 'ORD-2004']);
  });

  afterAll(async () => {
    await Promise.all(stations.map((station) => station.close()));
    await server?.stop();
    removeFolder(folder);
  });

  function station(name: string): TestStation {
    const opened = openStation({ name, folder, baseUrl: server.url, token: server.stationToken });
    stations.push(opened);
    return opened;
  }

  it('drains the queue into the server', async () => {
    const a = station('station-a');
    await a.engine.pullNow();
    expect(a.store.catalog.count()).toBe(2);
    expect(a.store.orders.get('ORD-2001')?.lines).toHaveLength(2);
    expect(a.store.settings.account().crossOrderSerialPolicy).toBe('warn');
    expect(a.store.syncState.cursor('orders')).not.toBeNull();
    const unitIds = packSeededOrder(a, 'ORD-2001', ['SN-0001', 'SN-0002']);

    expect(await a.engine.flush()).toBe('drained');

    expect(await serverUnitIds(server, 'ORD-2001')).toEqual([...unitIds].sort());
    const status = a.engine.status();
    expect(status.queueLength).toBe(0);
    expect(status.oldestUnsentAgeMs).toBeNull();
    expect(status.online).toBe(true);
    expect(status.rejected).toEqual([]);
  });

  it('keeps a rejected event and goes on', async () => {
    const b = station('station-b');
    await b.engine.pullNow();
    b.store.orders.claim({ orderNumber: 'ORD-2002', stationId: 'station-b' });
    const first = b.store.units.pack({
      orderNumber: 'ORD-2002',
      lineId: '1',
      sku: 'WIDGET-01',
      serial: 'SN-0100',
      packer: 'pat',
      stationId: 'station-b',
    });
    const twin = b.store.units.pack({
      orderNumber: 'ORD-2002',
      lineId: '1',
      sku: 'WIDGET-01',
      serial: 'sn-0100',
      packer: 'pat',
      stationId: 'station-b',
    });
    const cable = b.store.units.pack({
      orderNumber: 'ORD-2002',
      lineId: '2',
      sku: 'CABLE-02',
      serial: null,
      packer: 'pat',
      stationId: 'station-b',
    });

    expect(await b.engine.flush()).toBe('drained');

    const status = b.engine.status();
    expect(status.queueLength).toBe(0);
    expect(status.rejected).toHaveLength(1);
    expect(status.rejected[0]?.seq).toBe(twin.event.seq);
    expect(status.rejected[0]?.code).toBe('duplicate_serial_in_order');
    expect(status.rejected[0]?.orderNumber).toBe('ORD-2002');
    expect(status.rejected[0]?.fix).toMatch(/replace the wrong serial/);
    expect(await serverUnitIds(server, 'ORD-2002')).toEqual(
      [first.unit.unitId, cable.unit.unitId].sort(),
    );
  });

  it('hides a dismissed rejection and audits it', async () => {
    const b = stations.find((item) => item.name === 'station-b')!;
    const seq = b.engine.status().rejected[0]!.seq;

    const status = b.engine.dismissRejected(seq, 'scanned the right serial again', 'sam');

    expect(status.rejected).toEqual([]);
    const audit = b.store.audit.forSubject('ORD-2002');
    expect(audit[0]?.action).toBe('sync.rejection_dismissed');
    expect(audit[0]?.actor).toBe('sam');
    expect(audit[0]?.details.note).toBe('scanned the right serial again');
    expect(() => b.engine.dismissRejected(seq + 100, 'x')).toThrow(/No rejected event has seq/);
  });

  it('rejects the second claim of an order and shows it', async () => {
    const first = station('station-c');
    const second = station('station-d');
    await first.engine.pullNow();
    await second.engine.pullNow();
    first.store.orders.claim({ orderNumber: 'ORD-2003', stationId: 'station-c' });
    second.store.orders.claim({ orderNumber: 'ORD-2003', stationId: 'station-d' });
    const lost = second.store.units.pack({
      orderNumber: 'ORD-2003',
      lineId: '2',
      sku: 'CABLE-02',
      serial: null,
      packer: 'kim',
      stationId: 'station-d',
    });

    expect(await first.engine.flush()).toBe('drained');
    expect(await second.engine.flush()).toBe('drained');

    const rejected = second.engine.status().rejected;
    expect(rejected.map((event) => event.type)).toEqual(['order.claim', 'unit.pack']);
    expect(rejected.map((event) => event.code)).toEqual([
      'order_claimed_by_other_station',
      'order_claimed_by_other_station',
    ]);
    expect(rejected[0]?.fix).toMatch(/Another station is packing this order/);
    expect(second.store.outbox.get(lost.event.seq)?.status).toBe('rejected');
    expect(second.engine.status().queueLength).toBe(0);
    expect(await serverUnitIds(server, 'ORD-2003')).toEqual([]);
  });

  it('fetches an uncached order on demand', async () => {
    const e = station('station-e');

    const order = await e.engine.fetchOrder('ORD-2001');

    expect(order?.orderNumber).toBe('ORD-2001');
    expect(order?.lines.map((line) => line.sku)).toEqual(['WIDGET-01', 'CABLE-02']);
    expect(e.store.orders.get('ORD-2001')?.lines).toHaveLength(2);
    expect(e.store.catalog.get('WIDGET-01')?.needsSerialNumber).toBe(true);
    expect(await e.engine.fetchOrder('ORD-9999')).toBeNull();
  });

  it('keeps a claim not yet uploaded', async () => {
    const g = station('station-g');
    await g.engine.fetchOrder('ORD-2004');
    g.store.orders.claim({ orderNumber: 'ORD-2004', stationId: 'station-g' });

    await g.engine.fetchOrder('ORD-2004');

    expect(g.store.orders.get('ORD-2004')?.status).toBe('claimed');
    expect(g.store.orders.get('ORD-2004')?.claimedBy).toBe('station-g');
  });

  it('runs one push at a time for simultaneous triggers', async () => {
    const f = openStation({
      name: 'station-f',
      folder,
      baseUrl: server.url,
      token: server.stationToken,
      batchSize: 5,
    });
    stations.push(f);
    const pushes = { running: 0, max: 0, total: 0 };
    const push = f.client.push;
    f.client.push = async (...args) => {
      pushes.running += 1;
      pushes.total += 1;
      pushes.max = Math.max(pushes.max, pushes.running);
      try {
        return await push(...args);
      } finally {
        pushes.running -= 1;
      }
    };
    await f.engine.fetchOrder('ORD-2001');
    for (let index = 0; index < 20; index += 1) {
      f.store.units.pack({
        orderNumber: 'ORD-2001',
        lineId: '2',
        sku: 'CABLE-02',
        serial: null,
        packer: 'pat',
        stationId: 'station-f',
      });
    }

    f.engine.wake();
    f.engine.wake();
    const runs = [f.engine.flush(), f.engine.retryNow(), f.engine.flush()];
    f.engine.wake();
    await Promise.all(runs);
    await f.engine.flush();

    expect(pushes.total).toBeGreaterThanOrEqual(4);
    expect(pushes.max).toBe(1);
    expect(f.engine.status().queueLength).toBe(0);
  });
});
