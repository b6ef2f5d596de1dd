import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StationStore } from '../../../src/main/store';
import { AppError } from '../../../src/shared/errors';
import { captureError, fakeClock, openTestStore, tempFolder, unitInput } from './temp-store';

let temp: ReturnType<typeof tempFolder>;
let clock: ReturnType<typeof fakeClock>;
let store: StationStore;

beforeEach(() => {
  temp = tempFolder();
  clock = fakeClock();
  store = openTestStore(temp.file, { now: clock.now });
});

afterEach(() => {
  store.close();
  temp.remove();
});

describe('units.pack', () => {
  it('stores the unit and its event together', () => {
    const { unit, event } = store.units.pack(unitInput({ serial: 'sn-0042' }));

    expect(store.units.get(unit.unitId)).toEqual(unit);
    expect(unit.serial).toBe('sn-0042');
    expect(unit.packedAt).toBe('2026-03-02T08:00:00.000Z');
    expect(event.seq).toBe(1);
    expect(event.type).toBe('unit.pack');
    expect(event.occurredAt).toBe(unit.packedAt);
    expect(event.payload).toEqual({
      unitId: unit.unitId,
      orderNumber: 'ORD-1001',
      lineId: 'L1',
      sku: 'WIDGET-01',
      serial: 'sn-0042',
      packer: 'ana',
      stationId: 'station-1',
    });
    expect(store.outbox.pending()).toEqual([event]);
  });

  it('numbers events without gaps', () => {
    const seqs = [1, 2, 3, 4, 5].map(
      (index) => store.units.pack(unitInput({ serial: `SN-${index}` })).event.seq,
    );

    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect(store.syncState.lastSeq()).toBe(5);
  });

  it('stores a unit without a serial', () => {
    const { unit, event } = store.units.pack(unitInput({ serial: null }));

    expect(unit.serial).toBeNull();
    expect(event.type).toBe('unit.pack');
    expect(event.payload).toMatchObject({ serial: null });
  });

  it('rejects a unit id already packed and writes nothing', () => {
    const { unit } = store.units.pack(unitInput());

    const error = captureError(() => store.units.pack(unitInput({ unitId: unit.unitId })));

    expect(error.code).toBe('unit_already_packed');
    expect(error.message).toContain(unit.unitId);
    expect(store.syncState.lastSeq()).toBe(1);
    expect(store.outbox.pending()).toHaveLength(1);
  });

  it('rejects an invalid record naming the field', () => {
    const error = captureError(() => store.units.pack(unitInput({ packedAt: 'yesterday' })));

    expect(error.code).toBe('store_invalid_record');
    expect(error.message).toContain('packedAt');
    expect(store.syncState.lastSeq()).toBe(0);
  });

  it('rejects a serial over 64 characters', () => {
    const error = captureError(() => store.units.pack(unitInput({ serial: 'S'.repeat(65) })));

    expect(error.code).toBe('store_invalid_record');
    expect(error.message).toContain('serial');
  });
});

describe('units.remove and units.replaceSerial', () => {
  it('marks a removed unit and keeps it', () => {
    const { unit } = store.units.pack(unitInput());
    clock.advance(60_000);

    const { unit: removed, event } = store.units.remove({
      unitId: unit.unitId,
      reason: 'Damaged box',
      packer: 'sam',
    });

    expect(removed.status).toBe('removed');
    expect(removed.removedBy).toBe('sam');
    expect(removed.removalReason).toBe('Damaged box');
    expect(removed.removedAt).toBe('2026-03-02T08:01:00.000Z');
    expect(event.type).toBe('unit.remove');
    expect(event.seq).toBe(2);
    expect(store.units.forOrder('ORD-1001')).toEqual([]);
    expect(store.units.forOrder('ORD-1001', { includeRemoved: true })).toEqual([removed]);
    expect(store.audit.forSubject(unit.unitId)[0]).toMatchObject({
      actor: 'sam',
      action: 'unit.remove',
      details: { reason: 'Damaged box', serial: 'SN-0001', seq: 2 },
    });
  });

  it('rejects removing a unit twice', () => {
    const { unit } = store.units.pack(unitInput());
    store.units.remove({ unitId: unit.unitId, reason: 'Wrong item', packer: 'sam' });

    const error = captureError(() =>
      store.units.remove({ unitId: unit.unitId, reason: 'Again', packer: 'sam' }),
    );

    expect(error.code).toBe('unit_already_removed');
    expect(store.syncState.lastSeq()).toBe(2);
  });

  it('rejects a removal without a reason', () => {
    const { unit } = store.units.pack(unitInput());

    const error = captureError(() =>
      store.units.remove({ unitId: unit.unitId, reason: '   ', packer: 'sam' }),
    );

    expect(error.code).toBe('store_invalid_record');
    expect(store.units.get(unit.unitId)?.status).toBe('packed');
  });

  it('replaces a serial and audits the old one', () => {
    const { unit } = store.units.pack(unitInput({ serial: 'SN-0O01' }));

    const { unit: replaced, event } = store.units.replaceSerial({
      unitId: unit.unitId,
      serial: 'SN-0001',
      reason: 'Letter O scanned for zero',
      packer: 'sam',
    });

    expect(replaced.serial).toBe('SN-0001');
    expect(event.type).toBe('unit.replace_serial');
    expect(store.units.withSerial('sn-0001')).toEqual([replaced]);
    expect(store.units.withSerial('SN-0O01')).toEqual([]);
    expect(store.audit.forSubject(unit.unitId)[0]?.details).toMatchObject({
      previousSerial: 'SN-0O01',
      serial: 'SN-0001',
      reason: 'Letter O scanned for zero',
    });
  });

  it('rejects changing a shipped unit', () => {
    const { unit } = store.units.pack(unitInput());
    store.shipments.record({
      shipmentId: 'SHP-1',
      orderNumber: 'ORD-1001',
      trackingNumber: '1Z999',
      carrier: 'reference',
      shippedAt: '2026-03-02T09:00:00Z',
    });

    const error = captureError(() =>
      store.units.replaceSerial({
        unitId: unit.unitId,
        serial: 'SN-9',
        reason: 'x',
        packer: 'sam',
      }),
    );

    expect(error.code).toBe('unit_already_shipped');
    expect(error.message).toContain('SHP-1');
    expect(store.units.get(unit.unitId)?.serial).toBe('SN-0001');
  });

  it('rejects an unknown unit id', () => {
    const error = captureError(() =>
      store.units.remove({
        unitId: '7f1c2d3e-0000-4000-8000-000000000001',
        reason: 'x',
        packer: 'sam',
      }),
    );

    expect(error.code).toBe('unit_not_found');
  });
});

