/**
 * The station's sync engine: delivers the outbox to the server exactly once, pulls the
 * catalog, orders and settings, creates labels, and reports its status to the UI.
 *
 *   const engine = createSyncEngine({ store, client, logger });
 *   engine.start();                       // upload + pull now, then pull every 60 s
 *   store.units.pack(...); engine.wake(); // a new event uploads at once
 *   const outcome = await engine.shipOrder('ORD-1004');
 *   // { status: 'shipped', shipment } or { status: 'label_pending', reason }
 *   engine.onStatus((status) => bus.emit('sync.changed', status));
 *   await engine.stop();
 *
 * Methods: start, stop, wake, flush, retryNow, pullNow, status, onStatus, fetchOrder,
 * shipOrder, label(trackingNumber), labelForOrder(orderNumber), dismissRejected(seq, note,
 * actor?). `status()` matches `syncStatusSchema` of the supervisor IPC channels.
 *
 * Contracts:
 * - One upload at a time: uploads, pulls and label requests share one lock, and wake-ups
 *   during an upload fold into one follow-up run.
 * - Events go in seq order under the store's client id, with the ids the store gave them.
 *   An event is acknowledged on the station only after the server's answer is committed
 *   to SQLite; a lost answer leads to a resend that the server answers `duplicate`.
 * - A rejected event is kept with its code and message, listed in `status().rejected`
 *   with a plain-words fix, and the queue goes on. `dismissRejected` hides it (audited).
 * - A `gap` answer resends from the server's lastSeq + 1, including events the station
 *   had already seen answered.
 * - `client_diverged` (the server holds other events at this client's seqs, or a lastSeq
 *   beyond what this database wrote: a station restored from an old backup) stops uploads
 *   and shows `lastError.code === 'client_diverged'` until the engine is recreated. Nothing
 *   is skipped or marked.
 * - Transport failures (refused, reset, timeout, HTTP 5xx) retry without limit with
 *   exponential backoff and full jitter (1 s doubling to 60 s by default); each retry is
 *   logged with its attempt number and seq range. A wake-up skips the remaining wait.
 * - An order shipped while offline, or while its events are still queued, waits as label
 *   pending (kept in the store) and ships by itself after the next complete upload.
 */
export { createSyncEngine } from './engine';
export type { LabelFiles, SyncEngine, SyncEngineOptions, UploadOutcome } from './engine';
export { defaultBackoff, retryDelayMs } from './backoff';
export type { BackoffPolicy } from './backoff';
export type { Clock } from './clock';
export type { SyncErrorCode } from './errors';
export { fixFor } from './fixes';
export type { ShipmentRecord, ShipOutcome } from './labels';
export type { SyncStatus } from './status';
