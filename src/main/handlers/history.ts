import type { z } from 'zod';

import type { HistoryRow, historyQuerySchema } from '../../shared/ipc/channels/supervisor';
import type { Handlers } from '../ipc/dispatcher';
import type { HistoryQuery, StationStore, StoredUnit } from '../store';

type HistoryRequest = z.output<typeof historyQuerySchema>;

/**
 * Store pages read for one answer when filters beyond the indexed one drop rows. Past it
 * the answer is shorter than `limit` and carries a cursor to go on from.
 */
const maxPagesPerAnswer = 20;

/**
 * The station's pack history. The store looks up one indexed filter (serial, then serial
 * prefix, order, SKU, packer, or time alone) within the time range; the other filters given
 * are applied to its pages here.
 */
export function historyHandlers(store: StationStore): Pick<Handlers, 'history.search'> {
  return {
    'history.search': (request) => {
      const query = indexedQueryOf(request);
      const rows: HistoryRow[] = [];
      let cursor = request.cursor;

      for (let page = 0; page < maxPagesPerAnswer && rows.length < request.limit; page += 1) {
        const result = store.history.search(query, {
          from: request.from,
          to: request.to,
          cursor,
          limit: request.limit - rows.length,
        });
        rows.push(
          ...result.units
            .filter((unit) => matches(unit, request))
            .map((unit) => rowOf(store, unit)),
        );
        cursor = result.nextCursor ?? undefined;
        if (result.nextCursor === null) break;
      }

      return { rows, nextCursor: cursor ?? null };
    },
  };
}

function indexedQueryOf(request: HistoryRequest): HistoryQuery {
  if (request.serial !== undefined) return { by: 'serial', serial: request.serial };
  if (request.serialPrefix !== undefined) {
    return { by: 'serial', serial: request.serialPrefix, match: 'prefix' };
  }
  if (request.orderNumber !== undefined) return { by: 'order', orderNumber: request.orderNumber };
  if (request.sku !== undefined) return { by: 'sku', sku: request.sku };
  if (request.packer !== undefined) return { by: 'packer', packer: request.packer };

  return { by: 'time' };
}

function matches(unit: StoredUnit, request: HistoryRequest): boolean {
  return (
    (request.orderNumber === undefined || unit.orderNumber === request.orderNumber) &&
    (request.sku === undefined || unit.sku === request.sku) &&
    (request.packer === undefined || unit.packer === request.packer)
  );
}

function rowOf(store: StationStore, unit: StoredUnit): HistoryRow {
  return {
    unitId: unit.unitId,
    orderNumber: unit.orderNumber,
    lineId: unit.lineId,
    sku: unit.sku,
    serial: unit.serial,
    packer: unit.packer,
    packedAt: unit.packedAt,
    status: statusOf(store, unit),
    shipped: unit.shipmentId !== null,
  };
}

function statusOf(store: StationStore, unit: StoredUnit): HistoryRow['status'] {
  if (unit.status === 'removed') return 'removed';

  const replaced = store.audit
    .forSubject(unit.unitId, 20)
    .some((entry) => entry.action === 'unit.replace_serial');
  return replaced ? 'replaced' : 'packed';
}
