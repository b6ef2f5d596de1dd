import { afterEach, describe, expect, it } from 'vitest';

import { openTestStation, scanOf } from './station';
import type { TestStation } from './station';

let station: TestStation;

afterEach(async () => {
  await station.close();
});

describe('packing an order', () => {
  it('packs two serial units and an untracked item', async () => {
    station = openTestStation();
    const { packing, store } = station;

    const opened = await packing.scan(scanOf('DEMO-1001'));
    expect(opened.state).toBe('order_open');
    expect(opened.order?.lines.map((line) => line.packed)).toEqual([0, 0]);
    expect(store.orders.get('DEMO-1001')?.claimedBy).toBe('station-1');

    const prompted = await packing.scan(scanOf('09506000134352'));
    expect(prompted.state).toBe('awaiting_serial');
    expect(prompted.prompt).toMatchObject({ sku: 'DEMO-SCANNER', unitNumber: 1, unitCount: 2 });

    const first = await packing.submitSerial('SN-0001');
    expect(first.state).toBe('order_open');
    expect(first.units.map((unit) => unit.serial)).toEqual(['SN-0001']);

    await packing.scan(scanOf('09506000134352'));
    const second = await packing.scan(scanOf('SN-0002'));
    expect(second.units.map((unit) => unit.serial)).toEqual(['SN-0001', 'SN-0002']);

    const cable = await packing.scan(scanOf('09506000134383'));
    expect(cable.state).toBe('ready_to_ship');
    expect(cable.units.at(-1)).toMatchObject({ sku: 'DEMO-CABLE', serial: null, packer: 'Ada' });
    expect(cable.order?.lines.map((line) => line.packed)).toEqual([2, 1]);

    const events = store.outbox.pending().map((event) => event.type);
    expect(events).toEqual(['order.claim', 'unit.pack', 'unit.pack', 'unit.pack']);
  });

  it('prompts for unit 2 of 2 on the second scan', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));
    await station.packing.submitSerial('SN-A');

    const view = await station.packing.scan(scanOf('09506000134352'));

    expect(view.prompt?.unitNumber).toBe(2);
    expect(view.prompt?.unitCount).toBe(2);
  });

  it('never prompts for a kit', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1003'));

    const view = await station.packing.scan(scanOf('09506000134406'));

    expect(view.state).toBe('order_open');
    expect(view.prompt).toBeNull();
    expect(view.units).toMatchObject([{ sku: 'DEMO-KIT', serial: null }]);
  });

  it('pushes a view on every change', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('NOT-A-BARCODE'));
    await station.packing.scan(scanOf('09506000134352'));

    expect(station.views.map((view) => view.state)).toEqual([
      'order_open',
      'order_open',
      'awaiting_serial',
    ]);
    expect(station.views[1]?.feedback).toMatchObject({ kind: 'error', sound: 'error' });
  });

  it('gives every feedback a new sequence', async () => {
    station = openTestStation();
    const first = await station.packing.scan(scanOf('NOPE'));
    const second = await station.packing.scan(scanOf('NOPE'));

    expect(first.feedback?.code).toBe('order_unreachable');
    expect(second.feedback?.sequence).toBe((first.feedback?.sequence ?? 0) + 1);
  });

  it('rejects an item of another order', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));

    const view = await station.packing.scan(scanOf('09506000134376'));

    expect(view.feedback?.code).toBe('item_not_in_order');
    expect(view.units).toEqual([]);
  });

  it('rejects a unit beyond the ordered quantity', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134383'));

    const view = await station.packing.scan(scanOf('09506000134383'));

    expect(view.feedback?.code).toBe('line_complete');
    expect(view.units).toHaveLength(1);
  });

  it('cancels the prompt without packing', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));

    const view = await station.packing.cancelPrompt();

    expect(view.state).toBe('order_open');
    expect(view.units).toEqual([]);
    expect(view.feedback?.code).toBe('serial_prompt_cancelled');
  });
});

