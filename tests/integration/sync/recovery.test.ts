import { copyFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startFaultProxy } from '../../support/fault-proxy';
import type { FaultProxy } from '../../support/fault-proxy';
import { expectExactlyOnce } from './exactly-once';
import { createPostgresDatabase, queryPostgres, startServerProcess } from './server-process';
import type { ServerProcess } from './server-process';
import { openStation, removeFolder, seedCatalog, stationFolder } from './station';
import type { TestStation } from './station';

const push = 'POST /v1/sync/push';

describe('recovery from lost state on either side', () => {
  let server: ServerProcess;
  let databaseUrl: string;
  let proxy: FaultProxy;
  const folder = stationFolder();
  const open: TestStation[] = [];

  beforeAll(async () => {
    databaseUrl = await createPostgresDatabase(inject('postgresUrl'), 'sync_recovery');
    server = await startServerProcess({ url: databaseUrl });
    proxy = await startFaultProxy(server.port);
    await seedCatalog(server, ['ORD-5001', 'ORD-5002', 'ORD-5003']);
  });

  afterAll(async () => {
    await Promise.all(open.map((station) => station.close()));
    await proxy?.close();
    await server?.stop();
    removeFolder(folder);
  });

  async function station(name: string): Promise<TestStation> {
    const opened = openStation({ name, folder, baseUrl: proxy.url, token: server.stationToken });
    open.push(opened);
    await opened.engine.pullNow();
    return opened;
  }

  async function reopen(closed: TestStation): Promise<TestStation> {
    open.splice(open.indexOf(closed), 1);
    return station(closed.name);
  }

  function pack(
    opened: TestStation,
    orderNumber: string,
    lineId: '1' | '2',
    serial: string | null,
  ) {
    return opened.store.units.pack({
      orderNumber,
      lineId,
      sku: lineId === '1' ? 'WIDGET-01' : 'CABLE-02',
      serial,
      packer: 'pat',
      stationId: opened.name,
    });
  }

  it('reports a station restored from an old backup', async () => {
    let restored = await station('restored');
    restored.store.orders.claim({ orderNumber: 'ORD-5001', stationId: 'restored' });
    pack(restored, 'ORD-5001', '1', 'SN-5001');
    expect(await restored.engine.flush()).toBe('drained');
    await restored.close();
    copyFileSync(restored.file, `${restored.file}.backup`);

    restored = await reopen(restored);
    pack(restored, 'ORD-5001', '1', 'SN-5002');
    expect(await restored.engine.flush()).toBe('drained');
    await restored.close();
    copyFileSync(`${restored.file}.backup`, restored.file);

    restored = await reopen(restored);
    const after = pack(restored, 'ORD-5001', '2', null);
    const pushes = proxy.count(push);

    expect(await restored.engine.flush()).toBe('diverged');
    expect(await restored.engine.flush()).toBe('diverged');

    expect(proxy.count(push)).toBe(pushes + 1);
    const status = restored.engine.status();
    expect(status.lastError?.code).toBe('client_diverged');
    expect(status.lastError?.message).toContain(`seq ${after.event.seq}`);
    expect(status.queueLength).toBe(1);
    expect(restored.store.outbox.get(after.event.seq)?.status).toBe('pending');
    const loud = restored.logLines().filter((line) => line.level === 50);
    expect(loud.some((line) => String(line.msg).startsWith('Sync stopped'))).toBe(true);
  });

  it('resends from the server lastSeq after a gap', async () => {
    const opened = await station('gap');
    opened.store.orders.claim({ orderNumber: 'ORD-5002', stationId: 'gap' });
    const first = pack(opened, 'ORD-5002', '1', 'SN-5101');
    const second = pack(opened, 'ORD-5002', '1', 'SN-5102');
    expect(await opened.engine.flush()).toBe('drained');
    const clientId = opened.store.syncState.clientId();
    await queryPostgres(
      databaseUrl,
      `with forgotten as (delete from sync_events where client_id = $1 and seq > 2 returning seq)
       update sync_clients set last_seq = 2 where client_id = $1`,
      [clientId],
    );
    await queryPostgres(databaseUrl, 'delete from packed_units where unit_id = $1', [
      second.unit.unitId,
    ]);
    const third = pack(opened, 'ORD-5002', '2', null);

    expect(await opened.engine.flush()).toBe('drained');

    await expectExactlyOnce(opened, server, 'ORD-5002', [
      first.unit.unitId,
      second.unit.unitId,
      third.unit.unitId,
    ]);
    expect(opened.logLines().some((line) => line.serverLastSeq === 2)).toBe(true);
  });

  it('keeps a rejection whose reply was lost', async () => {
    const opened = await station('lost-rejection');
    opened.store.orders.claim({ orderNumber: 'ORD-5003', stationId: 'lost-rejection' });
    pack(opened, 'ORD-5003', '1', 'SN-5201');
    const twin = pack(opened, 'ORD-5003', '1', 'SN-5201');
    proxy.inject({ kind: 'reset_after_reply' }, { match: push });

    opened.engine.wake();
    await opened.engine.flush();
    await opened.engine.flush();

    expect(proxy.armed()).toBe(0);
    expect(opened.engine.status().queueLength).toBe(0);
    expect(opened.store.outbox.get(twin.event.seq)?.status).toBe('rejected');
    expect(opened.engine.status().rejected.map((event) => event.code)).toEqual([
      'duplicate_serial_in_order',
    ]);
  });
});
