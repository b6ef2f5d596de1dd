import { describe, expect, it } from 'vitest';

import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import type { Handlers } from '../../../src/main/ipc/dispatcher';
import { createStationServices } from '../../../src/main/services';
import { AppError } from '../../../src/shared/errors';
import { channelNames } from '../../../src/shared/ipc/contract';
import { captureLogger } from '../../support/capture-logger';

async function servicesHandlers(): Promise<Handlers> {
  const { logger } = captureLogger();
  const services = await createStationServices({ logger, shell: 'browser-host' });
  const handlers = {} as Record<string, unknown>;
  for (const channel of channelNames) {
    handlers[channel] = (request: unknown) => services.dispatcher.dispatch(channel, request);
  }
  return handlers as Handlers;
}

describe('IPC dispatcher', () => {
  it('answers a valid call with ok and the value', async () => {
    const { logger } = captureLogger();
    const services = await createStationServices({ logger, shell: 'browser-host' });

    const result = await services.dispatcher.dispatch('app.echo', { message: 'hello' });

    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as { message: string }).message).toBe('hello');
  });

  it('names the failing field of a malformed payload', async () => {
    const { logger } = captureLogger();
    const services = await createStationServices({ logger, shell: 'browser-host' });

    const result = await services.dispatcher.dispatch('app.echo', { message: 42 });

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!result.ok && result.error.message).toContain('message');
  });

  it('rejects fields the request schema does not declare', async () => {
    const { logger } = captureLogger();
    const services = await createStationServices({ logger, shell: 'browser-host' });

    const result = await services.dispatcher.dispatch('app.info', { sql: 'drop table x' });

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('refuses an unknown channel', async () => {
    const { logger } = captureLogger();
    const services = await createStationServices({ logger, shell: 'browser-host' });

    const result = await services.dispatcher.dispatch('fs.readFile', { path: '/etc/passwd' });

    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('refuses inherited object keys as channel names', async () => {
    const { logger } = captureLogger();
    const services = await createStationServices({ logger, shell: 'browser-host' });

    const result = await services.dispatcher.dispatch('constructor', {});

    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('returns an AppError as its code and message', async () => {
    const { logger } = captureLogger();
    const handlers = await servicesHandlers();
    handlers['app.echo'] = () => {
      throw new AppError('order_not_found', 'Order ORD-1 was not found.');
    };

    const result = await createDispatcher(handlers, logger).dispatch('app.echo', { message: 'x' });

    expect(result).toEqual({
      ok: false,
      error: { code: 'order_not_found', message: 'Order ORD-1 was not found.' },
    });
  });

  it('hides a thrown error as internal_error and logs its stack', async () => {
    const { logger, lines } = captureLogger();
    const handlers = await servicesHandlers();
    handlers['app.echo'] = () => {
      throw new TypeError('secret detail at /home/station');
    };

    const result = await createDispatcher(handlers, logger).dispatch('app.echo', { message: 'x' });

    expect(result).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(JSON.stringify(result)).not.toContain('secret detail');
    const logged = lines().find((line) => line.msg === 'IPC handler failed');
    expect(logged).toBeDefined();
    expect(String((logged!.err as { stack: string }).stack)).toContain('TypeError: secret detail');
  });

  it('turns a response outside the contract into internal_error', async () => {
    const { logger } = captureLogger();
    const handlers = await servicesHandlers();
    handlers['app.info'] = () => ({ version: 1 }) as never;

    const result = await createDispatcher(handlers, logger).dispatch('app.info', {});

    expect(result).toMatchObject({ ok: false, error: { code: 'internal_error' } });
  });

  it('pushes app.echoed after an echo', async () => {
    const { logger } = captureLogger();
    const services = await createStationServices({ logger, shell: 'browser-host' });
    const received: unknown[] = [];
    services.bus.subscribe((envelope) => received.push(envelope));

    await services.dispatcher.dispatch('app.echo', { message: 'ping' });
    await Promise.resolve();

    expect(received).toEqual([
      { name: 'app.echoed', payload: { message: 'ping', at: expect.any(String) } },
    ]);
  });
});
