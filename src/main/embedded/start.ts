import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { Logger } from '../logger';
import { embeddedError } from './errors';
import type { EmbeddedLauncher, ServerProcess } from './launcher';
import { followStderr, followStdout } from './server-output';

export interface StartEmbeddedServerOptions {
  /**
   * The embedded server's own folder: PGlite's database is in `pgdata/` inside it and the
   * demo-data state in `demo-data.json`.
   */
  dataDir: string;
  logger: Logger;
  launcher: EmbeddedLauncher;
  /** Loads the demo data on the first start; true unless turned off. */
  demoData?: boolean;
  /** How long to wait for `listening on ...`; PGlite's first start runs all migrations. */
  startTimeoutMs?: number;
  /** How long `stop()` waits for an orderly exit before it kills the process. */
  stopTimeoutMs?: number;
}

export interface EmbeddedServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  stationToken: string;
  adminToken: string;
  /** True when this start loaded the demo data (first start). */
  demoDataLoaded: boolean;
  /** Cancels the demo orders still open and keeps them from being loaded again. */
  removeDemoData(): Promise<{ orders: number }>;
  /** Asks the server to close its database and waits for it to exit; safe to call twice. */
  stop(): Promise<void>;
}

interface DemoState {
  loadedAt?: string;
  removedAt?: string;
}

// The first start creates the PGlite database and runs every migration, which took about
// 20 s on a busy 2-core machine (bench/embedded-start.ts); slower stations get room.
const defaultStartTimeoutMs = 120_000;
const defaultStopTimeoutMs = 10_000;
const replyTimeoutMs = 30_000;

/**
 * Starts the server in its own process on 127.0.0.1 with a free port and resolves once it
 * prints `listening on http://HOST:PORT` and has sent its freshly created station and admin
 * tokens. Rejects with `embedded_server_failed` when the process exits first (with its
 * last stderr lines) and with `embedded_server_timeout` when it takes too long (the process
 * is then killed).
 */
export async function startEmbeddedServer(
  options: StartEmbeddedServerOptions,
): Promise<EmbeddedServer> {
  const log = options.logger.child({ component: 'embedded-server' });
  const dataDir = path.resolve(options.dataDir);
  const pgDataDir = path.join(dataDir, 'pgdata');
  const demoStateFile = path.join(dataDir, 'demo-data.json');

  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const demoState = await readDemoState(demoStateFile);
  const loadDemo = options.demoData !== false && demoState === null;

  const args = ['--data', pgDataDir, ...(loadDemo ? ['--seed-demo'] : [])];
  log.info({ dataDir: pgDataDir, demoData: loadDemo }, 'starting the embedded server');

  const child = options.launcher({ args, env: serverEnvironment(options.logger) });
  const stderrTail: string[] = [];
  let exitCode: number | null | undefined;

  const exited = new Promise<number | null>((resolve) => {
    child.onExit((code) => {
      exitCode = code;
      resolve(code);
    });
  });

  if (child.stderr !== null) followStderr(child.stderr, log, stderrTail);

  const ready = waitUntilReady(child, log);
  const outcome = await Promise.race([
    ready.then((value) => ({ kind: 'ready' as const, value })),
    exited.then((code) => ({ kind: 'exited' as const, code })),
    delay(options.startTimeoutMs ?? defaultStartTimeoutMs).then(() => ({
      kind: 'timeout' as const,
    })),
  ]);

  if (outcome.kind === 'exited') {
    throw embeddedError(
      'embedded_server_failed',
      `The embedded server exited with code ${String(outcome.code)} before it was ready. Its data is in ${pgDataDir}; the log has the details${stderrTail.length > 0 ? `: ${stderrTail.slice(-3).join(' | ')}` : '.'}`,
      { exitCode: outcome.code, dataDir: pgDataDir, stderr: stderrTail },
    );
  }

  if (outcome.kind === 'timeout') {
    child.kill();
    throw embeddedError(
      'embedded_server_timeout',
      `The embedded server did not start within ${String((options.startTimeoutMs ?? defaultStartTimeoutMs) / 1000)} s and was stopped. Check the log, and that ${pgDataDir} is not used by another running station.`,
      { dataDir: pgDataDir },
    );
  }

  if (loadDemo) await writeDemoState(demoStateFile, { loadedAt: new Date().toISOString() });

  const { url, stationToken, adminToken } = outcome.value;
  log.info({ url, pid: child.pid, demoDataLoaded: loadDemo }, 'embedded server ready');

  let stopping: Promise<void> | null = null;
  void exited.then((code) => {
    if (stopping === null) log.error({ exitCode: code }, 'embedded server exited unexpectedly');
  });

  return {
    url,
    stationToken,
    adminToken,
    demoDataLoaded: loadDemo,

    async removeDemoData() {
      if (exitCode !== undefined) throw stoppedError(exitCode);

      const reply = waitForMessage(child, 'demo-removed');
      child.postMessage({ type: 'remove-demo' });
      const answer = await Promise.race([reply, delay(replyTimeoutMs).then(() => null)]);
      if (answer === null || typeof answer.error === 'string') {
        throw embeddedError(
          'embedded_server_failed',
          'The embedded server could not remove the demo data. The log has the details; try again.',
        );
      }

      const previous = (await readDemoState(demoStateFile)) ?? {};
      await writeDemoState(demoStateFile, { ...previous, removedAt: new Date().toISOString() });
      const orders = typeof answer.orders === 'number' ? answer.orders : 0;
      log.info({ orders }, 'demo data removed');
      return { orders };
    },

    stop() {
      stopping ??= stopProcess(child, exited, () => exitCode !== undefined, log, options);
      return stopping;
    },
  };
}

