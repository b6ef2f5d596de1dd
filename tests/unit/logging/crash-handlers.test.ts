import { EventEmitter } from 'node:events';

import { describe, expect, it } from 'vitest';

import { installCrashHandlers } from '../../../src/main/logging';
import { captureLogger } from '../../support/capture-logger';

function install() {
  const fakeProcess = new EventEmitter();
  const { logger, lines } = captureLogger();
  const fatal: unknown[] = [];
  let flushes = 0;
  const uninstall = installCrashHandlers({
    process: fakeProcess,
    logger,
    flushSync: () => (flushes += 1),
    onFatal: (error) => fatal.push(error),
  });

  return { fakeProcess, lines, fatal, flushes: () => flushes, uninstall };
}

describe('crash handlers', () => {
  it('log an uncaught exception and quit once', () => {
    const { fakeProcess, lines, fatal, flushes } = install();
    const error = new Error('boom');

    fakeProcess.emit('uncaughtException', error, 'uncaughtException');
    fakeProcess.emit('uncaughtException', new Error('again'), 'uncaughtException');

    expect(fatal).toEqual([error]);
    const logged = lines().filter((line) => line.level === 60);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ component: 'crash', err: { message: 'boom' } });
    expect(flushes()).toBe(2);
  });

  it('log an unhandled rejection and keep running', () => {
    const { fakeProcess, lines, fatal } = install();

    fakeProcess.emit('unhandledRejection', new Error('lost promise'));

    expect(fatal).toEqual([]);
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'unhandled promise rejection',
        err: expect.objectContaining({ message: 'lost promise' }),
      }),
    ]);
  });

  it('can be removed', () => {
    const { fakeProcess, uninstall } = install();

    uninstall();

    expect(fakeProcess.listenerCount('uncaughtException')).toBe(0);
    expect(fakeProcess.listenerCount('unhandledRejection')).toBe(0);
  });
});
