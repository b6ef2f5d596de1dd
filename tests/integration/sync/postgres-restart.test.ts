import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startThrowawayCluster } from '../../support/postgres-cluster';
import type { ThrowawayCluster } from '../../support/postgres-cluster';
import { expectExactlyOnce } from './exactly-once';
import { createPostgresDatabase, startServerProcess } from './server-process';
import type { ServerProcess } from './server-process';
import { openStation, removeFolder, seedCatalog, stationFolder, waitFor } from './station';
import type { TestStation } from './station';

// A cluster of its own, because restarting the shared one would cut other test files off.
describe('PostgreSQL restarted under the server', () => {
  let cluster: ThrowawayCluster;
  let server: ServerProcess;
  let station: TestStation;
  const folder = stationFolder();

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    const url = await createPostgresDatabase(cluster.url, 'sync_restart');
    server = await startServerProcess({ url });
    await seedCatalog(server, []);
    await server.admin('POST', '/orders', {
      orderNumber: 'ORD-4001',
      lines: [{ lineId: '1', sku: 'CABLE-02', quantity: 50 }],
    });
    station = openStation({
      name: 'pg-restart',
      folder,
      baseUrl: server.url,
      token: server.stationToken,
      batchSize: 10,
    });
  });

  afterAll(async () => {
    await station?.close();
    await server?.stop();
    await cluster?.stop();
    removeFolder(folder);
  });

  it('drains once PostgreSQL is back', async () => {
    await station.engine.pullNow();
    station.store.orders.claim({ orderNumber: 'ORD-4001', stationId: 'pg-restart' });
    const units: string[] = [];
    const packCables = (count: number) => {
      for (let index = 0; index < count; index += 1) {
        const packed = station.store.units.pack({
          orderNumber: 'ORD-4001',
          lineId: '1',
          sku: 'CABLE-02',
          serial: null,
          packer: 'pat',
          stationId: 'pg-restart',
        });
        units.push(packed.unit.unitId);
      }
    };
    packCables(20);
    expect(await station.engine.flush()).toBe('drained');

    await cluster.restart();
    packCables(30);
    station.engine.wake();

    await waitFor(
      'the queue to drain or the server to exit',
      () => station.engine.status().queueLength === 0 || server.exited(),
    );
    expect(server.exited(), `the server exited:\n${server.output().slice(0, 800)}`).toBe(false);
    await expectExactlyOnce(station, server, 'ORD-4001', units);
  });
});