describe('serial rules at the prompt', () => {
  it('rejects a duplicate serial in the order', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));
    await station.packing.submitSerial('SN-0001');
    await station.packing.scan(scanOf('09506000134352'));

    const view = await station.packing.submitSerial('sn-0001');

    expect(view.state).toBe('awaiting_serial');
    expect(view.prompt?.error?.code).toBe('duplicate_serial_in_order');
    expect(view.feedback).toMatchObject({ kind: 'error', sound: 'error' });
    expect(view.units).toHaveLength(1);
  });

  it('accepts a duplicate when the setting allows it', async () => {
    station = openTestStation();
    station.store.settings.putAccount({
      allowDuplicateSerialsInOrder: true,
      crossOrderSerialPolicy: 'warn',
    });
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));
    await station.packing.submitSerial('SN-0001');
    await station.packing.scan(scanOf('09506000134352'));

    const view = await station.packing.submitSerial('SN-0001');

    expect(view.units.map((unit) => unit.serial)).toEqual(['SN-0001', 'SN-0001']);
  });

  it('rejects a serial that breaks the product format', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1002'));
    await station.packing.scan(scanOf('09506000134369'));

    const view = await station.packing.submitSerial('XX-123456');

    expect(view.prompt?.error?.code).toBe('serial_format_mismatch');
  });

  it('rejects a serial with an invisible character', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));

    const view = await station.packing.submitSerial('SN\u200B01');

    expect(view.prompt?.error?.code).toBe('serial_invisible_character');
  });

  it('rejects the product barcode as a serial', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));

    const view = await station.packing.scan(scanOf('09506000134352'));

    expect(view.prompt?.error?.code).toBe('serial_is_product_barcode');
    expect(view.units).toEqual([]);
  });

  it('packs and fills the serial from one GS1 scan', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));

    const view = await station.packing.scan(scanOf('0109506000134352\u001d21GS1-SN-7', ']d2'));

    expect(view.state).toBe('order_open');
    expect(view.units).toMatchObject([{ sku: 'DEMO-SCANNER', serial: 'GS1-SN-7' }]);
  });

  it('fills the open prompt from a GS1 scan', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));

    const view = await station.packing.scan(scanOf('(01)09506000134352(21)GS1-SN-8'));

    expect(view.units).toMatchObject([{ serial: 'GS1-SN-8' }]);
  });

  it('warns on a serial shipped in another order, then packs it', async () => {
    station = openTestStation();
    const { store } = station;
    store.units.pack({
      orderNumber: 'DEMO-1003',
      lineId: '2',
      sku: 'DEMO-SCANNER',
      serial: 'OLD-1',
      packer: 'Bob',
      stationId: 'station-1',
    });
    store.shipments.record({
      shipmentId: 'ship-1',
      orderNumber: 'DEMO-1003',
      trackingNumber: 'TRK1',
      carrier: 'demo',
      shippedAt: new Date().toISOString(),
    });
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));

    const warned = await station.packing.submitSerial('OLD-1');
    expect(warned.prompt?.warning).toMatchObject({
      code: 'serial_previously_shipped',
      serial: 'OLD-1',
    });
    expect(warned.feedback?.sound).toBe('warning');
    expect(warned.units).toEqual([]);

    const packed = await station.packing.submitSerial('OLD-1');
    expect(packed.units.map((unit) => unit.serial)).toEqual(['OLD-1']);
    const audit = store.audit.forSubject(packed.units[0]?.unitId ?? '');
    expect(audit[0]).toMatchObject({
      action: 'serial.previously_shipped_accepted',
      details: { shippedOrderNumber: 'DEMO-1003' },
    });
  });

  it('blocks a serial shipped in another order by setting', async () => {
    station = openTestStation();
    const { store } = station;
    store.settings.putAccount({
      allowDuplicateSerialsInOrder: false,
      crossOrderSerialPolicy: 'block',
    });
    store.units.pack({
      orderNumber: 'DEMO-1003',
      lineId: '2',
      sku: 'DEMO-SCANNER',
      serial: 'OLD-2',
      packer: 'Bob',
      stationId: 'station-1',
    });
    store.shipments.record({
      shipmentId: 'ship-2',
      orderNumber: 'DEMO-1003',
      trackingNumber: 'TRK2',
      carrier: 'demo',
      shippedAt: new Date().toISOString(),
    });
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));

    await station.packing.submitSerial('OLD-2');
    const view = await station.packing.submitSerial('OLD-2');

    expect(view.prompt?.error?.code).toBe('serial_previously_shipped');
    expect(view.units).toEqual([]);
  });
});

