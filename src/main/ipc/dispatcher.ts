import type { z } from 'zod';

import { isAppError } from '../../shared/errors';
import { contract, isChannel } from '../../shared/ipc/contract';
import type { Channel, ChannelResponse, Contract } from '../../shared/ipc/contract';
import { describeValidationError } from '../../shared/ipc/describe-issue';
import { fail, ok } from '../../shared/ipc/result';
import type { IpcResult } from '../../shared/ipc/result';
import type { Logger } from '../logger';

/** One handler per contract channel; the request has already been parsed by its schema. */
export type Handlers = {
  [C in Channel]: (
    request: z.output<Contract[C]['request']>,
  ) => Promise<ChannelResponse<C>> | ChannelResponse<C>;
};

export interface Dispatcher {
  /**
   * Runs the handler for `channel` and never throws: an unknown channel, a payload that
   * fails its schema, an AppError and an unexpected exception all become `{ok: false}`.
   */
  dispatch(channel: unknown, payload: unknown): Promise<IpcResult<unknown>>;
}

/**
 * Builds the transport-independent half of IPC, shared by Electron's ipcMain and the
 * browser host's WebSocket. Responses are parsed by their schema too, so a handler can
 * never leak a field the contract does not declare.
 */
export function createDispatcher(handlers: Handlers, logger: Logger): Dispatcher {
  const log = logger.child({ component: 'ipc' });

  async function dispatch(channel: unknown, payload: unknown): Promise<IpcResult<unknown>> {
    if (!isChannel(channel)) {
      log.warn({ channel: String(channel).slice(0, 100) }, 'rejected call on unknown channel');
      return fail(
        'unknown_channel',
        `There is no IPC channel named "${String(channel).slice(0, 100)}".`,
      );
    }

    const spec = contract[channel];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      const message = `Invalid request on ${channel}: ${describeValidationError(parsed.error)}`;
      log.warn({ channel }, message);
      return fail('invalid_request', message);
    }

    try {
      const handler = handlers[channel] as (request: unknown) => unknown;
      const value = await handler(parsed.data);

      return ok(parseResponse(channel, spec.response, value));
    } catch (error) {
      if (isAppError(error)) {
        log.info({ channel, code: error.code }, error.message);
        return fail(error.code, error.message);
      }

      log.error({ channel, err: error }, 'IPC handler failed');
      return fail(
        'internal_error',
        'Something went wrong inside the station. The details are in the log.',
      );
    }
  }

  return { dispatch };
}

function parseResponse(channel: Channel, schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;

  throw new Error(
    `Handler for ${channel} returned a value outside its contract: ${describeValidationError(parsed.error)}`,
  );
}
