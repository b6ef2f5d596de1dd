import { z } from 'zod';

import type { PushEnvelopeEvent, SyncEvent } from '../../shared/sync/protocol';
import { payloadSchemaByType } from '../../shared/sync/protocol';
import { describeBadCharacter, findBadCharacter } from '../http/text-safety';

/** The result of checking one event's payload: the typed event, or why it is rejected. */
export type CheckedEvent =
  { ok: true; event: SyncEvent } | { ok: false; code: string; message: string };

/**
 * The station's payload schemas with the serial length left to the serial rules, because
 * those trim before they count: a 64-character serial with a trailing space is valid, and
 * an over-long serial gets `serial_too_long` from the rules instead of a schema message.
 */
const serverPayloadSchemas = {
  'order.claim': payloadSchemaByType['order.claim'],
  'unit.pack': payloadSchemaByType['unit.pack'].extend({ serial: z.string().nullable() }),
  'unit.remove': payloadSchemaByType['unit.remove'],
  'unit.replace_serial': payloadSchemaByType['unit.replace_serial'].extend({
    serial: z.string(),
  }),
} as const;

/**
 * Checks one event's payload: no U+0000 or lone surrogate in any string
 * (`invalid_character`), then its schema (`invalid_event`, naming the field).
 */
export function checkEventPayload(event: PushEnvelopeEvent): CheckedEvent {
  const where = `Event seq ${event.seq} (${event.type})`;
  const bad = findBadCharacter(event.payload, 'payload');
  if (bad !== null) {
    return {
      ok: false,
      code: 'invalid_character',
      message: `${where}: ${describeBadCharacter(bad)}`,
    };
  }

  const parsed = serverPayloadSchemas[event.type].safeParse(event.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['payload', ...(issue?.path ?? [])].join('.');
    return {
      ok: false,
      code: 'invalid_event',
      message: `${where} has an invalid ${field}: ${issue?.message ?? 'invalid value'}. The event is rejected; later events still sync.`,
    };
  }
  return { ok: true, event: { ...event, payload: parsed.data } as SyncEvent };
}
