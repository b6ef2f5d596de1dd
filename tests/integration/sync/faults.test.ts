import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

import { startFaultProxy } from '../../support/fault-proxy';
import type { FaultProxy } from '../../support/fault-proxy';
import { expectExactlyOnce } from './exactly-once';
import { createPostgresDatabase, startServerProcess } from './server-process';
import type { ServerProcess } from './server-process';
import {
  openStation,
  packSeededOrder,
  seedCatalog,
  removeFolder,
  stationFolder,
  waitFor,
} from './station';
import type { TestStation } from './station';

const push = 'POST /v1/sync/push';

describe('network faults between station and server', () => {
  let server: ServerProcess;
  let proxy: FaultProxy;
  const folder = stationFolder();
  let station: TestStation | undefined;

  beforeAll(async () => {
    const url = await createPostgresDatabase(inject('postgresUrl'), 'sync_faults');
    server = await startServerProcess({ url });
    proxy = await startFaultProxy(server.port);
    await seedCatalog(server, [
      'ORD-3001',
      'ORD-3002',
      'ORD-3003',
      'ORD-3004',
      'ORD-3005',
      'ORD-3006',
      'ORD-3007',
    ]);
    await server.admin('POST', '/orders', {
      orderNumber: 'ORD-3100',
      lines: [{ lineId: '1', sku: 'CABLE-02', quantity: 400 }],
    });
  });

  afterEach(async () => {
    await station?.close();
    station = undefined;
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
    removeFolder(folder);
  });

  async function freshStation(name: string, pushTimeoutMs?: number): Promise<TestStation> {
    station = openStation({
      name,
      folder,
      baseUrl: proxy.url,
      token: server.stationToken,
      pushTimeoutMs,
    });
    await station.engine.pullNow();
    return station;
  }

  function retryLines(opened: TestStation) {
    return opened.logLines().filter((line) => String(line.msg).startsWith('upload attempt'));
  }

  it('retries while the connection is refused', async () => {
    const opened = await freshStation('refused');
    await proxy.refuse();
    const units = packSeededOrder(opened, 'ORD-3001', ['SN-3001', 'SN-3002']);

    expect(await opened.engine.flush()).toBe('failed');
    const offline = opened.engine.status();
    expect(offline.online).toBe(false);
    expect(offline.lastError?.code).toBe('backend_unreachable');
    expect(offline.queueLength).toBe(4);
    await waitFor('two retries', () => retryLines(opened).length >= 2);
    await proxy.accept();

    await waitFor('the queue to drain', () => opened.engine.status().queueLength === 0);
    await expectExactlyOnce(opened, server, 'ORD-3001', units);
    const first = retryLines(opened)[0];
    expect(first?.attempt).toBe(1);
    expect(first?.fromSeq).toBe(1);
    expect(first?.toSeq).toBe(4);
    expect(first?.code).toBe('backend_unreachable');
    expect(retryLines(opened)[1]?.attempt).toBe(2);
    expect(opened.engine.status().online).toBe(true);
    expect(opened.engine.status().lastError).toBeNull();
  });

  it('resends after a reply slower than the time limit', async () => {
    const opened = await freshStation('slow', 500);
    proxy.inject({ kind: 'delay', ms: 1_500 }, { match: push, times: 2 });
    const units = packSeededOrder(opened, 'ORD-3002', ['SN-3011', 'SN-3012']);

    opened.engine.wake();

    await waitFor('the queue to drain', () => opened.engine.status().queueLength === 0);
    await expectExactlyOnce(opened, server, 'ORD-3002', units);
    expect(retryLines(opened)[0]?.code).toBe('backend_timeout');
    expect(proxy.count(push)).toBeGreaterThanOrEqual(3);
  });

  it('acknowledges after the reply to a committed push is lost', async () => {
    const opened = await freshStation('lost-reply');
    proxy.inject({ kind: 'reset_after_reply' }, { match: push, times: 2 });
    const units = packSeededOrder(opened, 'ORD-3003', ['SN-3021', 'SN-3022']);

    opened.engine.wake();

    await waitFor('the queue to drain', () => opened.engine.status().queueLength === 0);
    await expectExactlyOnce(opened, server, 'ORD-3003', units);
    expect(proxy.armed()).toBe(0);
    expect(retryLines(opened)).toHaveLength(2);
    expect(opened.engine.status().rejected).toEqual([]);
  });

  it('retries HTTP 500 before and after the commit', async () => {
    const opened = await freshStation('http-500');
    proxy.inject({ kind: 'http_500' }, { match: push });
    proxy.inject({ kind: 'http_500_after_reply' }, { match: push });
    const units = packSeededOrder(opened, 'ORD-3004', ['SN-3031', 'SN-3032']);

    opened.engine.wake();

    await waitFor('the queue to drain', () => opened.engine.status().queueLength === 0);
    await expectExactlyOnce(opened, server, 'ORD-3004', units);
    expect(retryLines(opened).map((line) => line.code)).toEqual([
      'backend_server_error',
      'backend_server_error',
    ]);
  });

  it('cancels a hung push on stop', async () => {
    const opened = await freshStation('hung', 60_000);
    proxy.inject({ kind: 'delay', ms: 20_000 }, { match: push });
    const before = proxy.count(push);
    const unit = opened.store.units.pack({
      orderNumber: 'ORD-3007',
      lineId: '2',
      sku: 'CABLE-02',
      serial: null,
      packer: 'pat',
      stationId: 'hung',
    });
    opened.engine.wake();
    await waitFor('the push to leave', () => proxy.count(push) > before);

    await opened.engine.stop();

    expect(opened.engine.status().lastError?.code).toBe('backend_request_cancelled');
    expect(opened.store.outbox.get(unit.event.seq)?.status).toBe('pending');
    expect(retryLines(opened)).toHaveLength(1);
  });

  it('drains after the server is killed mid-batch', async () => {
    station = openStation({
      name: 'server-killed',
      folder,
      baseUrl: proxy.url,
      token: server.stationToken,
      batchSize: 50,
    });
    const opened = station;
    await opened.engine.pullNow();
    opened.store.orders.claim({ orderNumber: 'ORD-3100', stationId: 'server-killed' });
    const units: string[] = [];
    for (let index = 0; index < 400; index += 1) {
      const packed = opened.store.units.pack({
        orderNumber: 'ORD-3100',
        lineId: '1',
        sku: 'CABLE-02',
        serial: null,
        packer: 'pat',
        stationId: 'server-killed',
      });
      units.push(packed.unit.unitId);
    }

    let killing: Promise<void> | null = null;
    let pushes = 0;
    const unsubscribe = proxy.onRequest((line) => {
      pushes += line.startsWith(push) ? 1 : 0;
      if (pushes === 3 && killing === null) {
        killing = server.restart().then(() => proxy.setTarget(server.port));
      }
    });
    opened.engine.wake();

    await waitFor('the server to restart', () => killing !== null);
    await killing;
    unsubscribe();
    await waitFor('the queue to drain', () => opened.engine.status().queueLength === 0);
    await expectExactlyOnce(opened, server, 'ORD-3100', units);
    expect(retryLines(opened).length).toBeGreaterThanOrEqual(1);
  });

  it('ships a label pending order after a restart', async () => {
    let opened = await freshStation('label-pending');
    const units = packSeededOrder(opened, 'ORD-3005', ['SN-3041', 'SN-3042']);
    await proxy.refuse();

    const outcome = await opened.engine.shipOrder('ORD-3005');

    expect(outcome.status).toBe('label_pending');
    expect(opened.engine.status().labelPendingOrders).toEqual(['ORD-3005']);
    expect(opened.store.shipments.forOrder('ORD-3005')).toEqual([]);
    await opened.close();
    opened = openStation({
      name: 'label-pending',
      folder,
      baseUrl: proxy.url,
      token: server.stationToken,
    });
    station = opened;
    const seen: string[][] = [];
    opened.engine.onStatus((status) => seen.push(status.labelPendingOrders));
    expect(opened.engine.status().labelPendingOrders).toEqual(['ORD-3005']);

    opened.engine.start();
    await proxy.accept();

    await waitFor('the label', () => opened.store.shipments.forOrder('ORD-3005').length === 1);
    await waitFor('the status change', () => seen.at(-1)?.length === 0);
    expect(opened.engine.status().labelPendingOrders).toEqual([]);
    expect(seen.some((orders) => orders.includes('ORD-3005'))).toBe(true);
    await expectExactlyOnce(opened, server, 'ORD-3005', units);
    const shipment = opened.store.shipments.forOrder('ORD-3005')[0]!;
    const label = await opened.engine.labelForOrder('ORD-3005');
    expect(label.trackingNumber).toBe(shipment.trackingNumber);
    expect(label.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(label.zpl).toContain('^XA');
    expect(label.zpl).toContain(shipment.trackingNumber);
  });

  it('throws a rule the server enforces on shipping', async () => {
    const opened = await freshStation('incomplete');
    opened.store.orders.claim({ orderNumber: 'ORD-3006', stationId: 'incomplete' });

    await expect(opened.engine.shipOrder('ORD-3006')).rejects.toMatchObject({
      code: 'order_incomplete',
    });
    expect(opened.engine.status().labelPendingOrders).toEqual([]);
    await expect(opened.engine.labelForOrder('ORD-3006')).rejects.toMatchObject({
      code: 'label_not_ready',
    });
  });
});
