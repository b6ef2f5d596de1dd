import { maxPushBatch } from '../../shared/sync/protocol';
import type { PushResponse, SyncEvent } from '../../shared/sync/protocol';
import type { BackendClient } from '../backend';
import { BackendError } from '../backend';
import type { Logger } from '../logger';
import type { StationStore } from '../store';

/** Changes one push made on the station. */
export interface BatchOutcome {
  acknowledged: number;
  rejected: number;
  /** Set when the server has other events under this client id at these seqs. */
  diverged: { seq: number; message: string } | null;
  /** The server's lastSeq after the batch. */
  lastSeq: number;
}

export interface Uploader {
  /**
   * The next batch in seq order: from the outbox head, or, after a gap result, from the
   * seq after the server's lastSeq (including events the server had answered before).
   */
  nextBatch(): SyncEvent[];
  /** Pushes `batch` and stores every result before returning. Throws `BackendError`. */
  push(batch: SyncEvent[]): Promise<BatchOutcome>;
}

/**
 * Creates the push half of the exactly-once protocol, where the server keeps lastSeq per
 * client id. `applied` and `duplicate` both mean the server has the event, so both
 * acknowledge it. `rejected` keeps the event with its code and message. `client_diverged`
 * leaves the event pending and stops uploads (see `BatchOutcome.diverged`). `gap` makes the
 * next batch start at the server's lastSeq + 1. The results of a batch are stored in one
 * SQLite transaction, so an event is acknowledged on the station only once its result is
 * on disk, and a crash before that only causes a resend that the server marks `duplicate`.
 */
export function createUploader(deps: {
  store: StationStore;
  client: BackendClient;
  logger: Logger;
  batchSize?: number;
  pushTimeoutMs?: number;
  /** Cancels a push in flight when the engine stops. */
  signal?: AbortSignal;
}): Uploader {
  const { store, client, logger } = deps;
  const batchSize = Math.min(deps.batchSize ?? maxPushBatch, maxPushBatch);
  const clientId = store.syncState.clientId();
  let resendFrom: number | null = null;

  function resendBatch(from: number, head: number): SyncEvent[] {
    const last = Math.min(from + batchSize - 1, store.syncState.lastSeq(), head - 1);
    const events: SyncEvent[] = [];
    for (let seq = from; seq <= last; seq += 1) {
      const entry = store.outbox.get(seq);
      if (entry === null) {
        break;
      }

      events.push(entry.event);
    }

    return events;
  }

  function storeAnswers(batch: SyncEvent[], response: PushResponse): BatchOutcome {
    const sent = new Map(batch.map((event) => [event.seq, event]));
    for (const result of response.results) {
      if (sent.get(result.seq)?.id !== result.id) {
        throw new BackendError(
          'backend_invalid_response',
          `The server answered for event seq ${result.seq} (${result.id}), which this push did not send.`,
          false,
          { seq: result.seq, eventId: result.id },
        );
      }
    }

    const outcome: BatchOutcome = {
      acknowledged: 0,
      rejected: 0,
      diverged: null,
      lastSeq: response.lastSeq,
    };
    let gap = false;

    store.transaction(() => {
      const acknowledged: number[] = [];
      for (const result of response.results) {
        switch (result.status) {
          case 'applied':
            acknowledged.push(result.seq);
            if (result.warning !== undefined) {
              logger.warn(
                { clientId, seq: result.seq, eventId: result.id, code: result.warning.code },
                `server applied event with a warning: ${result.warning.message}`,
              );
            }
            break;
          case 'duplicate':
            if (result.rejection !== undefined) {
              outcome.rejected += keepRejection(store, logger, result.seq, result.rejection);
            } else {
              acknowledged.push(result.seq);
            }
            break;
          case 'rejected':
            outcome.rejected += keepRejection(store, logger, result.seq, result);
            break;
          case 'client_diverged':
            outcome.diverged ??= { seq: result.seq, message: result.message };
            break;
          case 'gap':
            gap = true;
            break;
          default:
            assertNever(result);
        }
      }

      outcome.acknowledged = store.outbox.markAcknowledged(acknowledged);
    });

    const written = store.syncState.lastSeq();
    if (outcome.diverged === null && response.lastSeq > written) {
      outcome.diverged = {
        seq: response.lastSeq,
        message: `The server has events up to seq ${response.lastSeq} from this station's client id, but this station has only written ${written}. The station database was probably restored from an old backup.`,
      };
    }

    if (gap && outcome.diverged === null) {
      resendFrom = response.lastSeq + 1;
      logger.warn(
        { clientId, serverLastSeq: response.lastSeq, firstSentSeq: batch[0]?.seq },
        'server is missing earlier events; resending from its lastSeq',
      );
    }

    return outcome;
  }

  return {
    nextBatch() {
      const pending = store.outbox.pending(batchSize);
      const head = pending[0]?.seq ?? store.syncState.lastSeq() + 1;
      if (resendFrom !== null && resendFrom < head) {
        const events = resendBatch(resendFrom, head);
        if (events.length > 0) {
          return events;
        }
      }

      resendFrom = null;
      return pending;
    },

    async push(batch) {
      const response = await client.push(
        { clientId, events: batch },
        { timeoutMs: deps.pushTimeoutMs, signal: deps.signal },
      );
      const outcome = storeAnswers(batch, response);
      if (resendFrom !== null && outcome.lastSeq + 1 > resendFrom) {
        resendFrom = outcome.lastSeq + 1;
      }

      logger.debug(
        {
          clientId,
          fromSeq: batch[0]?.seq,
          toSeq: batch.at(-1)?.seq,
          acknowledged: outcome.acknowledged,
          rejected: outcome.rejected,
          serverLastSeq: outcome.lastSeq,
        },
        'pushed batch',
      );
      return outcome;
    },
  };
}

/** Keeps a rejection on a still-pending event; returns 1 when it did. */
function keepRejection(
  store: StationStore,
  logger: Logger,
  seq: number,
  rejection: { code: string; message: string },
): number {
  const entry = store.outbox.get(seq);
  if (entry?.status !== 'pending') {
    logger.warn(
      { seq, code: rejection.code, localStatus: entry?.status ?? 'missing' },
      'server rejected an event this station had already seen answered; keeping the first answer',
    );
    return 0;
  }

  store.outbox.markRejected(seq, { code: rejection.code, message: rejection.message });
  return 1;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled push result: ${JSON.stringify(value)}`);
}
