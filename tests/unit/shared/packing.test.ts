import { describe, expect, it } from 'vitest';

import type { AccountSettings } from '../../../src/shared/domain';
import { GS } from '../../../src/shared/gs1';
import { GTIN_WIDGET, order, PackingBench } from './packing-harness';

const noDuplicates: AccountSettings = {
  allowDuplicateSerialsInOrder: false,
  crossOrderSerialPolicy: 'warn',
};

// ORD-1: two widgets (serial-tracked), a mug and a kit.
const ord1 = order('ORD-1', [
  { lineId: 'L1', sku: 'WIDGET-01', quantity: 2 },
  { lineId: 'L2', sku: 'MUG', quantity: 1 },
  { lineId: 'L3', sku: 'BUNDLE-1', quantity: 1 },
]);
const ordMug = order('ORD-2', [{ lineId: 'M1', sku: 'MUG', quantity: 1 }]);
const ordSplit = order('ORD-1003', [
  { lineId: 'L1', sku: 'WIDGET-01', quantity: 2 },
  { lineId: 'L2', sku: 'WIDGET-01', quantity: 3 },
]);

function openBench(orders = [ord1, ordMug, ordSplit], settings = noDuplicates) {
  const bench = new PackingBench(orders, settings);
  bench.scan(orders[0]?.orderNumber ?? '');
  return bench;
}

describe('decidePacking opening orders', () => {
  it('opens a scanned order', () => {
    const bench = new PackingBench([ord1]);

    const decision = bench.scan('ORD-1');

    expect(decision.state).toEqual({ phase: 'order_open', orderNumber: 'ORD-1' });
    expect(decision.effects).toContainEqual({ type: 'open_order', orderNumber: 'ORD-1' });
    expect(bench.sound()).toBe('success');
  });

  it('asks for an order before items', () => {
    const bench = new PackingBench([ord1]);

    bench.scan(GTIN_WIDGET);

    expect(bench.state).toEqual({ phase: 'idle' });
    expect(bench.errorCode()).toBe('scan_order_first');
    expect(bench.sound()).toBe('error');
  });

  it('rejects shipped and cancelled orders', () => {
    for (const status of ['shipped', 'cancelled'] as const) {
      const bench = new PackingBench([order('ORD-9', ord1.lines, { status })]);

      bench.scan('ORD-9');

      expect(bench.errorCode(), status).toBe('order_not_packable');
      expect(bench.state, status).toEqual({ phase: 'idle' });
    }
  });

  it('rejects an order claimed by another station', () => {
    const bench = new PackingBench([order('ORD-9', ord1.lines, { claimedBy: 'station-7' })]);

    bench.scan('ORD-9');

    expect(bench.errorCode()).toBe('order_claimed_elsewhere');
  });

  it('opens an order claimed by this station', () => {
    const bench = new PackingBench([order('ORD-9', ord1.lines, { claimedBy: 'station-1' })]);

    bench.scan('ORD-9');

    expect(bench.state.phase).toBe('order_open');
  });

  it('switches to another order before any unit', () => {
    const bench = openBench();

    bench.scan('ORD-2');

    expect(bench.state).toEqual({ phase: 'order_open', orderNumber: 'ORD-2' });
  });

  it('keeps an order with packed units open', () => {
    const bench = openBench();
    bench.scan('4006381333931');

    bench.scan('ORD-2');

    expect(bench.errorCode()).toBe('order_in_progress');
    expect(bench.state).toEqual({ phase: 'order_open', orderNumber: 'ORD-1' });
  });

  it('ignores a repeated scan of the open order', () => {
    const bench = openBench();

    const decision = bench.scan('ORD-1');

    expect(decision.effects).toEqual([]);
    expect(bench.state.phase).toBe('order_open');
  });

  it('opens a fully packed order ready to ship', () => {
    const bench = new PackingBench([ordMug]);
    bench.scan('ORD-2');
    bench.scan('4006381333931');
    bench.send({ type: 'close_order' });

    bench.scan('ORD-2');

    expect(bench.state).toEqual({ phase: 'ready_to_ship', orderNumber: 'ORD-2' });
  });
});

