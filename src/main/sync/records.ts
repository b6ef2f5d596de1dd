import { z } from 'zod';

import type { StationStore } from '../store';

/**
 * Sync engine state kept in the station store between runs, as JSON settings: the orders
 * waiting for a label and the rejected events a supervisor has dealt with.
 */

const labelPendingKey = 'sync.labelPending';
const dismissedKey = 'sync.dismissedRejections';

const labelPendingSchema = z.array(
  z.object({
    orderNumber: z.string(),
    /** When the order started waiting, ISO 8601. */
    since: z.string(),
    reason: z.string(),
    /**
     * True after the server refused the shipment with a rule (an incomplete order, say):
     * the engine then stops retrying on its own until the packer requests the label again.
     */
    blocked: z.boolean(),
  }),
);
export type LabelPendingOrder = z.infer<typeof labelPendingSchema>[number];

const dismissedSchema = z.array(z.number().int());

export function labelPendingOrders(store: StationStore): LabelPendingOrder[] {
  return store.settings.get(labelPendingKey, labelPendingSchema) ?? [];
}

/** Adds the order to the waiting list, or updates its reason and unblocks it. */
export function markLabelPending(
  store: StationStore,
  entry: Omit<LabelPendingOrder, 'since'>,
  since: string,
): void {
  store.transaction(() => {
    const list = labelPendingOrders(store);
    const existing = list.find((item) => item.orderNumber === entry.orderNumber);
    const next = existing === undefined ? [...list, { ...entry, since }] : list;
    if (existing !== undefined) {
      existing.reason = entry.reason;
      existing.blocked = entry.blocked;
    }

    store.settings.put(labelPendingKey, labelPendingSchema, next);
  });
}

export function clearLabelPending(store: StationStore, orderNumber: string): void {
  store.transaction(() => {
    const list = labelPendingOrders(store);
    const next = list.filter((item) => item.orderNumber !== orderNumber);
    if (next.length !== list.length) {
      store.settings.put(labelPendingKey, labelPendingSchema, next);
    }
  });
}

export function dismissedRejections(store: StationStore): Set<number> {
  return new Set(store.settings.get(dismissedKey, dismissedSchema) ?? []);
}

/** Records the dismissal and its audit entry in one transaction. */
export function dismissRejection(
  store: StationStore,
  rejection: { seq: number; eventId: string; orderNumber: string | null; code: string },
  note: string,
  actor: string,
): void {
  store.transaction(() => {
    const seqs = dismissedRejections(store);
    seqs.add(rejection.seq);
    store.settings.put(
      dismissedKey,
      dismissedSchema,
      [...seqs].sort((a, b) => a - b),
    );
    store.audit.record({
      actor,
      action: 'sync.rejection_dismissed',
      subject: rejection.orderNumber ?? `seq ${rejection.seq}`,
      details: { ...rejection, note },
    });
  });
}
