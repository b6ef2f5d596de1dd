import { z } from 'zod';

import { accountSettingsSchema, orderSchema, productSchema } from '../domain';

/**
 * The station ⇄ server sync protocol. Push: a station sends outbox events in seq order
 * under its client id; the server keeps `lastSeq` per client id and applies each event
 * exactly once. Pull: products, settings and open orders changed since a cursor.
 */

const isoTime = z.string().datetime({ offset: true });
const serialValue = z.string().min(1).max(64);

export const claimOrderPayload = z.object({
  orderNumber: z.string().min(1).max(64),
  stationId: z.string().min(1).max(128),
});

export const packUnitPayload = z.object({
  unitId: z.string().uuid(),
  orderNumber: z.string().min(1).max(64),
  lineId: z.string().min(1).max(64),
  sku: z.string().min(1).max(64),
  serial: serialValue.nullable(),
  packer: z.string().min(1).max(128),
  stationId: z.string().min(1).max(128),
});

export const removeUnitPayload = z.object({
  unitId: z.string().uuid(),
  orderNumber: z.string().min(1).max(64),
  reason: z.string().min(1).max(500),
  packer: z.string().min(1).max(128),
});

export const replaceSerialPayload = z.object({
  unitId: z.string().uuid(),
  orderNumber: z.string().min(1).max(64),
  serial: serialValue,
  reason: z.string().min(1).max(500),
  packer: z.string().min(1).max(128),
});

/** One outbox event. `id` is a UUID fixed when the event is written and never recomputed. */
export const syncEventSchema = z.discriminatedUnion('type', [
  z.object({
    seq: z.number().int().min(1),
    id: z.string().uuid(),
    type: z.literal('order.claim'),
    occurredAt: isoTime,
    payload: claimOrderPayload,
  }),
  z.object({
    seq: z.number().int().min(1),
    id: z.string().uuid(),
    type: z.literal('unit.pack'),
    occurredAt: isoTime,
    payload: packUnitPayload,
  }),
  z.object({
    seq: z.number().int().min(1),
    id: z.string().uuid(),
    type: z.literal('unit.remove'),
    occurredAt: isoTime,
    payload: removeUnitPayload,
  }),
  z.object({
    seq: z.number().int().min(1),
    id: z.string().uuid(),
    type: z.literal('unit.replace_serial'),
    occurredAt: isoTime,
    payload: replaceSerialPayload,
  }),
]);
export type SyncEvent = z.infer<typeof syncEventSchema>;
export type SyncEventType = SyncEvent['type'];

/** Maximum events in one push request. */
export const maxPushBatch = 500;

export const pushRequestSchema = z.object({
  clientId: z.string().uuid(),
  events: z.array(syncEventSchema).min(1).max(maxPushBatch),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** The payload schema of each event type, as the station writes it. */
export const payloadSchemaByType = {
  'order.claim': claimOrderPayload,
  'unit.pack': packUnitPayload,
  'unit.remove': removeUnitPayload,
  'unit.replace_serial': replaceSerialPayload,
} as const;

/**
 * A push request with every field checked except the events' payloads, which the server
 * checks one event at a time, so one malformed event is rejected on its own instead of
 * failing the whole batch and blocking the station's outbox.
 */
export const pushEnvelopeSchema = z.object({
  clientId: z.string().uuid(),
  events: z
    .array(
      z.object({
        seq: z.number().int().min(1),
        id: z.string().uuid(),
        type: z.enum(['order.claim', 'unit.pack', 'unit.remove', 'unit.replace_serial']),
        occurredAt: isoTime,
        payload: z.unknown(),
      }),
    )
    .min(1)
    .max(maxPushBatch),
});
export type PushEnvelope = z.infer<typeof pushEnvelopeSchema>;
export type PushEnvelopeEvent = PushEnvelope['events'][number];

export const pushResultSchema = z.discriminatedUnion('status', [
  z.object({
    seq: z.number().int(),
    id: z.string().uuid(),
    status: z.literal('applied'),
    /** Applied, but worth showing: a serial already used in another order under `warn`. */
    warning: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  z.object({
    seq: z.number().int(),
    id: z.string().uuid(),
    status: z.literal('duplicate'),
    /**
     * Present when the event was rejected when it first arrived, so a station whose first
     * reply was lost on the wire still learns the rejection instead of counting it applied.
     */
    rejection: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  z.object({
    seq: z.number().int(),
    id: z.string().uuid(),
    status: z.literal('rejected'),
    code: z.string(),
    message: z.string(),
  }),
  /** The station sent an event at or below lastSeq whose id differs from the one applied. */
  z.object({
    seq: z.number().int(),
    id: z.string().uuid(),
    status: z.literal('client_diverged'),
    message: z.string(),
  }),
  /** An event after a gap: nothing from here on was applied; resend from lastSeq + 1. */
  z.object({ seq: z.number().int(), id: z.string().uuid(), status: z.literal('gap') }),
]);
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({
  lastSeq: z.number().int().nonnegative(),
  results: z.array(pushResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** Changes since `cursor` (an opaque string; absent on the first pull). */
export const pullResponseSchema = z.object({
  cursor: z.string(),
  products: z.array(productSchema),
  orders: z.array(orderSchema),
  settings: accountSettingsSchema,
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
