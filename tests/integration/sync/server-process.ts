import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';

/**
 * The real server (`src/server/cli.ts`) in a child process on 127.0.0.1, port 0, on an
 * embedded PGlite folder or a PostgreSQL database. A child process can be killed in the
 * middle of a request, which an in-process server cannot. It runs as `node --import tsx`
 * rather than through the tsx wrapper, so a signal reaches the server itself.
 */
export type ServerDatabase = { dataDir: string } | { url: string };

export interface ServerProcess {
  url: string;
  port: number;
  stationToken: string;
  adminToken: string;
  database: ServerDatabase;
  /** Stops the process: SIGTERM lets requests finish, SIGKILL drops them. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts the process again on the same database; the port changes. */
  restart(): Promise<void>;
  /** Output of the current process, for failure messages. */
  output(): string;
  /** True once the current process has exited. */
  exited(): boolean;
  /** Sends an admin request and returns the parsed JSON response; throws on HTTP errors. */
  admin(method: string, route: string, body?: unknown): Promise<unknown>;
}

const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'src', 'server', 'cli.ts');
const run = promisify(execFile);

export async function startServerProcess(database: ServerDatabase): Promise<ServerProcess> {
  const env = environmentFor(database);
  const args = 'dataDir' in database ? ['--data', database.dataDir] : [];
  const stationToken = await createToken(env, args, 'station', 'station');
  const adminToken = await createToken(env, args, 'admin', 'admin');

  let child: ChildProcess;
  let output = '';
  let port = 0;

  async function launch(): Promise<void> {
    output = '';
    child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', ...args], {
      cwd: root,
      env,
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });

    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
      const check = () => {
        const found = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (found !== null) {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          resolve(Number(found[1]));
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} before listening:\n${output}`));
      });
    });
  }

  async function stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }

    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  await launch();

  const server: ServerProcess = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    stationToken,
    adminToken,
    database,
    stop,
    async restart() {
      await stop('SIGKILL');
      await launch();
    },
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async admin(method, route, body) {
      const response = await fetch(`${server.url}/v1${route}`, {
        method,
        headers: {
          authorization: `Bearer ${adminToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) {
        throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
      }

      return text === '' ? null : (JSON.parse(text) as unknown);
    },
  };
  return server;
}

/** Creates an empty database named `name` on the PostgreSQL server and returns its URL. */
export async function createPostgresDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}"`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one query against a PostgreSQL database and returns its rows. */
export async function queryPostgres<Row>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

function environmentFor(database: ServerDatabase): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PACKING_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if ('url' in database) {
    env.DATABASE_URL = database.url;
  }

  return env;
}

async function createToken(
  env: NodeJS.ProcessEnv,
  args: string[],
  role: 'station' | 'admin',
  name: string,
): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', cli, 'token', 'create', '--role', role, '--name', name, ...args],
    { cwd: root, env },
  );
  return stdout.trim();
}
