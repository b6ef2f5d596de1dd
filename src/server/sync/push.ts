import { and, eq, inArray, sql } from 'drizzle-orm';

import type {
  PushEnvelope,
  PushEnvelopeEvent,
  PushResponse,
  PushResult,
  SyncEvent,
} from '../../shared/sync/protocol';
import { AppError } from '../../shared/errors';
import type { TokenIdentity } from '../auth/tokens';
import type { Database, Tx } from '../db/database';
import { queryRows } from '../db/database';
import { syncClients, syncEvents } from '../db/schema';
import { serverError } from '../errors';
import type { Logger } from '../logger';
import { applyEvent } from './apply-event';
import type { EventOutcome } from './apply-event';
import { checkEventPayload } from './event-payload';
import { PushContext } from './push-context';

const maxAttempts = 5;

/**
 * Applies a push batch exactly once and in order for its client id, in one transaction:
 * the client's row is locked with `SELECT ... FOR UPDATE`, so a second push from the same
 * client waits and then sees the first one's lastSeq.
 *
 * - seq = lastSeq + 1: applied or rejected by the rules; either way lastSeq advances. A
 *   payload that fails its schema is rejected like an event that breaks a rule.
 * - seq <= lastSeq with the id stored at that seq: `duplicate`, nothing changes.
 * - seq <= lastSeq with another id: `client_diverged` (for example a station restored from
 *   an old backup), nothing changes.
 * - seq > lastSeq + 1: `gap` for it and every later event; the station resends from lastSeq + 1.
 *
 * The first push of a client id records the token that sent it; a push under that client
 * id with another token is refused with `client_token_mismatch`, so one station cannot
 * write into another station's sequence.
 *
 * A deadlock or serialization failure rolls the batch back and runs it again, up to 5 times.
 */
export async function applyPush(
  database: Database,
  request: PushEnvelope,
  identity: TokenIdentity,
  logger: Logger,
): Promise<PushResponse> {
  checkBatchOrder(request.events);

  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await database.db.transaction((tx) => applyBatch(tx, request, identity));
      logBatch(logger, request.clientId, response);
      return response;
    } catch (error) {
      if (error instanceof AppError && error.code === 'client_token_mismatch') {
        logger.warn(
          { clientId: request.clientId, tokenName: identity.name, code: error.code },
          'push rejected: client id belongs to another token',
        );
      }
      if (!isRetryable(error) || attempt >= maxAttempts) throw error;
      logger.warn(
        { clientId: request.clientId, attempt, maxAttempts, err: error },
        `push conflicted with another transaction; retrying (attempt ${attempt} of ${maxAttempts})`,
      );
    }
  }
}

async function applyBatch(
  tx: Tx,
  request: PushEnvelope,
  identity: TokenIdentity,
): Promise<PushResponse> {
  const { clientId, events } = request;
  await tx
    .insert(syncClients)
    .values({ clientId, lastSeq: 0, tokenName: identity.name })
    .onConflictDoNothing();
  const locked = await queryRows<{ last_seq: string | number; token_name: string | null }>(
    tx,
    sql`select last_seq, token_name from sync_clients where client_id = ${clientId} for update`,
  );
  await requireClientToken(tx, clientId, locked[0]?.token_name ?? null, identity);
  let lastSeq = Number(locked[0]?.last_seq ?? 0);
  const startSeq = lastSeq;

  const earlierIds = await loadStoredIds(tx, clientId, events, lastSeq);
  const checked = new Map(
    eventsToApply(events, startSeq).map((event) => [event.seq, checkEventPayload(event)]),
  );
  const valid: SyncEvent[] = [];
  for (const result of checked.values()) if (result.ok) valid.push(result.event);
  const context = new PushContext(tx, clientId, identity.name);
  await context.load(valid);
  const results: PushResult[] = [];
  const stored: (typeof syncEvents.$inferInsert)[] = [];
  let gapFound = false;

  for (const event of events) {
    const base = { seq: event.seq, id: event.id };
    if (event.seq <= startSeq) {
      const earlier = earlierIds.get(event.seq);
      results.push(
        earlier?.eventId === event.id
          ? duplicateResult(base, earlier)
          : {
              ...base,
              status: 'client_diverged',
              message: divergedMessage(event.seq, earlier?.eventId),
            },
      );
      continue;
    }
    if (gapFound || event.seq !== lastSeq + 1) {
      gapFound = true;
      results.push({ ...base, status: 'gap' });
      continue;
    }

    const outcome = await applyChecked(context, checked.get(event.seq));
    results.push({ ...base, ...outcome });
    stored.push({
      clientId,
      seq: event.seq,
      eventId: event.id,
      type: event.type,
      status: outcome.status,
      code: outcome.status === 'rejected' ? outcome.code : null,
      message: outcome.status === 'rejected' ? outcome.message : null,
      occurredAt: new Date(event.occurredAt),
    });
    lastSeq = event.seq;
  }

  if (stored.length > 0) {
    await context.finish();
    await storeEvents(tx, stored);
    await tx
      .update(syncClients)
      .set({ lastSeq, updatedAt: new Date() })
      .where(eq(syncClients.clientId, clientId));
  }
  return { lastSeq, results };
}

async function applyChecked(
  context: PushContext,
  checked: ReturnType<typeof checkEventPayload> | undefined,
): Promise<EventOutcome> {
  if (checked === undefined) throw new Error('an event to apply was not checked');
  if (!checked.ok) return { status: 'rejected', code: checked.code, message: checked.message };
  return applyEvent(context, checked.event);
}