describe('decidePacking items', () => {
  it('packs an item without serial tracking at once', () => {
    const bench = openBench();

    const decision = bench.scan('4006381333931');

    expect(decision.effects).toContainEqual({
      type: 'pack_unit',
      orderNumber: 'ORD-1',
      lineId: 'L2',
      sku: 'MUG',
      serial: null,
      previouslyShippedIn: null,
    });
    expect(bench.state.phase).toBe('order_open');
  });

  it('packs a kit without a prompt', () => {
    const bench = openBench();

    bench.scan('BUNDLE-1-BC');

    expect(bench.units).toHaveLength(1);
    expect(bench.units[0]?.serial).toBeNull();
    expect(bench.state.phase).toBe('order_open');
  });

  it('never prompts for a built kit', () => {
    const bench = openBench([order('ORD-K', [{ lineId: 'K1', sku: 'BUILT-1', quantity: 1 }])]);

    bench.scan('BUILT-1-BC');

    expect(bench.state.phase).toBe('ready_to_ship');
    expect(bench.units[0]?.serial).toBeNull();
  });

  it('opens the prompt for unit 1 of 2', () => {
    const bench = openBench();

    const decision = bench.scan(GTIN_WIDGET);

    expect(decision.state).toEqual({
      phase: 'awaiting_serial',
      orderNumber: 'ORD-1',
      prompt: { lineId: 'L1', sku: 'WIDGET-01', unitNumber: 1, unitCount: 2 },
      pendingWarning: null,
    });
    expect(bench.units).toHaveLength(0);
  });

  it('matches a UPC-A style scan by GTIN-14', () => {
    const bench = openBench();

    bench.scan('9506000134352');

    expect(bench.state.phase).toBe('awaiting_serial');
  });

  it('rejects an item not in the order', () => {
    const bench = openBench();

    bench.scan('96385074');

    expect(bench.errorCode()).toBe('item_not_in_order');
    expect(bench.last.effects[0]).toMatchObject({ error: { details: { sku: 'STRAY' } } });
  });

  it('rejects an item whose line is complete', () => {
    const bench = openBench();
    bench.scan('4006381333931');

    bench.scan('4006381333931');

    expect(bench.errorCode()).toBe('line_complete');
    expect(bench.units).toHaveLength(1);
  });

  it('rejects an unknown barcode', () => {
    const bench = openBench();

    bench.scan('NOPE-123');

    expect(bench.errorCode()).toBe('item_not_recognised');
  });

  it('rejects a GS1 scan with a bad check digit', () => {
    const bench = openBench();

    bench.scan(']d20109506000134353');

    expect(bench.errorCode()).toBe('gs1_check_digit');
  });

  it('fills the next line of the same SKU', () => {
    const bench = openBench([ordSplit]);
    for (const serial of ['A-1', 'A-2']) {
      bench.scan(GTIN_WIDGET);
      bench.send({ type: 'submit_serial', serial });
    }

    bench.scan(GTIN_WIDGET);

    expect(bench.state).toMatchObject({
      phase: 'awaiting_serial',
      prompt: { lineId: 'L2', unitNumber: 1, unitCount: 3 },
    });
  });
});

