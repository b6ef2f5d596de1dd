import { z } from 'zod';

import { feedbackSchema } from '../../shared/ipc/channels/pack';
import type { Feedback } from '../../shared/ipc/channels/pack';
import type { PackingState } from '../../shared/packing';
import type { StationStore } from '../store';

/**
 * The pack session as persisted after every change, so a restart resumes mid-order: the
 * shared state machine's state plus what the screen showed last (feedback and the problem
 * under the serial prompt).
 */
const promptSchema = z.object({
  lineId: z.string(),
  sku: z.string(),
  unitNumber: z.number().int().min(1),
  unitCount: z.number().int().min(1),
});

const machineSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('idle') }),
  z.object({ phase: z.literal('order_open'), orderNumber: z.string() }),
  z.object({
    phase: z.literal('awaiting_serial'),
    orderNumber: z.string(),
    prompt: promptSchema,
    pendingWarning: z.object({ serial: z.string(), shippedOrderNumber: z.string() }).nullable(),
  }),
  z.object({ phase: z.literal('ready_to_ship'), orderNumber: z.string() }),
  z.object({ phase: z.literal('shipped'), orderNumber: z.string() }),
]) satisfies z.ZodType<PackingState>;

const noticeSchema = z.object({ code: z.string(), message: z.string() });

export const sessionDataSchema = z.object({
  machine: machineSchema,
  /** The last rule that rejected a serial at the open prompt. */
  promptError: noticeSchema.nullable(),
  /** The cross-order warning the packer confirms by entering the same serial again. */
  promptWarning: noticeSchema.extend({ serial: z.string() }).nullable(),
  feedback: feedbackSchema.nullable(),
  /** Last feedback sequence handed out; it only grows, across restarts too. */
  feedbackSequence: z.number().int().nonnegative(),
});

export type SessionData = z.infer<typeof sessionDataSchema>;

export const idleSession: SessionData = {
  machine: { phase: 'idle' },
  promptError: null,
  promptWarning: null,
  feedback: null,
  feedbackSequence: 0,
};

export function orderNumberOf(session: SessionData): string | null {
  return session.machine.phase === 'idle' ? null : session.machine.orderNumber;
}

/**
 * Loads the station's session. A missing or unreadable record (written by an older
 * version, or for an order no longer cached) starts idle.
 */
export function loadSession(store: StationStore, stationId: string): SessionData {
  const stored = store.session.load(stationId);
  if (stored === null) return idleSession;

  const parsed = sessionDataSchema.safeParse(stored.data);
  if (!parsed.success) return idleSession;

  const orderNumber = orderNumberOf(parsed.data);
  if (orderNumber !== null && store.orders.get(orderNumber) === null) {
    return { ...idleSession, feedbackSequence: parsed.data.feedbackSequence };
  }

  return parsed.data;
}

export function saveSession(store: StationStore, stationId: string, session: SessionData): void {
  store.session.save({
    stationId,
    orderNumber: orderNumberOf(session),
    state: session.machine.phase,
    data: session,
  });
}

/** Returns `session` with a new feedback message carrying the next sequence number. */
export function withFeedback(
  session: SessionData,
  feedback: Omit<Feedback, 'sequence'>,
): SessionData {
  const sequence = session.feedbackSequence + 1;
  return { ...session, feedback: { ...feedback, sequence }, feedbackSequence: sequence };
}
