import type { Order, Product } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { SyncEvent } from '../../shared/sync/protocol';
import type { BackendClient } from '../backend';
import { BackendError, isRetryable } from '../backend';
import type { Logger } from '../logger';
import type { StationStore } from '../store';
import { defaultBackoff, retryDelayMs } from './backoff';
import type { BackoffPolicy } from './backoff';
import { systemClock } from './clock';
import type { Clock } from './clock';
import { syncError } from './errors';
import { completePendingLabels, recordedShipment, requestShipment, waitForEvents } from './labels';
import type { LabelDeps, ShipOutcome } from './labels';
import { SerialLock } from './lock';
import { pullChanges, storeOrders } from './puller';
import { dismissRejection } from './records';
import { buildStatus } from './status';
import type { LiveState, SyncStatus } from './status';
import { createUploader } from './uploader';
import type { Uploader } from './uploader';

export interface SyncEngineOptions {
  store: StationStore;
  /** The backend client, or null when no backend is configured (the engine stays offline). */
  client: BackendClient | null;
  logger: Logger;
  clock?: Clock;
  /** Returns a number in [0, 1); drives the backoff jitter. */
  random?: () => number;
  /** Time between periodic pulls (and upload attempts), in milliseconds; default 60 s. */
  pullIntervalMs?: number;
  backoff?: BackoffPolicy;
  /** Events per push request, at most the protocol's 500. */
  batchSize?: number;
  /** Time limit of one push request in milliseconds. */
  pushTimeoutMs?: number;
}

/** Outcome of one upload run. */
export type UploadOutcome = 'drained' | 'failed' | 'diverged' | 'offline' | 'stopped';

export interface LabelFiles {
  trackingNumber: string;
  pdf: Buffer;
  zpl: string;
}

export interface SyncEngine {
  /** Uploads and pulls now, then pulls every `pullIntervalMs`. */
  start(): void;
  /**
   * Stops the timers, cancels requests in flight and waits for the running job to end. An
   * event whose push was cancelled stays pending and is sent again at the next start.
   */
  stop(): Promise<void>;
  /** Starts an upload at once (after the running one, if any); call it after every outbox write. */
  wake(): void;
  /** Uploads until the queue is empty or an upload fails, and returns the outcome. */
  flush(): Promise<UploadOutcome>;
  /** Drops the backoff wait, uploads and pulls now, and returns the status afterwards. */
  retryNow(): Promise<SyncStatus>;
  pullNow(): Promise<void>;
  status(): SyncStatus;
  /** Calls `listener` on every status change; returns the function that unsubscribes. */
  onStatus(listener: (status: SyncStatus) => void): () => void;
  /**
   * Fetches an order this station has not cached, stores it with any missing products,
   * and returns it; null when the server has no such order. Throws an AppError when no
   * server is configured or it cannot be reached.
   */
  fetchOrder(orderNumber: string): Promise<Order | null>;
  /**
   * Uploads every event written so far, then requests the order's shipment from the server.
   * Offline, the order waits as label pending and ships by itself when the server is back.
   * A refusal by the server's rules (`order_incomplete`, `serial_missing`, ...) is thrown.
   */
  shipOrder(orderNumber: string): Promise<ShipOutcome>;
  /** The label files of a shipment, from the server. */
  label(trackingNumber: string): Promise<LabelFiles>;
  /** The label files of the order's recorded shipment; `label_not_ready` when there is none. */
  labelForOrder(orderNumber: string): Promise<LabelFiles>;
  /** Marks a rejected event as handled; `note` and `actor` go to the audit log. */
  dismissRejected(seq: number, note: string, actor?: string): SyncStatus;
}

