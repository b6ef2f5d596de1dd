import { createServer } from 'node:net';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createBackendClient } from '../../../src/main/backend';
import type { StationStore } from '../../../src/main/store';
import { createSyncEngine } from '../../../src/main/sync';
import type { SyncEngine } from '../../../src/main/sync';
import { captureLogger } from '../../support/capture-logger';
import { openTestStore, tempFolder, unitInput } from '../store/temp-store';
import { fakeTimerClock } from './fake-clock';

/** Finds a loopback port with nothing listening, so every connection is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('upload retries against a refused connection', () => {
  let temp: ReturnType<typeof tempFolder>;
  let store: StationStore;
  let engine: SyncEngine;
  let timers: ReturnType<typeof fakeTimerClock>;
  let logLines: () => Record<string, unknown>[];

  beforeEach(async () => {
    temp = tempFolder();
    const captured = captureLogger();
    logLines = captured.lines;
    timers = fakeTimerClock();
    store = openTestStore(temp.file, { now: timers.clock.now });
    const client = createBackendClient({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      token: 'pst_secret-token-value',
      logger: captured.logger,
    });
    engine = createSyncEngine({
      store,
      client,
      logger: captured.logger,
      clock: timers.clock,
      random: () => 0.5,
      backoff: { baseMs: 1_000, maxMs: 8_000 },
    });
  });

  afterEach(async () => {
    await engine.stop();
    store.close();
    temp.remove();
  });

  async function failOnce(): Promise<void> {
    timers.fireNext();
    expect(await engine.flush()).toBe('failed');
  }

  it('backs off exponentially up to the cap', async () => {
    store.units.pack(unitInput({ serial: 'SN-0001' }));
    store.units.pack(unitInput({ serial: 'SN-0002' }));

    expect(await engine.flush()).toBe('failed');
    const delays = [timers.pendingDelays()];
    for (let retry = 0; retry < 5; retry += 1) {
      await failOnce();
      delays.push(timers.pendingDelays());
    }

    expect(delays).toEqual([[500], [1_000], [2_000], [4_000], [4_000], [4_000]]);
  });

  it('logs each retry with attempt and seq range', async () => {
    store.units.pack(unitInput({ serial: 'SN-0001' }));
    store.units.pack(unitInput({ serial: 'SN-0002' }));

    expect(await engine.flush()).toBe('failed');
    await failOnce();

    const retries = logLines().filter((line) => String(line.msg).startsWith('upload attempt'));
    expect(retries.map((line) => line.attempt)).toEqual([1, 2]);
    expect(retries.map((line) => [line.fromSeq, line.toSeq])).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(retries[0]?.code).toBe('backend_unreachable');
    expect(retries[0]?.msg).toMatch(
      /upload attempt 1 failed \(backend_unreachable\) for seq 1\.\.2/,
    );
  });

  it('never logs the token', async () => {
    store.units.pack(unitInput());

    expect(await engine.flush()).toBe('failed');
    await failOnce();

    const text = JSON.stringify(logLines());
    expect(text).not.toContain('secret-token-value');
    expect(logLines().length).toBeGreaterThan(0);
  });

  it('reports offline with the queue and its age', async () => {
    store.units.pack(unitInput());

    expect(await engine.flush()).toBe('failed');

    const status = engine.status();
    expect(status.online).toBe(false);
    expect(status.queueLength).toBe(1);
    expect(status.oldestUnsentAgeMs).toBe(0);
    expect(status.lastError?.code).toBe('backend_unreachable');
    expect(status.lastSyncAt).toBeNull();
  });

  it('stays offline with nothing to send', async () => {
    expect(await engine.flush()).toBe('drained');

    expect(engine.status().online).toBe(false);
    expect(engine.status().lastSyncAt).toBeNull();
    expect(timers.pendingDelays()).toEqual([]);
  });

  it('skips the wait when woken', async () => {
    store.units.pack(unitInput());
    expect(await engine.flush()).toBe('failed');
    expect(timers.pendingDelays()).toEqual([500]);

    engine.wake();
    expect(timers.pendingDelays()).toEqual([]);
    expect(await engine.flush()).toBe('failed');

    expect(timers.pendingDelays()).toEqual([1_000]);
  });
});