/**
 * Refuses a push whose client id was first pushed with another token. A client id stored
 * before tokens were recorded takes the token of its next push.
 */
async function requireClientToken(
  tx: Tx,
  clientId: string,
  storedName: string | null,
  identity: TokenIdentity,
): Promise<void> {
  if (storedName === identity.name) return;
  if (storedName === null) {
    await tx
      .update(syncClients)
      .set({ tokenName: identity.name })
      .where(eq(syncClients.clientId, clientId));
    return;
  }
  throw serverError(
    'client_token_mismatch',
    `Client id ${clientId} belongs to the station using token "${storedName}", not "${identity.name}". Each station pushes with its own token; reset this station's sync identity so it gets a new client id.`,
    { clientId },
  );
}

/** Inserts the applied and rejected events, sent as one JSON parameter. */
async function storeEvents(tx: Tx, stored: (typeof syncEvents.$inferInsert)[]): Promise<void> {
  const rows = stored.map((event) => ({
    client_id: event.clientId,
    seq: event.seq,
    event_id: event.eventId,
    type: event.type,
    status: event.status,
    code: event.code,
    message: event.message,
    occurred_at: event.occurredAt,
  }));
  await tx.execute(sql`
    insert into sync_events (client_id, seq, event_id, type, status, code, message, occurred_at)
    select client_id, seq, event_id, type, status, code, message, occurred_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
      client_id uuid, seq bigint, event_id uuid, type text, status text, code text, message text,
      occurred_at timestamptz)`);
}

/** An event stored earlier: its id and whether the rules applied or rejected it. */
interface StoredEvent {
  eventId: string;
  status: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
}

/** Loads the events stored for the batch's seqs at or below lastSeq, by seq. */
async function loadStoredIds(
  tx: Tx,
  clientId: string,
  events: PushEnvelopeEvent[],
  lastSeq: number,
): Promise<Map<number, StoredEvent>> {
  const seqs = events.filter((event) => event.seq <= lastSeq).map((event) => event.seq);
  if (seqs.length === 0) return new Map();

  const rows = await tx
    .select({
      seq: syncEvents.seq,
      eventId: syncEvents.eventId,
      status: syncEvents.status,
      code: syncEvents.code,
      message: syncEvents.message,
    })
    .from(syncEvents)
    .where(and(eq(syncEvents.clientId, clientId), inArray(syncEvents.seq, seqs)));
  return new Map(rows.map((row) => [row.seq, row]));
}

/**
 * Builds the result for a resent event. A first reply lost on the wire must not turn a rejection
 * into an acknowledgement, so a duplicate of a rejected event carries that rejection.
 */
function duplicateResult(base: { seq: number; id: string }, earlier: StoredEvent): PushResult {
  if (earlier.status !== 'rejected') return { ...base, status: 'duplicate' };

  return {
    ...base,
    status: 'duplicate',
    rejection: {
      code: earlier.code ?? 'rejected',
      message: earlier.message ?? 'The server rejected this event when it first arrived.',
    },
  };
}

/** The events this batch will apply: those from lastSeq + 1 up to the first gap. */
function eventsToApply(events: PushEnvelopeEvent[], lastSeq: number): PushEnvelopeEvent[] {
  const applicable: PushEnvelopeEvent[] = [];
  let expected = lastSeq + 1;
  for (const event of events) {
    if (event.seq < expected) continue;
    if (event.seq > expected) break;
    applicable.push(event);
    expected += 1;
  }
  return applicable;
}

function checkBatchOrder(events: PushEnvelopeEvent[]): void {
  const ids = new Set<string>();
  events.forEach((event, index) => {
    const previous = events[index - 1];
    if (previous !== undefined && event.seq <= previous.seq) {
      throw serverError(
        'push_out_of_order',
        `Event seq ${event.seq} follows seq ${previous.seq} in the batch. Send events in increasing seq order.`,
        { seq: event.seq, previousSeq: previous.seq },
      );
    }
    if (ids.has(event.id)) {
      throw serverError(
        'push_out_of_order',
        `Event id ${event.id} appears twice in the batch. Each event needs its own id.`,
        { id: event.id },
      );
    }
    ids.add(event.id);
  });
}

function divergedMessage(seq: number, storedId: string | undefined): string {
  return `The server already applied another event (${storedId ?? 'unknown id'}) at seq ${seq} for this client id. This station's outbox does not match the server; it may have been restored from a backup. Reset the station's sync identity so it gets a new client id.`;
}

function isRetryable(error: unknown): boolean {
  const code = findPgCode(error);
  return code === '40P01' || code === '40001';
}

function findPgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function logBatch(logger: Logger, clientId: string, response: PushResponse): void {
  const counts: Record<string, number> = {};
  for (const result of response.results) counts[result.status] = (counts[result.status] ?? 0) + 1;
  logger.info({ clientId, lastSeq: response.lastSeq, counts }, 'push applied');

  for (const result of response.results) {
    if (result.status === 'rejected' || result.status === 'client_diverged') {
      logger.warn(
        {
          clientId,
          seq: result.seq,
          eventId: result.id,
          status: result.status,
          code: result.status === 'rejected' ? result.code : undefined,
        },
        `push event ${result.status}`,
      );
    }
  }
}