interface ReadyValue {
  url: string;
  stationToken: string;
  adminToken: string;
}

function waitUntilReady(child: ServerProcess, log: Logger): Promise<ReadyValue> {
  const url = new Promise<string>((resolve) => {
    if (child.stdout === null) return;
    followStdout(child.stdout, log, resolve);
  });

  const tokens = waitForMessage(child, 'tokens').then((message) => {
    const { stationToken, adminToken } = message;
    if (typeof stationToken !== 'string' || typeof adminToken !== 'string') {
      throw embeddedError('embedded_server_failed', 'The embedded server sent no tokens.');
    }
    return { stationToken, adminToken };
  });

  return Promise.all([url, tokens]).then(([address, pair]) => ({ url: address, ...pair }));
}

function waitForMessage(child: ServerProcess, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    child.onMessage((message) => {
      if (
        typeof message === 'object' &&
        message !== null &&
        (message as { type?: unknown }).type === type
      ) {
        resolve(message as Record<string, unknown>);
      }
    });
  });
}

async function stopProcess(
  child: ServerProcess,
  exited: Promise<number | null>,
  hasExited: () => boolean,
  log: Logger,
  options: StartEmbeddedServerOptions,
): Promise<void> {
  if (hasExited()) return;

  log.info({ pid: child.pid }, 'stopping the embedded server');
  child.postMessage({ type: 'stop' });

  const timeoutMs = options.stopTimeoutMs ?? defaultStopTimeoutMs;
  const outcome = await Promise.race([exited, delay(timeoutMs).then(() => 'timeout' as const)]);
  if (outcome === 'timeout') {
    log.warn({ pid: child.pid, timeoutMs }, 'embedded server did not stop in time; killing it');
    child.kill();
    await exited;
    return;
  }

  log.info({ exitCode: outcome }, 'embedded server stopped');
}

/**
 * The server's environment: the station's own, minus the settings that would point it or
 * its clients elsewhere, plus the station's log level.
 */
function serverEnvironment(logger: Logger): Record<string, string | undefined> {
  const {
    PACKING_STATION_TOKEN: _token,
    PACKING_BACKEND_URL: _url,
    DATABASE_URL: _db,
    ...rest
  } = process.env;
  return { ...rest, PACKING_LOG_LEVEL: logger.level };
}

async function readDemoState(file: string): Promise<DemoState | null> {
  if (!existsSync(file)) return null;

  try {
    return JSON.parse(await readFile(file, 'utf8')) as DemoState;
  } catch {
    // A damaged state file counts as "handled before": never load the demo data over it.
    return {};
  }
}

async function writeDemoState(file: string, state: DemoState): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, file);
}

function stoppedError(code: number | null) {
  return embeddedError(
    'embedded_server_stopped',
    `The embedded server is not running (it exited with code ${String(code)}). Restart the station.`,
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
