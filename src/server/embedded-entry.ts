// Process entry of the server embedded in a standalone station. The desktop app starts it
// with Electron's utilityProcess, the browser host and the tests with child_process.fork.
//
// Protocol with the parent, which never imports this code (it talks to the server over
// HTTP like any station):
// - arguments: --data DIR (PGlite folder), --seed-demo (load the demo data if missing);
// - the parent gets `{type: 'tokens', stationToken, adminToken}` as a process message,
//   never on stdout, then reads the line `listening on http://HOST:PORT` on stdout;
// - `{type: 'remove-demo'}` cancels the demo orders still open and replies
//   `{type: 'demo-removed', orders}`;
// - `{type: 'stop'}`, SIGTERM or a vanished parent close the server and the database.
// Tokens are created fresh on every start (the previous ones are revoked), so none is ever
// stored on disk by the station.
import { parseArgs } from 'node:util';

import { and, eq, like } from 'drizzle-orm';

import { isAppError } from '../shared/errors';

import { createToken, revokeToken } from './auth/tokens';
import { nextVersion, openDatabase } from './db/database';
import type { Database } from './db/database';
import { orders } from './db/schema';
import { createLogger } from './logger';
import { seedDemo } from './seed-demo';
import { startServer } from './server';
import type { RunningServer } from './server';

type ParentMessage = { type: 'stop' } | { type: 'remove-demo' };

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const stationTokenName = 'embedded-station';
const adminTokenName = 'embedded-admin';

const logger = createLogger().child({ component: 'embedded-server' });

const { values } = parseArgs({
  options: { data: { type: 'string' }, 'seed-demo': { type: 'boolean' } },
  strict: true,
});

if (values.data === undefined) {
  process.stderr.write('embedded server: --data DIR is required\n');
  process.exit(2);
}

const database = await openDatabase({ dataDir: values.data });
const stationToken = await freshToken(database, stationTokenName, 'station');
const adminToken = await freshToken(database, adminTokenName, 'admin');

if (values['seed-demo'] === true) {
  const added = await seedDemo(database.db);
  logger.info(added, 'demo data loaded (SKUs and order numbers start with DEMO-)');
}

const server = await startServer(database, { host: '127.0.0.1', port: 0, logger: createLogger() });
let stopping: Promise<void> | null = null;

listenToParent((message) => {
  switch (message.type) {
    case 'stop':
      void stop('stop message');
      break;
    case 'remove-demo':
      void removeDemoOrders(database).then(
        (count) => sendToParent({ type: 'demo-removed', orders: count }),
        (error: unknown) => {
          logger.error({ err: error }, 'failed to remove the demo orders');
          sendToParent({ type: 'demo-removed', orders: 0, error: String(error) });
        },
      );
      break;
    default: {
      const unexpected: never = message;
      logger.warn({ message: unexpected }, 'ignored an unknown message from the station');
    }
  }
});
process.once('SIGTERM', () => void stop('SIGTERM'));
// Writes to a pipe whose reader died fail with EPIPE; they must not end the process before
// the database is closed.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
process.once('SIGINT', () => void stop('SIGINT'));

sendToParent({ type: 'tokens', stationToken, adminToken });
logger.info({ url: server.url, dataDir: values.data }, 'embedded server started');
process.stdout.write(`listening on ${server.url}\n`);

/** Maximum time a stop may take before the process exits anyway. */
const stopDeadlineMs = 10_000;

async function stop(reason: string): Promise<void> {
  // A parent that died leaves this process writing into a closed pipe, so a close step
  // can wait forever. The deadline makes sure the PGlite folder is released.
  setTimeout(() => process.exit(1), stopDeadlineMs).unref();
  stopping ??= closeAll(server, database, reason);
  return stopping;
}

async function closeAll(running: RunningServer, opened: Database, reason: string): Promise<void> {
  logger.info({ reason }, 'embedded server stopping');

  try {
    await running.close();
    await opened.close();
    logger.info('embedded server stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'embedded server failed to stop cleanly');
    process.exit(1);
  }
}

async function freshToken(
  opened: Database,
  name: string,
  role: 'station' | 'admin',
): Promise<string> {
  try {
    await revokeToken(opened.db, name);
  } catch (error) {
    // No token of that name yet: the first start.
    if (!(isAppError(error) && error.code === 'token_not_found')) throw error;
  }

  const { token } = await createToken(opened.db, name, role);
  return token;
}

/** Cancels every open demo order (a new version, so stations pull the change). */
async function removeDemoOrders(opened: Database): Promise<number> {
  return opened.db.transaction(async (tx) => {
    const open = await tx
      .select({ orderNumber: orders.orderNumber })
      .from(orders)
      .where(and(like(orders.orderNumber, 'DEMO-%'), eq(orders.status, 'open')));

    for (const { orderNumber } of open) {
      const version = await nextVersion(tx);
      await tx
        .update(orders)
        .set({ status: 'cancelled', version })
        .where(eq(orders.orderNumber, orderNumber));
    }

    logger.info({ orders: open.length }, 'demo orders cancelled');
    return open.length;
  });
}

/** Electron's utilityProcess has `process.parentPort`; child_process.fork has `process.send`. */
function parentPort(): ParentPort | undefined {
  return (process as unknown as { parentPort?: ParentPort }).parentPort;
}

function sendToParent(message: Record<string, unknown>): void {
  const port = parentPort();
  if (port !== undefined) {
    port.postMessage(message);
  } else {
    process.send?.(message);
  }
}

function listenToParent(handle: (message: ParentMessage) => void): void {
  const accept = (data: unknown) => {
    if (isParentMessage(data)) handle(data);
  };

  const port = parentPort();
  if (port !== undefined) {
    port.on('message', (event) => accept(event.data));
    return;
  }

  process.on('message', accept);
  // A forked child whose parent died would otherwise keep the PGlite folder open.
  process.on('disconnect', () => void stop('parent disconnected'));
}

function isParentMessage(data: unknown): data is ParentMessage {
  if (typeof data !== 'object' || data === null) return false;
  const type = (data as { type?: unknown }).type;
  return type === 'stop' || type === 'remove-demo';
}