describe('decidePacking serial prompt', () => {
  function prompted(settings = noDuplicates) {
    const bench = openBench([ord1], settings);
    bench.scan(GTIN_WIDGET);
    return bench;
  }

  it('packs a typed serial, normalised', () => {
    const bench = prompted();

    bench.send({ type: 'submit_serial', serial: '\u00A0SN-0042 ' });

    expect(bench.units[0]).toMatchObject({ lineId: 'L1', sku: 'WIDGET-01', serial: 'SN-0042' });
    expect(bench.state.phase).toBe('order_open');
    expect(bench.sound()).toBe('success');
  });

  it('packs a scanned serial', () => {
    const bench = prompted();

    bench.scan('SN-0042');

    expect(bench.units[0]?.serial).toBe('SN-0042');
  });

  it('strips a non-GS1 AIM identifier from a scanned serial', () => {
    const bench = prompted();

    bench.scan(']C0SN-00417-B');

    expect(bench.units[0]?.serial).toBe('SN-00417-B');
  });

  it('keeps the prompt open on an invalid serial', () => {
    const bench = prompted();

    bench.send({ type: 'submit_serial', serial: 'SN-\u200B0042' });

    expect(bench.errorCode()).toBe('serial_invisible_character');
    expect(bench.state.phase).toBe('awaiting_serial');
    expect(bench.units).toHaveLength(0);
  });

  it('rejects a duplicate serial in the order', () => {
    const bench = prompted();
    bench.scan('SN-0042');
    bench.scan(GTIN_WIDGET);

    bench.scan('sn-0042');

    expect(bench.errorCode()).toBe('duplicate_serial_in_order');
    expect(bench.state).toMatchObject({ phase: 'awaiting_serial', prompt: { unitNumber: 2 } });
  });

  it('accepts a duplicate when the setting allows it', () => {
    const bench = prompted({ ...noDuplicates, allowDuplicateSerialsInOrder: true });
    bench.scan('SN-0042');
    bench.scan(GTIN_WIDGET);

    bench.scan('sn-0042');

    expect(bench.units.map((unit) => unit.serial)).toEqual(['SN-0042', 'sn-0042']);
  });

  it('checks the product serial format', () => {
    const bench = openBench([order('ORD-F', [{ lineId: 'F1', sku: 'FORMATTED', quantity: 1 }])]);
    bench.scan('FORMATTED-BC');

    bench.scan('AB-12345');

    expect(bench.errorCode()).toBe('serial_format_mismatch');
    expect(bench.state.phase).toBe('awaiting_serial');
  });

  it('rejects the product barcode as a serial', () => {
    const bench = prompted();

    bench.scan(GTIN_WIDGET);

    expect(bench.errorCode()).toBe('serial_is_product_barcode');
  });

  it('rejects an order number as a serial', () => {
    const bench = prompted();

    bench.scan('ORD-1');

    expect(bench.errorCode()).toBe('serial_prompt_open');
  });

  it('returns to the order on cancel', () => {
    const bench = prompted();

    bench.send({ type: 'cancel_prompt' });

    expect(bench.state).toEqual({ phase: 'order_open', orderNumber: 'ORD-1' });
    expect(bench.units).toHaveLength(0);
  });

  it('rejects a typed serial without a prompt', () => {
    const bench = openBench();

    bench.send({ type: 'submit_serial', serial: 'SN-1' });

    expect(bench.errorCode()).toBe('no_serial_prompt');
  });
});

describe('decidePacking GS1 scans', () => {
  it('packs and fills the serial in one scan', () => {
    const bench = openBench();

    bench.scan(`]d201${GTIN_WIDGET}17270531` + `10B7${GS}21SN-1`);

    expect(bench.units).toHaveLength(1);
    expect(bench.units[0]).toMatchObject({ lineId: 'L1', sku: 'WIDGET-01', serial: 'SN-1' });
    expect(bench.state.phase).toBe('order_open');
  });

  it('uses fields parsed by the scanner layer', () => {
    const bench = openBench();
    const gs1 = {
      form: 'raw' as const,
      aim: ']d2',
      elements: [],
      values: { '01': GTIN_WIDGET, '21': 'SN-7' },
      gtin: GTIN_WIDGET,
      serial: 'SN-7',
    };

    bench.send({ type: 'scan', text: 'ignored when gs1 is set', gs1 });

    expect(bench.units[0]?.serial).toBe('SN-7');
  });

  it('opens the prompt when the GS1 scan has no serial', () => {
    const bench = openBench();

    bench.scan(`]C101${GTIN_WIDGET}`);

    expect(bench.state.phase).toBe('awaiting_serial');
  });

  it('keeps the prompt when the GS1 serial is invalid', () => {
    const bench = openBench();
    bench.scan(`]d201${GTIN_WIDGET}21SN-1`);
    bench.scan(GTIN_WIDGET);

    bench.scan(`]d201${GTIN_WIDGET}21sn-1`);

    expect(bench.errorCode()).toBe('duplicate_serial_in_order');
    expect(bench.state).toMatchObject({ phase: 'awaiting_serial', prompt: { unitNumber: 2 } });
  });

  it('fills an open prompt from a GS1 scan', () => {
    const bench = openBench();
    bench.scan(GTIN_WIDGET);

    bench.scan(`]Q301${GTIN_WIDGET}21SN-3`);

    expect(bench.units[0]?.serial).toBe('SN-3');
  });

  it('rejects a GS1 scan of another product at the prompt', () => {
    const bench = openBench();
    bench.scan(GTIN_WIDGET);

    bench.scan(`]d20100000096385074` + `21SN-3`);

    expect(bench.errorCode()).toBe('gs1_wrong_product');
  });

  it('rejects a GS1 scan without serial at the prompt', () => {
    const bench = openBench();
    bench.scan(GTIN_WIDGET);

    bench.scan(`]d201${GTIN_WIDGET}10B7`);

    expect(bench.errorCode()).toBe('gs1_serial_missing');
  });

  it('rejects a GS1 scan with an unknown GTIN', () => {
    const bench = openBench();

    bench.scan(`]d20100000000000017` + `21X`);

    expect(bench.errorCode()).toBe('item_not_recognised');
  });
});