describe('units.withSerial', () => {
  it('matches serials case-insensitively', () => {
    const { unit } = store.units.pack(unitInput({ serial: 'SN-00a7' }));

    expect(store.units.withSerial('sn-00A7').map((found) => found.unitId)).toEqual([unit.unitId]);
    expect(store.units.withSerial('SN-00A8')).toEqual([]);
  });

  it('matches the full-width form of a serial', () => {
    store.units.pack(unitInput({ serial: 'SN-0045' }));

    expect(store.units.withSerial('ＳＮ－００４５')).toHaveLength(1);
  });
});

describe('store.transaction', () => {
  it('rolls back every write when the work throws', () => {
    expect(() =>
      store.transaction(() => {
        store.units.pack(unitInput());
        store.session.save({
          stationId: 'station-1',
          orderNumber: 'ORD-1001',
          state: 'open',
          data: {},
        });
        throw new Error('packing service failed');
      }),
    ).toThrow('packing service failed');

    expect(store.units.forOrder('ORD-1001')).toEqual([]);
    expect(store.session.load('station-1')).toBeNull();
    expect(store.syncState.lastSeq()).toBe(0);
  });

  it('keeps the outer work when an inner write is rejected', () => {
    const { unit } = store.units.pack(unitInput());

    store.transaction(() => {
      store.units.pack(unitInput({ serial: 'SN-0002' }));
      expect(() => store.units.pack(unitInput({ unitId: unit.unitId }))).toThrow(AppError);
    });

    expect(store.units.forOrder('ORD-1001')).toHaveLength(2);
    expect(store.outbox.pending().map((event) => event.seq)).toEqual([1, 2]);
  });
});

describe('outbox', () => {
  it('returns pending events in seq order', () => {
    for (let index = 0; index < 5; index += 1) {
      store.units.pack(unitInput({ serial: `SN-${index}` }));
    }

    expect(store.outbox.pending(3).map((event) => event.seq)).toEqual([1, 2, 3]);
  });

  it('leaves acknowledged events out of pending', () => {
    for (let index = 0; index < 3; index += 1) {
      store.units.pack(unitInput({ serial: `SN-${index}` }));
    }

    expect(store.outbox.markAcknowledged([1, 2])).toBe(2);
    expect(store.outbox.markAcknowledged([1])).toBe(0);
    expect(store.outbox.pending().map((event) => event.seq)).toEqual([3]);
    expect(store.outbox.get(1)?.status).toBe('acknowledged');
  });

  it('keeps a rejected event with its code and message', () => {
    store.units.pack(unitInput());
    clock.advance(5_000);

    store.outbox.markRejected(1, {
      code: 'duplicate_serial_in_order',
      message: 'Serial SN-0001 is already packed in order ORD-1001.',
    });

    const [rejected] = store.outbox.rejected();
    expect(rejected?.event.seq).toBe(1);
    expect(rejected?.status).toBe('rejected');
    expect(rejected?.answeredAt).toBe('2026-03-02T08:00:05.000Z');
    expect(rejected?.rejection).toEqual({
      code: 'duplicate_serial_in_order',
      message: 'Serial SN-0001 is already packed in order ORD-1001.',
    });
    expect(store.outbox.pending()).toEqual([]);
  });

  it('rejects marking an event that is not pending', () => {
    const error = captureError(() => store.outbox.markRejected(9, { code: 'x', message: 'y' }));

    expect(error.code).toBe('outbox_event_not_found');
  });

  for (const query of ['pending', 'stats'] as const) {
    it(`${query} query reads only the pending index`, () => {
      const { sql, params } = store.outbox.sqlOf(query);
      const sqlite = new Database(temp.file, { readonly: true });
      const plan = sqlite
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((row) => (row as { detail: string }).detail);
      sqlite.close();

      expect(plan).toEqual(['SCAN outbox USING INDEX outbox_pending']);
    });
  }

  it('reports queue length and oldest unsent age', () => {
    expect(store.outbox.stats()).toEqual({
      pendingCount: 0,
      rejectedCount: 0,
      oldestPendingAt: null,
      oldestPendingAgeMs: null,
    });

    store.units.pack(unitInput({ serial: 'SN-1' }));
    clock.advance(30_000);
    store.units.pack(unitInput({ serial: 'SN-2' }));
    clock.advance(15_000);

    expect(store.outbox.stats()).toEqual({
      pendingCount: 2,
      rejectedCount: 0,
      oldestPendingAt: '2026-03-02T08:00:00.000Z',
      oldestPendingAgeMs: 45_000,
    });
  });
});
