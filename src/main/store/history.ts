import type { Statement } from 'better-sqlite3';

import { read } from './context';
import type { StoreContext } from './context';
import { storeError } from './errors';
import { millisecondsOf } from './records';
import { storedUnitOf } from './units';
import type { StoredUnit, UnitRow } from './units';

/**
 * Pack history for supervisors: one lookup per query kind, newest first, paginated by an
 * opaque cursor. Each kind names its index with `INDEXED BY`, so a missing index makes the
 * query fail instead of silently scanning a million rows.
 */

export type HistoryQuery =
  | { by: 'serial'; serial: string; match?: 'exact' | 'prefix' }
  | { by: 'order'; orderNumber: string }
  | { by: 'sku'; sku: string }
  | { by: 'packer'; packer: string }
  | { by: 'time' };

export interface HistoryPageRequest {
  /** Earliest packed time included (ISO 8601). */
  from?: string;
  /** Packed time before which units are included (ISO 8601, exclusive). */
  to?: string;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Units per page, from 1 to 500, and 50 when absent. */
  limit?: number;
}

export interface HistoryPage {
  units: StoredUnit[];
  /** Cursor of the next page, or null on the last page. */
  nextCursor: string | null;
}

export type HistoryRepository = ReturnType<typeof createHistoryRepository>;

export const maxHistoryPage = 500;

/**
 * Upper bound of a prefix range. SQLite compares text as UTF-8 bytes, so every key that
 * starts with the prefix sorts below `prefix + U+10FFFF`, except keys whose next character
 * is U+10FFFF itself, a noncharacter that no serial should contain.
 */
const highestCodePoint = '\u{10FFFF}';

const indexByKind = {
  serialExact: 'packed_units_serial_key',
  serialPrefix: 'packed_units_serial_key',
  order: 'packed_units_order',
  sku: 'packed_units_sku',
  packer: 'packed_units_packer',
  time: 'packed_units_packed_at',
} as const;

type LookupKind = keyof typeof indexByKind;

// NOTE: a prefix lookup sorts every matching row before taking a page, so a short prefix
// that matches most of the history (such as "S") costs a scan of that part of the index.
const filterByKind: Record<LookupKind, string> = {
  serialExact: 'serial_key = @value',
  serialPrefix: 'serial_key >= @value AND serial_key < @upper',
  order: 'order_number = @value',
  sku: 'sku = @value',
  packer: 'packer = @value',
  time: '1 = 1',
};

const unitColumns = `id, unit_id AS unitId, order_number AS orderNumber, line_id AS lineId, sku,
  serial, serial_key AS serialKey, packer, station_id AS stationId, packed_at AS packedAt, status,
  removed_at AS removedAt, removed_by AS removedBy, removal_reason AS removalReason,
  shipment_id AS shipmentId`;

export function createHistoryRepository(context: StoreContext) {
  const statements = new Map<LookupKind, Statement>();

  function statementFor(kind: LookupKind): Statement {
    let statement = statements.get(kind);
    if (statement === undefined) {
      statement = context.sqlite.prepare(historySql(kind));
      statements.set(kind, statement);
    }

    return statement;
  }

  return {
    /** Returns one page of units matching `query`, newest packed first. */
    search(query: HistoryQuery, page: HistoryPageRequest = {}): HistoryPage {
      const limit = pageLimitOf(page.limit);
      const { kind, value, upper } = lookupOf(context, query);
      const after = page.cursor === undefined ? null : decodeCursor(page.cursor);
      const parameters = {
        value,
        upper,
        from: page.from === undefined ? Number.MIN_SAFE_INTEGER : millisecondsOf('from', page.from),
        to: page.to === undefined ? Number.MAX_SAFE_INTEGER : millisecondsOf('to', page.to),
        afterAt: after?.packedAt ?? Number.MAX_SAFE_INTEGER,
        afterId: after?.id ?? Number.MAX_SAFE_INTEGER,
        limit: limit + 1,
      };

      return read(context, 'history.search', () => {
        const rows = statementFor(kind).all(parameters) as UnitRow[];
        const units = rows.slice(0, limit);
        const last = units.at(-1);

        return {
          units: units.map((row) => storedUnitOf(row)),
          nextCursor:
            rows.length > limit && last !== undefined
              ? encodeCursor({ packedAt: last.packedAt, id: last.id })
              : null,
        };
      });
    },

    /** Returns the SQL of a lookup kind, for query-plan checks. */
    sqlOf(kind: LookupKind): string {
      return historySql(kind);
    },
  };
}

function historySql(kind: LookupKind): string {
  return `SELECT ${unitColumns} FROM packed_units INDEXED BY ${indexByKind[kind]}
    WHERE ${filterByKind[kind]}
      AND packed_at >= @from AND packed_at < @to
      AND (packed_at, id) < (@afterAt, @afterId)
    ORDER BY packed_at DESC, id DESC
    LIMIT @limit`;
}

function lookupOf(
  context: StoreContext,
  query: HistoryQuery,
): { kind: LookupKind; value: string | null; upper: string | null } {
  switch (query.by) {
    case 'serial': {
      const key = context.serialKey(query.serial.trim());
      if (key === '') {
        throw storeError('store_invalid_record', 'Enter a serial, or part of one, to search for.', {
          field: 'serial',
        });
      }

      return query.match === 'prefix'
        ? { kind: 'serialPrefix', value: key, upper: key + highestCodePoint }
        : { kind: 'serialExact', value: key, upper: null };
    }
    case 'order':
      return { kind: 'order', value: query.orderNumber, upper: null };
    case 'sku':
      return { kind: 'sku', value: query.sku, upper: null };
    case 'packer':
      return { kind: 'packer', value: query.packer, upper: null };
    case 'time':
      return { kind: 'time', value: null, upper: null };
    default:
      return unknownQuery(query);
  }
}

function unknownQuery(query: never): never {
  throw new Error(`Unknown history query: ${JSON.stringify(query)}`);
}

function pageLimitOf(limit: number | undefined): number {
  if (limit === undefined) {
    return 50;
  }

  if (!Number.isInteger(limit) || limit < 1 || limit > maxHistoryPage) {
    throw storeError(
      'store_invalid_record',
      `The page size ${limit} is invalid. Use a whole number from 1 to ${maxHistoryPage}.`,
      { field: 'limit', value: limit },
    );
  }

  return limit;
}

interface Cursor {
  packedAt: number;
  id: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.packedAt}:${cursor.id}`).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const match = /^(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString());
  if (match === null) {
    throw storeError(
      'history_cursor_invalid',
      `The history cursor "${text}" is invalid. Start again from the first page.`,
      { cursor: text },
    );
  }

  return { packedAt: Number(match[1]), id: Number(match[2]) };
}