describe('decidePacking cross-order check', () => {
  const shipped = [{ serial: 'SN-9', sku: 'WIDGET-01', orderNumber: 'ORD-0900' }];

  function prompted(policy: AccountSettings['crossOrderSerialPolicy']) {
    const bench = new PackingBench(
      [ord1],
      { ...noDuplicates, crossOrderSerialPolicy: policy },
      shipped,
    );
    bench.scan('ORD-1');
    bench.scan(GTIN_WIDGET);
    return bench;
  }

  it('blocks under the block policy', () => {
    const bench = prompted('block');

    bench.scan('SN-9');

    expect(bench.errorCode()).toBe('serial_previously_shipped');
    expect(bench.units).toHaveLength(0);
    expect(bench.state.phase).toBe('awaiting_serial');
  });

  it('warns first under the warn policy', () => {
    const bench = prompted('warn');

    bench.scan('SN-9');

    expect(bench.errorCode()).toBe('serial_previously_shipped');
    expect(bench.last.effects[0]?.type).toBe('show_warning');
    expect(bench.units).toHaveLength(0);
    expect(bench.state).toMatchObject({
      pendingWarning: { serial: 'SN-9', shippedOrderNumber: 'ORD-0900' },
    });
  });

  it('packs on the second scan after a warning', () => {
    const bench = prompted('warn');
    bench.scan('SN-9');

    const decision = bench.scan('sn-9');

    expect(decision.effects).toContainEqual(
      expect.objectContaining({ type: 'pack_unit', previouslyShippedIn: 'ORD-0900' }),
    );
  });

  it('packs on confirm after a warning', () => {
    const bench = prompted('warn');
    bench.scan('SN-9');

    bench.send({ type: 'confirm_serial' });

    expect(bench.units[0]?.serial).toBe('SN-9');
  });

  it('warns again for a different serial', () => {
    const bench = new PackingBench([ord1], noDuplicates, [
      ...shipped,
      { serial: 'SN-8', sku: 'WIDGET-01', orderNumber: 'ORD-0800' },
    ]);
    bench.scan('ORD-1');
    bench.scan(GTIN_WIDGET);
    bench.scan('SN-9');

    bench.scan('SN-8');

    expect(bench.units).toHaveLength(0);
    expect(bench.state).toMatchObject({ pendingWarning: { shippedOrderNumber: 'ORD-0800' } });
  });

  it('ignores shipped serials when off', () => {
    const bench = prompted('off');

    bench.scan('SN-9');

    expect(bench.units[0]?.serial).toBe('SN-9');
  });

  it('rejects confirm without a warning', () => {
    const bench = prompted('warn');

    bench.send({ type: 'confirm_serial' });

    expect(bench.errorCode()).toBe('no_serial_prompt');
  });
});

