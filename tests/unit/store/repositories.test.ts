import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StationStore } from '../../../src/main/store';
import type { Order, Product } from '../../../src/shared/domain';
import { captureError, fakeClock, openTestStore, tempFolder, unitInput } from './temp-store';

let temp: ReturnType<typeof tempFolder>;
let clock: ReturnType<typeof fakeClock>;
let store: StationStore;

const widget: Product = {
  sku: 'WIDGET-01',
  name: 'Widget, blue',
  kind: 'standard',
  needsSerialNumber: true,
  barcodes: ['09506000134352', '9506000134352'],
  serialFormat: { prefix: 'SN-', maxLength: 12 },
  version: 3,
};

const kit: Product = {
  sku: 'KIT-01',
  name: 'Starter kit',
  kind: 'kit',
  needsSerialNumber: false,
  barcodes: ['09506000134352'],
  serialFormat: null,
  version: 4,
};

const order: Order = {
  orderNumber: 'ORD-1001',
  status: 'open',
  claimedBy: null,
  lines: [
    { lineId: 'L2', sku: 'KIT-01', quantity: 1 },
    { lineId: 'L1', sku: 'WIDGET-01', quantity: 2 },
  ],
  version: 7,
};

beforeEach(() => {
  temp = tempFolder();
  clock = fakeClock();
  store = openTestStore(temp.file, { now: clock.now });
});

afterEach(() => {
  store.close();
  temp.remove();
});

describe('catalog', () => {
  it('stores and reads a product', () => {
    store.catalog.upsert([widget]);

    expect(store.catalog.get('WIDGET-01')).toEqual(widget);
    expect(store.catalog.get('NOPE')).toBeNull();
  });

  it('finds products by barcode', () => {
    store.catalog.upsert([widget, kit]);

    expect(store.catalog.findByBarcode('09506000134352').map((product) => product.sku)).toEqual([
      'KIT-01',
      'WIDGET-01',
    ]);
    expect(store.catalog.findByBarcode('9506000134352')).toEqual([widget]);
  });

  it('replaces a product and its barcodes', () => {
    store.catalog.upsert([widget]);

    store.catalog.upsert([{ ...widget, barcodes: ['4006381333931'], version: 4 }]);

    expect(store.catalog.findByBarcode('09506000134352')).toEqual([]);
    expect(store.catalog.findByBarcode('4006381333931')[0]?.version).toBe(4);
    expect(store.catalog.count()).toBe(1);
  });

  it('rejects an invalid product and stores none of the batch', () => {
    const error = captureError(() =>
      store.catalog.upsert([kit, { ...widget, kind: 'bundle' as Product['kind'] }]),
    );

    expect(error.code).toBe('store_invalid_record');
    expect(error.message).toContain('kind');
    expect(store.catalog.count()).toBe(0);
  });
});

describe('orders', () => {
  it('stores an order with its lines in order', () => {
    store.orders.upsert([order]);

    expect(store.orders.get('ORD-1001')).toEqual(order);
  });

  it('replaces the lines of an updated order', () => {
    store.orders.upsert([order]);

    store.orders.upsert([{ ...order, lines: [{ lineId: 'L9', sku: 'CABLE', quantity: 1 }] }]);

    expect(store.orders.get('ORD-1001')?.lines).toEqual([
      { lineId: 'L9', sku: 'CABLE', quantity: 1 },
    ]);
  });

  it('claims an order with its event', () => {
    store.orders.upsert([order]);

    const event = store.orders.claim({ orderNumber: 'ORD-1001', stationId: 'station-1' });

    expect(event.type).toBe('order.claim');
    expect(event.seq).toBe(1);
    expect(event.payload).toEqual({ orderNumber: 'ORD-1001', stationId: 'station-1' });
    expect(store.orders.get('ORD-1001')).toMatchObject({
      status: 'claimed',
      claimedBy: 'station-1',
    });
  });

  it('rejects claiming an order that is not cached', () => {
    const error = captureError(() =>
      store.orders.claim({ orderNumber: 'ORD-404', stationId: 'station-1' }),
    );

    expect(error.code).toBe('order_not_found');
    expect(error.message).toContain('ORD-404');
    expect(store.syncState.lastSeq()).toBe(0);
  });
});

