import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * A throwaway PostgreSQL 15 cluster on a free loopback port, for tests and benchmarks.
 * initdb and postgres refuse to run as root, so when this process is root the cluster
 * folder is handed to the `postgres` user and every binary runs through `runuser`.
 * Durability settings are off: the cluster is deleted when it stops.
 */
export interface ThrowawayCluster {
  /** Connection URL for the `postgres` superuser (trust authentication on loopback). */
  url: string;
  /** Stops the server at once (open connections are cut) and starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const run = promisify(execFile);
const binDir = process.env.PACKING_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  if (!existsSync(path.join(binDir, 'initdb'))) {
    throw new Error(
      `PostgreSQL 15 was not found in ${binDir}. Install the Debian package postgresql-15, ` +
        'set PACKING_PG_BIN to its bin folder, or set PACKING_TEST_DATABASE_URL to a server.',
    );
  }

  const dir = await mkdtemp(path.join(tmpdir(), 'packing-pg-'));
  const dataDir = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const ids = await lookUpPostgresUser();
    await chown(dir, ids.uid, ids.gid);
    await chmod(dir, 0o700);
  }

  const pg = (binary: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(binDir, binary), ...args])
      : run(path.join(binDir, binary), args);

  await pg('initdb', [
    '-D',
    dataDir,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);

  const port = await findFreePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c shared_buffers=256MB',
  ].join(' ');
  const start = () =>
    pg('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-o', options, '-w', 'start']);
  await start();

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => {
      await pg('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      await start();
    },
    stop: async () => {
      await pg('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function lookUpPostgresUser(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