describe('decidePacking shipping and edits', () => {
  function packedOrder() {
    const bench = openBench();
    bench.scan(`]d201${GTIN_WIDGET}21SN-1`);
    bench.scan(`]d201${GTIN_WIDGET}21SN-2`);
    bench.scan('4006381333931');
    bench.scan('BUNDLE-1-BC');
    return bench;
  }

  it('becomes ready to ship when every line is full', () => {
    expect(packedOrder().state).toEqual({ phase: 'ready_to_ship', orderNumber: 'ORD-1' });
  });

  it('ships a ready order', () => {
    const bench = packedOrder();

    bench.send({ type: 'ship' });

    expect(bench.state).toEqual({ phase: 'shipped', orderNumber: 'ORD-1' });
    expect(bench.shippedOrders).toEqual(['ORD-1']);
  });

  it('rejects shipping an incomplete order naming lines', () => {
    const bench = openBench();
    bench.scan('4006381333931');

    bench.send({ type: 'ship' });

    expect(bench.errorCode()).toBe('order_incomplete');
    expect(bench.last.effects[0]).toMatchObject({
      error: { message: expect.stringContaining('line L1 (WIDGET-01) 0 of 2') },
    });
  });

  it('rejects shipping with no order', () => {
    const bench = new PackingBench([ord1]);

    bench.send({ type: 'ship' });

    expect(bench.errorCode()).toBe('no_open_order');
  });

  it('opens the next order after shipping', () => {
    const bench = packedOrder();
    bench.send({ type: 'ship' });

    bench.scan('ORD-2');

    expect(bench.state).toEqual({ phase: 'order_open', orderNumber: 'ORD-2' });
  });

  it('removes a unit with a reason', () => {
    const bench = packedOrder();
    const unitId = bench.units[0]?.unitId ?? '';

    bench.send({ type: 'remove_unit', unitId, reason: 'wrong item scanned' });

    expect(bench.units).toHaveLength(3);
    expect(bench.state).toEqual({ phase: 'order_open', orderNumber: 'ORD-1' });
  });

  it('requires a reason to remove a unit', () => {
    const bench = packedOrder();
    const unitId = bench.units[0]?.unitId ?? '';

    bench.send({ type: 'remove_unit', unitId, reason: '  ' });

    expect(bench.errorCode()).toBe('reason_required');
    expect(bench.units).toHaveLength(4);
  });

  it('rejects removing an unknown unit', () => {
    const bench = packedOrder();

    bench.send({ type: 'remove_unit', unitId: 'missing', reason: 'x' });

    expect(bench.errorCode()).toBe('unit_not_found');
  });

  it('replaces a serial', () => {
    const bench = packedOrder();
    const unitId = bench.units[0]?.unitId ?? '';

    const decision = bench.send({
      type: 'replace_serial',
      unitId,
      serial: ' SN-5 ',
      reason: 'typo',
    });

    expect(decision.effects).toContainEqual({
      type: 'replace_serial',
      orderNumber: 'ORD-1',
      unitId,
      serial: 'SN-5',
      previousSerial: 'SN-1',
      reason: 'typo',
    });
    expect(bench.state.phase).toBe('ready_to_ship');
  });

  it('allows replacing a serial with its own value in another case', () => {
    const bench = packedOrder();
    const unitId = bench.units[0]?.unitId ?? '';

    bench.send({ type: 'replace_serial', unitId, serial: 'sn-1', reason: 'case' });

    expect(bench.units[0]?.serial).toBe('sn-1');
  });

  it('rejects a replacement that duplicates another unit', () => {
    const bench = packedOrder();
    const unitId = bench.units[0]?.unitId ?? '';

    bench.send({ type: 'replace_serial', unitId, serial: 'SN-2', reason: 'typo' });

    expect(bench.errorCode()).toBe('duplicate_serial_in_order');
    expect(bench.units[0]?.serial).toBe('SN-1');
  });

  it('rejects replacing the serial of an untracked unit', () => {
    const bench = packedOrder();
    const mug = bench.units.find((unit) => unit.sku === 'MUG');

    bench.send({ type: 'replace_serial', unitId: mug?.unitId ?? '', serial: 'X', reason: 'r' });

    expect(bench.errorCode()).toBe('serial_not_tracked');
  });

  it('rejects edits while the prompt is open', () => {
    const bench = openBench();
    bench.scan('4006381333931');
    const unitId = bench.units[0]?.unitId ?? '';
    bench.scan(GTIN_WIDGET);

    bench.send({ type: 'remove_unit', unitId, reason: 'x' });

    expect(bench.errorCode()).toBe('no_open_order');
  });

  it('closes the order back to idle', () => {
    const bench = openBench();

    bench.send({ type: 'close_order' });

    expect(bench.state).toEqual({ phase: 'idle' });
  });
});

describe('decidePacking scanner symbology', () => {
  it('reads a GS1 symbology sent apart from the text', () => {
    const bench = openBench();

    bench.send({ type: 'scan', text: `01${GTIN_WIDGET}21SN-4`, symbology: ']d2' });

    expect(bench.units[0]?.serial).toBe('SN-4');
  });

  it('never splits text with a non-GS1 symbology', () => {
    const bench = openBench();
    bench.scan(GTIN_WIDGET);

    bench.send({ type: 'scan', text: `01${GTIN_WIDGET}`, symbology: ']C0' });

    expect(bench.units[0]?.serial).toBe(`01${GTIN_WIDGET}`);
  });
});
