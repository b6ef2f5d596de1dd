import { z } from 'zod';

import { channel } from '../define';

/** Supervisor screens: the station's pack history, the Serial Number Report, the sync queue. */

const isoTime = z.string().datetime({ offset: true });
const limit = z.number().int().min(1).max(500).default(50);

export const historyRowSchema = z.object({
  unitId: z.string(),
  orderNumber: z.string(),
  lineId: z.string(),
  sku: z.string(),
  serial: z.string().nullable(),
  packer: z.string(),
  packedAt: z.string(),
  /** `packed`, or `removed`/`replaced` with the reason kept in the audit log. */
  status: z.enum(['packed', 'removed', 'replaced']),
  shipped: z.boolean(),
});
export type HistoryRow = z.infer<typeof historyRowSchema>;

export const historyQuerySchema = z
  .object({
    /** Exact serial, compared case-insensitively after normalisation. */
    serial: z.string().min(1).max(64).optional(),
    serialPrefix: z.string().min(1).max(64).optional(),
    orderNumber: z.string().min(1).max(64).optional(),
    sku: z.string().min(1).max(64).optional(),
    packer: z.string().min(1).max(128).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    cursor: z.string().max(200).optional(),
    limit,
  })
  .strict();

export const reportRowSchema = z.object({
  serial: z.string(),
  sku: z.string(),
  productName: z.string(),
  orderNumber: z.string(),
  trackingNumber: z.string(),
  shippedAt: z.string(),
  packer: z.string(),
  station: z.string(),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

export const reportFiltersSchema = z
  .object({
    serials: z.array(z.string().min(1).max(64)).max(500).optional(),
    sku: z.string().min(1).max(64).optional(),
    orderNumber: z.string().min(1).max(64).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
  })
  .strict();

export const exportProgressSchema = z.object({
  exportId: z.string(),
  rows: z.number().int(),
  bytes: z.number().int(),
  done: z.boolean(),
  /** Where the CSV was saved, once done. */
  file: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ExportProgress = z.infer<typeof exportProgressSchema>;

export const rejectedEventSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  type: z.string(),
  orderNumber: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  /** What the supervisor should do about it, in plain words. */
  fix: z.string(),
  rejectedAt: z.string(),
});
export type RejectedEvent = z.infer<typeof rejectedEventSchema>;

export const syncStatusSchema = z.object({
  /** False when no backend is configured or it cannot be reached. */
  online: z.boolean(),
  backendUrl: z.string().nullable(),
  queueLength: z.number().int(),
  /** Age of the oldest event not yet acknowledged, or null when the queue is empty. */
  oldestUnsentAgeMs: z.number().int().nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
  lastSyncAt: z.string().nullable(),
  labelPendingOrders: z.array(z.string()),
  rejected: z.array(rejectedEventSchema),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

const empty = z.object({}).strict();

export const supervisorChannels = {
  'history.search': channel({
    request: historyQuerySchema,
    response: z.object({ rows: z.array(historyRowSchema), nextCursor: z.string().nullable() }),
  }),
  'report.search': channel({
    request: reportFiltersSchema.extend({ cursor: z.string().max(500).optional(), limit }).strict(),
    response: z.object({ rows: z.array(reportRowSchema), nextCursor: z.string().nullable() }),
  }),
  /** Starts a CSV export into the station's export folder; progress comes as events. */
  'report.exportCsv': channel({
    request: z.object({ filters: reportFiltersSchema }).strict(),
    response: z.object({ exportId: z.string() }),
  }),
  'sync.status': channel({ request: empty, response: syncStatusSchema }),
  'sync.retryNow': channel({ request: empty, response: syncStatusSchema }),
  /** Marks a rejected event as handled after its fix was made; it stays in the audit log. */
  'sync.dismissRejected': channel({
    request: z.object({ seq: z.number().int().min(1), note: z.string().min(1).max(500) }).strict(),
    response: syncStatusSchema,
  }),
};

export const supervisorEvents = {
  'report.exportProgress': exportProgressSchema,
  'sync.changed': syncStatusSchema,
};
