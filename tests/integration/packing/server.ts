import { createToken } from '../../../src/server/auth/tokens';
import { openDatabase } from '../../../src/server/db/database';
import { createLogger } from '../../../src/server/logger';
import { createOrders } from '../../../src/server/orders/orders';
import { seedDemo } from '../../../src/server/seed-demo';
import { startServer } from '../../../src/server/server';
import { createBackendClient } from '../../../src/main/backend';
import type { BackendClient } from '../../../src/main/backend';
import { createLogger as createMainLogger } from '../../../src/main/logger';
import { startFaultProxy } from '../../support/fault-proxy';
import type { FaultProxy } from '../../support/fault-proxy';

/**
 * The real server on PGlite in memory with the demo data and orders TEST-2001 and
 * TEST-2002 (one DEMO-SCANNER each), behind a fault proxy.
 */
export interface DemoServer {
  proxy: FaultProxy;
  /** A client with a station token, through the proxy. */
  client: BackendClient;
  stationToken: string;
  close(): Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
  const database = await openDatabase({ inMemory: true });
  await seedDemo(database.db);
  await createOrders(database.db, [
    { orderNumber: 'TEST-2001', lines: [{ sku: 'DEMO-SCANNER', quantity: 1 }] },
    { orderNumber: 'TEST-2002', lines: [{ sku: 'DEMO-SCANNER', quantity: 1 }] },
  ]);
  const { token } = await createToken(database.db, 'station-1', 'station');
  const server = await startServer(database, {
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ level: 'silent' }),
  });
  const proxy = await startFaultProxy(Number(new URL(server.url).port));
  const client = createBackendClient({
    baseUrl: proxy.url,
    token,
    logger: createMainLogger({ level: 'silent' }),
    timeoutMs: 2_000,
  });

  return {
    proxy,
    client,
    stationToken: token,
    close: async () => {
      await proxy.close();
      await server.close();
      await database.close();
    },
  };
}