describe('settings', () => {
  it('returns the defaults before the first pull', () => {
    expect(store.settings.account()).toEqual({
      allowDuplicateSerialsInOrder: false,
      crossOrderSerialPolicy: 'warn',
    });
  });

  it('stores the account settings', () => {
    store.settings.putAccount({
      allowDuplicateSerialsInOrder: true,
      crossOrderSerialPolicy: 'block',
    });

    expect(store.settings.account()).toEqual({
      allowDuplicateSerialsInOrder: true,
      crossOrderSerialPolicy: 'block',
    });
  });
});

describe('session', () => {
  it('resumes a session after a restart', () => {
    store.session.save({
      stationId: 'station-1',
      orderNumber: 'ORD-1001',
      state: 'awaiting_serial',
      data: { lineId: 'L1', packed: 1 },
    });
    store.close();

    store = openTestStore(temp.file, { now: clock.now });

    expect(store.session.load('station-1')).toEqual({
      stationId: 'station-1',
      orderNumber: 'ORD-1001',
      state: 'awaiting_serial',
      data: { lineId: 'L1', packed: 1 },
      updatedAt: '2026-03-02T08:00:00.000Z',
    });
  });

  it('clears a finished session', () => {
    store.session.save({ stationId: 'station-1', orderNumber: null, state: 'idle', data: null });

    store.session.clear('station-1');

    expect(store.session.load('station-1')).toBeNull();
  });
});

describe('shipments', () => {
  it('puts the packed units of the order on the shipment', () => {
    store.orders.upsert([order]);
    const kept = store.units.pack(unitInput()).unit;
    const removed = store.units.pack(unitInput({ serial: 'SN-0002' })).unit;
    store.units.remove({ unitId: removed.unitId, reason: 'Scratched', packer: 'ana' });
    store.units.pack(unitInput({ orderNumber: 'ORD-1002', serial: 'SN-0003' }));

    const linked = store.shipments.record({
      shipmentId: 'SHP-1',
      orderNumber: 'ORD-1001',
      trackingNumber: 'PS000000001',
      carrier: 'reference',
      shippedAt: '2026-03-02T09:30:00Z',
    });

    expect(linked).toBe(1);
    expect(store.units.get(kept.unitId)?.shipmentId).toBe('SHP-1');
    expect(store.units.get(removed.unitId)?.shipmentId).toBeNull();
    expect(store.orders.get('ORD-1001')?.status).toBe('shipped');
    expect(store.shipments.forOrder('ORD-1001')).toEqual([
      {
        shipmentId: 'SHP-1',
        orderNumber: 'ORD-1001',
        trackingNumber: 'PS000000001',
        carrier: 'reference',
        shippedAt: '2026-03-02T09:30:00.000Z',
      },
    ]);
  });

  it('rejects recording a shipment twice', () => {
    const shipment = {
      shipmentId: 'SHP-1',
      orderNumber: 'ORD-1001',
      trackingNumber: 'PS000000001',
      carrier: 'reference',
      shippedAt: '2026-03-02T09:30:00Z',
    };
    store.shipments.record(shipment);

    const error = captureError(() => store.shipments.record(shipment));

    expect(error.code).toBe('shipment_already_recorded');
  });
});

describe('sync state and audit', () => {
  it('stores a pull cursor per stream', () => {
    expect(store.syncState.cursor('catalog')).toBeNull();

    store.syncState.setCursor('catalog', 'c-41');
    store.syncState.setCursor('catalog', 'c-42');
    store.syncState.setCursor('orders', 'o-7');

    expect(store.syncState.cursor('catalog')).toBe('c-42');
    expect(store.syncState.cursor('orders')).toBe('o-7');
    expect(store.syncState.cursor('settings')).toBeNull();
  });

  it('records audit entries newest first', () => {
    store.audit.record({
      actor: 'sam',
      action: 'setting.change',
      subject: 'account',
      details: { a: 1 },
    });
    clock.advance(1_000);
    store.audit.record({
      actor: 'sam',
      action: 'setting.change',
      subject: 'account',
      details: { a: 2 },
    });

    const entries = store.audit.forSubject('account');

    expect(entries.map((entry) => entry.details)).toEqual([{ a: 2 }, { a: 1 }]);
    expect(entries[0]?.at).toBe('2026-03-02T08:00:01.000Z');
    expect(store.audit.recent(1)).toHaveLength(1);
  });
});