describe('changing packed units', () => {
  it('removes a unit with its reason audited', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134383'));
    const unitId = station.packing.view().units[0]?.unitId ?? '';

    const view = await station.packing.removeUnit(unitId, 'wrong cable');

    expect(view.units).toEqual([]);
    expect(station.store.audit.forSubject(unitId)[0]).toMatchObject({
      action: 'unit.remove',
      actor: 'Ada',
      details: { reason: 'wrong cable' },
    });
    expect(station.store.outbox.pending().at(-1)?.type).toBe('unit.remove');
  });

  it('replaces a serial with the old one audited', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));
    await station.packing.submitSerial('SN-TYPO');
    const unitId = station.packing.view().units[0]?.unitId ?? '';

    const view = await station.packing.replaceSerial(unitId, 'SN-RIGHT', 'typo');

    expect(view.units[0]?.serial).toBe('SN-RIGHT');
    expect(station.store.audit.forSubject(unitId)[0]).toMatchObject({
      action: 'unit.replace_serial',
      details: { previousSerial: 'SN-TYPO', serial: 'SN-RIGHT', reason: 'typo' },
    });
  });

  it('rejects a replacement that duplicates another unit', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));
    await station.packing.submitSerial('SN-1');
    await station.packing.scan(scanOf('09506000134352'));
    await station.packing.submitSerial('SN-2');
    const unitId = station.packing.view().units[1]?.unitId ?? '';

    await expect(station.packing.replaceSerial(unitId, 'SN-1', 'typo')).rejects.toMatchObject({
      code: 'duplicate_serial_in_order',
    });
    expect(station.packing.view().units[1]?.serial).toBe('SN-2');
  });

  it('trims the reason before it is audited', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134383'));
    const unitId = station.packing.view().units[0]?.unitId ?? '';

    await station.packing.removeUnit(unitId, '  wrong cable  ');

    expect(station.store.audit.forSubject(unitId)[0]?.details).toMatchObject({
      reason: 'wrong cable',
    });
  });

  it.each([
    ['a NUL', 'typo\x00', 'invalid_reason'],
    ['a line break', 'typo\r\nInjected: yes', 'invalid_reason'],
    ['a zero width space', '\u200b', 'invalid_reason'],
    ['only spaces', '   ', 'reason_required'],
  ])('rejects a replacement reason with %s', async (_label, reason, code) => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));
    await station.packing.submitSerial('SN-TYPO');
    const unitId = station.packing.view().units[0]?.unitId ?? '';
    const pendingBefore = station.store.outbox.pending().length;

    await expect(station.packing.replaceSerial(unitId, 'SN-RIGHT', reason)).rejects.toMatchObject({
      code,
    });
    expect(station.packing.view().units[0]?.serial).toBe('SN-TYPO');
    expect(station.store.outbox.pending()).toHaveLength(pendingBefore);
  });

  it('rejects a removal reason with an escape sequence', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134383'));
    const unitId = station.packing.view().units[0]?.unitId ?? '';

    await expect(station.packing.removeUnit(unitId, '\x1b[2Jgone')).rejects.toMatchObject({
      code: 'invalid_reason',
      details: { codePoint: 'U+001B', position: 1 },
    });
    expect(station.packing.view().units).toHaveLength(1);
  });

  it('rejects removing a unit of another order', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));

    await expect(
      station.packing.removeUnit('00000000-0000-4000-8000-000000000000', 'mistake'),
    ).rejects.toMatchObject({ code: 'unit_not_found' });
  });
});

describe('session across restarts', () => {
  it('resumes mid-order at the open prompt', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));
    await station.packing.scan(scanOf('09506000134352'));
    await station.packing.submitSerial('SN-1');
    await station.packing.scan(scanOf('09506000134352'));

    await station.restart();
    const resumed = station.packing.view();
    expect(resumed.state).toBe('awaiting_serial');
    expect(resumed.prompt).toMatchObject({ unitNumber: 2, unitCount: 2 });
    expect(resumed.units.map((unit) => unit.serial)).toEqual(['SN-1']);

    const view = await station.packing.submitSerial('SN-2');
    expect(view.units.map((unit) => unit.serial)).toEqual(['SN-1', 'SN-2']);
  });
});

describe('shipping while offline', () => {
  it('shows the label pending', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1003'));
    await station.packing.scan(scanOf('09506000134406'));
    await station.packing.scan(scanOf('09506000134376'));
    await station.packing.submitSerial('PH-1');

    const view = await station.packing.ship();

    expect(view.state).toBe('label_pending');
    expect(view.feedback?.code).toBe('label_pending');
  });

  it('rejects shipping an incomplete order', async () => {
    station = openTestStation();
    await station.packing.scan(scanOf('DEMO-1001'));

    await expect(station.packing.ship()).rejects.toMatchObject({ code: 'order_incomplete' });
  });

  it('tells that an uncached order cannot be fetched', async () => {
    station = openTestStation();

    const view = await station.packing.scan(scanOf('DEMO-9999'));

    expect(view.state).toBe('idle');
    expect(view.feedback?.code).toBe('order_unreachable');
  });
});
