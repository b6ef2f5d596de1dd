import type { RejectedEvent, SyncStatus } from '../../shared/ipc/channels/supervisor';
import type { OutboxEntry, StationStore } from '../store';
import { fixFor } from './fixes';
import { dismissedRejections, labelPendingOrders } from './records';

export type { SyncStatus };

/** Status fields the engine keeps in memory; the rest of the status is read from the store. */
export interface LiveState {
  online: boolean;
  backendUrl: string | null;
  lastError: { code: string; message: string; at: string } | null;
  lastSyncAt: string | null;
}

/** Most rejected events read for one status; more than this means something is badly wrong. */
const maxRejectedShown = 1_000;

/** Builds the status that the supervisor screen and the status bar show. */
export function buildStatus(store: StationStore, live: LiveState): SyncStatus {
  const stats = store.outbox.stats();
  const dismissed = dismissedRejections(store);

  // NOTE: dismissed rejections are filtered after the read, so past 1,000 dismissed
  // rejections the newest undismissed ones stop showing.
  const rejected = store.outbox
    .rejected(maxRejectedShown)
    .filter((entry) => !dismissed.has(entry.event.seq))
    .map(rejectedEventOf);

  return {
    online: live.online,
    backendUrl: live.backendUrl,
    queueLength: stats.pendingCount,
    oldestUnsentAgeMs:
      stats.oldestPendingAgeMs === null ? null : Math.round(stats.oldestPendingAgeMs),
    lastError: live.lastError,
    lastSyncAt: live.lastSyncAt,
    labelPendingOrders: labelPendingOrders(store).map((entry) => entry.orderNumber),
    rejected,
  };
}

export function rejectedEventOf(entry: OutboxEntry): RejectedEvent {
  const code = entry.rejection?.code ?? 'unknown';
  return {
    seq: entry.event.seq,
    id: entry.event.id,
    type: entry.event.type,
    orderNumber: entry.event.payload.orderNumber,
    code,
    message: entry.rejection?.message ?? '',
    fix: fixFor(code),
    rejectedAt: entry.answeredAt ?? '',
  };
}