/**
 * Creates the station's sync engine; see index.ts for the contract. Every upload, pull and
 * label request runs under one `SerialLock`, so at most one push is in flight, and
 * wake-ups that arrive while one runs are folded into a single follow-up run.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { store, client } = options;
  const logger = options.logger.child({ component: 'sync', clientId: store.syncState.clientId() });
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? defaultBackoff;
  const pullIntervalMs = options.pullIntervalMs ?? 60_000;
  const lock = new SerialLock();
  const listeners = new Set<(status: SyncStatus) => void>();
  const stopping = new AbortController();
  const signal = stopping.signal;
  const uploader: Uploader | null =
    client === null
      ? null
      : createUploader({
          store,
          client,
          logger,
          batchSize: options.batchSize,
          pushTimeoutMs: options.pushTimeoutMs,
          signal,
        });
  const labelDeps: LabelDeps | null =
    client === null ? null : { store, client, logger, now: () => clock.now(), signal };

  const live: LiveState = {
    online: false,
    backendUrl: client?.baseUrl ?? null,
    lastError: null,
    lastSyncAt: null,
  };
  let diverged: { code: string; message: string; at: string } | null = null;
  let started = false;
  let stopped = false;
  let failedAttempts = 0;
  let retryTimer: unknown = null;
  let tickTimer: unknown = null;
  let queuedUpload: Promise<UploadOutcome> | null = null;

  function emit(): void {
    if (listeners.size === 0) {
      return;
    }

    const status = currentStatus();
    for (const listener of listeners) {
      try {
        listener(status);
      } catch (error) {
        logger.error({ err: error }, 'sync status listener failed');
      }
    }
  }

  function currentStatus(): SyncStatus {
    return buildStatus(store, { ...live, lastError: diverged ?? live.lastError });
  }

  function isoNow(): string {
    return new Date(clock.now()).toISOString();
  }

  function markOnline(): void {
    live.online = true;
    live.lastError = null;
  }

  function markFailure(error: unknown): void {
    const code = error instanceof AppError ? error.code : 'internal_error';
    const message = error instanceof Error ? error.message : String(error);
    live.lastError = { code, message, at: isoNow() };
    if (isRetryable(error) || !(error instanceof BackendError)) {
      live.online = false;
    }
  }

  function scheduleRetry(batch: readonly SyncEvent[], error: unknown): void {
    failedAttempts += 1;
    const delayMs = isRetryable(error)
      ? retryDelayMs(failedAttempts, backoff, random)
      : backoff.maxMs;
    const code = error instanceof AppError ? error.code : 'internal_error';
    const range = { fromSeq: batch[0]?.seq ?? null, toSeq: batch.at(-1)?.seq ?? null };

    // Transport failures retry without limit, because the events must reach the server
    // eventually; other failures (a refused token) retry at the longest delay.
    logger.warn(
      { attempt: failedAttempts, ...range, delayMs, code, err: error },
      `upload attempt ${failedAttempts} failed (${code}) for seq ${range.fromSeq ?? '-'}..${range.toSeq ?? '-'}; retrying in ${delayMs} ms`,
    );

    clearRetry();
    if (!stopped) {
      retryTimer = clock.setTimeout(() => {
        retryTimer = null;
        void requestUpload();
      }, delayMs);
    }
  }

  function clearRetry(): void {
    if (retryTimer !== null) {
      clock.clearTimeout(retryTimer);
      retryTimer = null;
    }
  }

  async function uploadRun(): Promise<UploadOutcome> {
    if (stopped) {
      return 'stopped';
    }

    if (uploader === null || labelDeps === null) {
      return 'offline';
    }

    if (diverged !== null) {
      return 'diverged';
    }

    for (;;) {
      const batch = uploader.nextBatch();
      if (batch.length === 0) {
        break;
      }

      try {
        const outcome = await uploader.push(batch);
        markOnline();
        live.lastSyncAt = isoNow();
        if (outcome.diverged !== null) {
          reportDiverged(outcome.diverged);
          emit();
          return 'diverged';
        }
      } catch (error) {
        markFailure(error);
        scheduleRetry(batch, error);
        emit();
        return 'failed';
      }

      emit();
      if (stopped) {
        return 'stopped';
      }
    }

    const labels = await completePendingLabels(labelDeps);
    if (labels.failure !== null) {
      markFailure(labels.failure);
      scheduleRetry([], labels.failure);
      emit();
      return 'failed';
    }

    if (labels.completed > 0) {
      markOnline();
    }

    failedAttempts = 0;
    clearRetry();
    emit();
    return 'drained';
  }

  function reportDiverged(found: { seq: number; message: string }): void {
    const message = `Sync stopped: the server already holds different events for this station at seq ${found.seq}. ${found.message} Nothing was skipped or deleted; ask IT to reset the station's sync identity.`;
    diverged = { code: 'client_diverged', message, at: isoNow() };
    clearRetry();
    logger.error({ seq: found.seq }, message);
  }

  /** Queues one upload run; a call while one is queued and not yet started joins it. */
  function requestUpload(): Promise<UploadOutcome> {
    if (queuedUpload !== null) {
      return queuedUpload;
    }

    const run = lock
      .run(async () => {
        queuedUpload = null;
        return uploadRun();
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'upload run failed');
        markFailure(error);
        emit();
        return 'failed' as const;
      });
    queuedUpload = run;
    return run;
  }

  async function pullRun(): Promise<void> {
    if (client === null || stopped) {
      return;
    }

    try {
      await pullChanges({ store, client, logger, signal });
      markOnline();
      live.lastSyncAt = isoNow();
    } catch (error) {
      markFailure(error);
      logger.warn({ err: error, code: (error as AppError).code }, 'pull failed');
      throw error;
    } finally {
      emit();
    }
  }

  function scheduleTick(): void {
    if (stopped) {
      return;
    }

    tickTimer = clock.setTimeout(() => {
      tickTimer = null;
      void requestUpload();
      lock.run(pullRun).catch(() => undefined);
      scheduleTick();
    }, pullIntervalMs);
  }

  async function shipAfterUpload(orderNumber: string, throughSeq: number): Promise<ShipOutcome> {
    if (labelDeps === null) {
      const reason = 'No server is configured, so the label waits until one is.';
      return waitForEvents({ store, logger, now: () => clock.now() }, orderNumber, reason);
    }

    const head = store.outbox.pending(1)[0]?.seq;
    if (head !== undefined && head <= throughSeq) {
      const why = diverged?.message ?? live.lastError?.message ?? 'the upload is still running';
      const reason = `Events of this station have not reached the server yet: ${why}`;
      return waitForEvents(labelDeps, orderNumber, reason);
    }

    const { outcome, failure } = await requestShipment(labelDeps, orderNumber);
    if (failure !== null) {
      markFailure(failure);
      scheduleRetry([], failure);
    }

    return outcome;
  }

  return {
    start() {
      if (stopped) {
        throw syncError('sync_stopped', 'The sync engine was stopped; create a new one.');
      }

      if (started) {
        return;
      }

      started = true;
      logger.info({ backendUrl: live.backendUrl }, 'sync started');
      void requestUpload();
      lock.run(pullRun).catch(() => undefined);
      scheduleTick();
    },

    async stop() {
      stopped = true;
      stopping.abort();
      clearRetry();
      if (tickTimer !== null) {
        clock.clearTimeout(tickTimer);
        tickTimer = null;
      }

      await lock.idle();
      logger.info('sync stopped');
    },

    wake() {
      if (stopped) {
        return;
      }

      clearRetry();
      emit();
      void requestUpload();
    },

    flush: () => requestUpload(),

    async retryNow() {
      clearRetry();
      failedAttempts = 0;
      await requestUpload();
      await lock.run(pullRun).catch(() => undefined);
      return currentStatus();
    },

    pullNow: () => lock.run(pullRun),

    status: currentStatus,

    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async fetchOrder(orderNumber) {
      if (client === null) {
        throw syncError(
          'backend_not_configured',
          `Order ${orderNumber} is not on this station and no server is configured to fetch it from. Set the backend address in the station settings.`,
          { orderNumber },
        );
      }

      let detail;
      try {
        detail = await client.getOrder(orderNumber);
        markOnline();
      } catch (error) {
        markFailure(error);
        emit();
        if (isRetryable(error)) {
          throw new BackendError(
            (error as BackendError).code,
            `Order ${orderNumber} is not on this station, and the server cannot be reached to fetch it. Check the network, or pack another order until it is back.`,
            true,
            { orderNumber },
          );
        }

        throw error;
      }

      if (detail === null) {
        return null;
      }

      const missingSkus = [...new Set(detail.lines.map((line) => line.sku))].filter(
        (sku) => store.catalog.get(sku) === null,
      );
      const products: Product[] = [];
      for (const sku of missingSkus) {
        const product = await client.getProduct(sku);
        if (product !== null) {
          products.push(product);
        }
      }

      const order: Order = {
        orderNumber: detail.orderNumber,
        status: detail.status,
        claimedBy: detail.claimedBy,
        lines: detail.lines,
        version: detail.version,
      };
      store.transaction(() => {
        if (products.length > 0) {
          store.catalog.upsert(products);
        }

        storeOrders(store, [order]);
      });
      logger.info({ orderNumber, products: products.length }, 'fetched order on demand');
      return store.orders.get(orderNumber);
    },

    async shipOrder(orderNumber) {
      const existing = recordedShipment(store, orderNumber);
      if (existing !== null) {
        return { status: 'shipped', shipment: existing };
      }

      const throughSeq = store.syncState.lastSeq();
      await requestUpload();
      const outcome = await lock.run(() => shipAfterUpload(orderNumber, throughSeq));
      emit();
      return outcome;
    },

    async label(trackingNumber) {
      if (client === null) {
        throw syncError(
          'backend_not_configured',
          `The label of shipment ${trackingNumber} is on the server, and no server is configured.`,
          { trackingNumber },
        );
      }

      const [pdf, zpl] = await Promise.all([
        client.labelPdf(trackingNumber),
        client.labelZpl(trackingNumber),
      ]);
      return { trackingNumber, pdf, zpl };
    },

    async labelForOrder(orderNumber) {
      const shipment = recordedShipment(store, orderNumber);
      if (shipment === null) {
        throw syncError(
          'label_not_ready',
          `Order ${orderNumber} has no label yet. Ship the order first; if it shows as label pending, the label is created when the server is reachable.`,
          { orderNumber },
        );
      }

      return this.label(shipment.trackingNumber);
    },

    dismissRejected(seq, note, actor = 'supervisor') {
      const entry = store.outbox.get(seq);
      if (entry === null || entry.status !== 'rejected' || entry.rejection === null) {
        throw syncError(
          'rejected_event_not_found',
          `No rejected event has seq ${seq}. Reload the list of sync problems.`,
          { seq },
        );
      }

      dismissRejection(
        store,
        {
          seq,
          eventId: entry.event.id,
          orderNumber: entry.event.payload.orderNumber,
          code: entry.rejection.code,
        },
        note,
        actor,
      );
      logger.info({ seq, code: entry.rejection.code, actor }, 'rejected event dismissed');
      emit();
      return currentStatus();
    },
  };
}
