import { randomUUID } from 'node:crypto';

import { and, asc, count, eq, inArray, min, sql } from 'drizzle-orm';

import { maxPushBatch, syncEventSchema } from '../../shared/sync/protocol';
import type { SyncEvent, SyncEventType } from '../../shared/sync/protocol';
import { read, writeTransaction } from './context';
import type { StoreContext } from './context';
import { storeError } from './errors';
import { isoOf, isoOrNull, parseRecord } from './records';
import { outbox, syncState } from './schema';

/** An event before the outbox gives it a seq and an id. */
export type NewSyncEvent = {
  [Type in SyncEventType]: { type: Type; payload: Extract<SyncEvent, { type: Type }>['payload'] };
}[SyncEventType];

export type OutboxStatus = 'pending' | 'acknowledged' | 'rejected';

export interface OutboxEntry {
  event: SyncEvent;
  status: OutboxStatus;
  /** When the server acknowledged or rejected the event; null while pending. */
  answeredAt: string | null;
  rejection: { code: string; message: string } | null;
}

export interface OutboxStats {
  pendingCount: number;
  rejectedCount: number;
  /** When the oldest unsent event occurred, or null when nothing waits. */
  oldestPendingAt: string | null;
  /** Age of the oldest unsent event in milliseconds by the store's clock, or null. */
  oldestPendingAgeMs: number | null;
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;

// Literal conditions, not bound parameters, so SQLite can prove at prepare time that the
// partial indexes `outbox_pending` and `outbox_rejected` apply: with a million acknowledged
// events the head of the queue is then found without reading them.
const isPending = sql`${outbox.status} = 'pending'`;
const isRejected = sql`${outbox.status} = 'rejected'`;

/**
 * Appends an event with the next seq. Call it only inside a write transaction, together
 * with the domain write it describes, so both commit or neither does.
 */
export function appendEvent(
  context: StoreContext,
  event: NewSyncEvent,
  occurredAt: number,
): SyncEvent {
  const next = context.db
    .update(syncState)
    .set({ lastSeq: sql`${syncState.lastSeq} + 1` })
    .where(eq(syncState.id, 1))
    .returning({ seq: syncState.lastSeq })
    .get();
  if (next === undefined) {
    throw new Error('sync_state has no row: the database was not migrated');
  }

  const complete = parseRecord('sync event', syncEventSchema, {
    seq: next.seq,
    id: randomUUID(),
    type: event.type,
    occurredAt: isoOf(occurredAt),
    payload: event.payload,
  });

  context.db
    .insert(outbox)
    .values({
      seq: complete.seq,
      id: complete.id,
      type: complete.type,
      occurredAt,
      payload: JSON.stringify(complete.payload),
    })
    .run();

  context.logger.debug(
    { seq: complete.seq, eventId: complete.id, type: complete.type },
    'queued event',
  );
  return complete;
}

export function createOutboxRepository(context: StoreContext) {
  const { db } = context;

  const pendingQuery = (limit: number) =>
    db.select().from(outbox).where(isPending).orderBy(asc(outbox.seq)).limit(limit);
  const pendingStatsQuery = () =>
    db
      .select({ total: count(), oldest: min(outbox.occurredAt) })
      .from(outbox)
      .where(isPending);

  return {
    /** Returns the oldest unsent events in seq order, for the next push. */
    pending(limit: number = maxPushBatch): SyncEvent[] {
      return read(context, 'outbox.pending', () =>
        pendingQuery(limit)
          .all()
          .map((row) => eventOf(row)),
      );
    },

    /** Marks pending events as accepted by the server (applied or duplicate). */
    markAcknowledged(seqs: readonly number[]): number {
      if (seqs.length === 0) {
        return 0;
      }

      return writeTransaction(context, 'outbox.markAcknowledged', () => {
        const result = db
          .update(outbox)
          .set({ status: 'acknowledged', answeredAt: context.now() })
          .where(and(inArray(outbox.seq, [...seqs]), isPending))
          .run();
        return result.changes;
      });
    },

    /** Keeps an event the server rejected, with its code and message, for the supervisor. */
    markRejected(seq: number, rejection: { code: string; message: string }): void {
      writeTransaction(context, 'outbox.markRejected', () => {
        const result = db
          .update(outbox)
          .set({
            status: 'rejected',
            answeredAt: context.now(),
            rejectCode: rejection.code,
            rejectMessage: rejection.message,
          })
          .where(and(eq(outbox.seq, seq), isPending))
          .run();
        if (result.changes === 0) {
          throw storeError(
            'outbox_event_not_found',
            `No pending outbox event has seq ${seq}. Reload the outbox and try again.`,
            { seq },
          );
        }

        context.logger.warn({ seq, code: rejection.code }, 'server rejected event');
      });
    },

    /** Rejected events, oldest first. */
    rejected(limit = 100): OutboxEntry[] {
      return read(context, 'outbox.rejected', () =>
        db
          .select()
          .from(outbox)
          .where(isRejected)
          .orderBy(asc(outbox.seq))
          .limit(limit)
          .all()
          .map((row) => entryOf(row)),
      );
    },

    get(seq: number): OutboxEntry | null {
      return read(context, 'outbox.get', () => {
        const row = db.select().from(outbox).where(eq(outbox.seq, seq)).get();
        return row === undefined ? null : entryOf(row);
      });
    },

    stats(): OutboxStats {
      return read(context, 'outbox.stats', () => {
        const pending = db
          .select({ total: count(), oldest: min(outbox.occurredAt) })
          .from(outbox)
          .where(eq(outbox.status, 'pending'))
          .get();
        const rejected = db.select({ total: count() }).from(outbox).where(isRejected).get();
        const oldest = pending?.oldest ?? null;

        return {
          pendingCount: pending?.total ?? 0,
          rejectedCount: rejected?.total ?? 0,
          oldestPendingAt: isoOrNull(oldest),
          oldestPendingAgeMs: oldest === null ? null : Math.max(0, context.now() - oldest),
        };
      });
    },

    /** Returns the SQL of the queue-head queries, for query-plan checks. */
    sqlOf(query: 'pending' | 'stats'): { sql: string; params: unknown[] } {
      return query === 'pending' ? pendingQuery(maxPushBatch).toSQL() : pendingStatsQuery().toSQL();
    },
  };
}

type OutboxRow = typeof outbox.$inferSelect;

function eventOf(row: OutboxRow): SyncEvent {
  return parseRecord('stored sync event', syncEventSchema, {
    seq: row.seq,
    id: row.id,
    type: row.type,
    occurredAt: isoOf(row.occurredAt),
    payload: JSON.parse(row.payload) as unknown,
  });
}

function entryOf(row: OutboxRow): OutboxEntry {
  return {
    event: eventOf(row),
    status: row.status,
    answeredAt: isoOrNull(row.answeredAt),
    rejection:
      row.status === 'rejected'
        ? { code: row.rejectCode ?? 'unknown', message: row.rejectMessage ?? '' }
        : null,
  };
}
