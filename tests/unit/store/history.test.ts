import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { HistoryQuery, StationStore, StoredUnit } from '../../../src/main/store';
import { captureError, openTestStore, tempFolder, unitInput } from './temp-store';

let temp: ReturnType<typeof tempFolder>;
let store: StationStore;

beforeEach(() => {
  temp = tempFolder();
  store = openTestStore(temp.file);
  store.transaction(() => {
    store.units.pack(unitInput({ serial: 'SN-0042', packedAt: '2026-03-01T09:00:00Z' }));
    store.units.pack(
      unitInput({ serial: 'sn-0043', packer: 'ben', packedAt: '2026-03-02T09:00:00Z' }),
    );
    store.units.pack(
      unitInput({
        orderNumber: 'ORD-1002',
        sku: 'GADGET-02',
        serial: 'SN-0044',
        packedAt: '2026-03-03T09:00:00+02:00',
      }),
    );
    store.units.pack(
      unitInput({ orderNumber: 'ORD-1002', serial: 'XY-0001', packedAt: '2026-03-04T09:00:00Z' }),
    );
    store.units.pack(unitInput({ orderNumber: 'ORD-1003', serial: null, packer: 'ben' }));
  });
});

afterEach(() => {
  store.close();
  temp.remove();
});

describe('history.search', () => {
  it('finds a serial whatever its case', () => {
    const lower = serialsOf(store.history.search({ by: 'serial', serial: 'sn-0042' }).units);
    const upper = serialsOf(store.history.search({ by: 'serial', serial: 'SN-0043' }).units);

    expect(lower).toEqual(['SN-0042']);
    expect(upper).toEqual(['sn-0043']);
  });

  it('finds serials by prefix, newest first', () => {
    const page = store.history.search({ by: 'serial', serial: 'sn-00', match: 'prefix' });

    expect(serialsOf(page.units)).toEqual(['SN-0044', 'sn-0043', 'SN-0042']);
  });

  it('ignores spaces around a searched serial', () => {
    const page = store.history.search({ by: 'serial', serial: ' SN-0042 ' });

    expect(serialsOf(page.units)).toEqual(['SN-0042']);
  });

  it('rejects an empty serial search', () => {
    const error = captureError(() => store.history.search({ by: 'serial', serial: '  ' }));

    expect(error.code).toBe('store_invalid_record');
  });

  it('finds by order number', () => {
    const page = store.history.search({ by: 'order', orderNumber: 'ORD-1002' });

    expect(serialsOf(page.units)).toEqual(['XY-0001', 'SN-0044']);
  });

  it('finds by SKU', () => {
    const page = store.history.search({ by: 'sku', sku: 'GADGET-02' });

    expect(serialsOf(page.units)).toEqual(['SN-0044']);
  });

  it('finds by packer', () => {
    const page = store.history.search({ by: 'packer', packer: 'ben' });

    expect(page.units.map((unit) => unit.orderNumber)).toEqual(['ORD-1003', 'ORD-1001']);
  });

  it('limits any lookup to a date range', () => {
    const range = { from: '2026-03-02T00:00:00Z', to: '2026-03-04T00:00:00Z' };

    const byTime = store.history.search({ by: 'time' }, range);
    const bySerial = store.history.search({ by: 'serial', serial: 'SN', match: 'prefix' }, range);

    expect(serialsOf(byTime.units)).toEqual(['SN-0044', 'sn-0043']);
    expect(serialsOf(bySerial.units)).toEqual(['SN-0044', 'sn-0043']);
  });

  it('returns times in UTC', () => {
    const [unit] = store.history.search({ by: 'sku', sku: 'GADGET-02' }).units;

    expect(unit?.packedAt).toBe('2026-03-03T07:00:00.000Z');
  });

  it('pages through every unit once, newest first', () => {
    store.transaction(() => {
      for (let index = 0; index < 7; index += 1) {
        store.units.pack(
          unitInput({
            orderNumber: 'ORD-2000',
            serial: `T-${index}`,
            packedAt: '2026-03-05T10:00:00Z',
          }),
        );
      }
    });
    const seen: (string | null)[] = [];
    let cursor: string | undefined;
    let pages = 0;

    do {
      const page = store.history.search(
        { by: 'order', orderNumber: 'ORD-2000' },
        { limit: 3, cursor },
      );
      seen.push(...serialsOf(page.units));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);

    expect(pages).toBe(3);
    expect(seen).toEqual(['T-6', 'T-5', 'T-4', 'T-3', 'T-2', 'T-1', 'T-0']);
  });

  it('shows removed units with their status', () => {
    const [unit] = store.history.search({ by: 'serial', serial: 'SN-0042' }).units;
    store.units.remove({ unitId: unit!.unitId, reason: 'Wrong colour', packer: 'sam' });

    const [found] = store.history.search({ by: 'serial', serial: 'SN-0042' }).units;

    expect(found?.status).toBe('removed');
    expect(found?.removalReason).toBe('Wrong colour');
  });

  it('rejects a cursor it did not make', () => {
    const error = captureError(() =>
      store.history.search({ by: 'time' }, { cursor: 'not-a-cursor' }),
    );

    expect(error.code).toBe('history_cursor_invalid');
  });

  it('rejects a page size over 500', () => {
    const error = captureError(() => store.history.search({ by: 'time' }, { limit: 501 }));

    expect(error.code).toBe('store_invalid_record');
    expect(error.message).toContain('501');
  });
});

describe('history query plans', () => {
  const lookups: { kind: Parameters<StationStore['history']['sqlOf']>[0]; index: string }[] = [
    { kind: 'serialExact', index: 'packed_units_serial_key' },
    { kind: 'serialPrefix', index: 'packed_units_serial_key' },
    { kind: 'order', index: 'packed_units_order' },
    { kind: 'sku', index: 'packed_units_sku' },
    { kind: 'packer', index: 'packed_units_packer' },
    { kind: 'time', index: 'packed_units_packed_at' },
  ];

  for (const { kind, index } of lookups) {
    it(`${kind} lookup searches ${index}`, () => {
      const plan = queryPlan(store.history.sqlOf(kind));

      expect(plan[0]).toMatch(new RegExp(`^SEARCH packed_units USING INDEX ${index} \\(`));
      expect(plan.filter((step) => step.startsWith('SCAN'))).toEqual([]);
    });
  }

  it('fails loudly when an index is missing', () => {
    const sqlite = new Database(temp.file);
    sqlite.exec('DROP INDEX packed_units_sku');
    sqlite.close();
    const query: HistoryQuery = { by: 'sku', sku: 'GADGET-02' };

    expect(() => store.history.search(query)).toThrow(/no such index: packed_units_sku/);
  });
});

function serialsOf(units: StoredUnit[]): (string | null)[] {
  return units.map((unit) => unit.serial);
}

function queryPlan(sql: string): string[] {
  const sqlite = new Database(temp.file, { readonly: true });
  const parameters = { value: 'X', upper: 'Y', from: 0, to: 1, afterAt: 2, afterId: 3, limit: 4 };
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(parameters) as { detail: string }[];
  sqlite.close();
  return rows.map((row) => row.detail);
}
