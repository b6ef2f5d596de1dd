import { describe, expect, it } from 'vitest';

import {
  checkPreviouslyShipped,
  checkSerialUniqueInOrder,
  findPreviouslyShipped,
  normalizeSerial,
  type ShippedSerial,
  type UnitSerial,
} from '../../../src/shared/serial';

const noDuplicates = { allowDuplicateSerialsInOrder: false };
const duplicatesAllowed = { allowDuplicateSerialsInOrder: true };

// Order ORD-1003: line L1 (WIDGET-01 × 2) contains SN-0042; line L2 (WIDGET-01 × 3) is empty.
const packed: UnitSerial[] = [{ unitId: 'u1', lineId: 'L1', serial: 'SN-0042' }];

function check(raw: string, settings = noDuplicates, units = packed) {
  const normalised = normalizeSerial(raw);
  if (!normalised.ok) {
    throw new Error(`"${raw}" was rejected by normalisation: ${normalised.error.code}`);
  }
  return checkSerialUniqueInOrder({ serial: normalised.value, units, settings });
}

describe('checkSerialUniqueInOrder', () => {
  it('rejects a trailing-space duplicate on the other line', () => {
    const result = check('SN-0042 ');

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('duplicate_serial_in_order');
      expect(result.error.message).toContain('line L1');
      expect(result.error.details).toMatchObject({ otherUnitId: 'u1', otherLineId: 'L1' });
    }
  });

  it('rejects a no-break-space duplicate', () => {
    expect(check('\u00A0SN-0042').ok).toBe(false);
  });

  it('rejects a lower-case duplicate', () => {
    expect(check('sn-0042').ok).toBe(false);
  });

  it('accepts a different serial', () => {
    expect(check('SN-0043')).toEqual({ ok: true, value: 'SN-0043' });
  });

  it('accepts duplicates when the setting allows them', () => {
    expect(check('SN-0042 ', duplicatesAllowed).ok).toBe(true);
    expect(check('sn-0042', duplicatesAllowed)).toEqual({ ok: true, value: 'sn-0042' });
  });

  it('names the unit number on its line', () => {
    const units: UnitSerial[] = [
      { unitId: 'a', lineId: 'L2', serial: 'X-1' },
      { unitId: 'b', lineId: 'L1', serial: 'X-2' },
      { unitId: 'c', lineId: 'L2', serial: 'X-3' },
    ];

    const result = check('x-3', noDuplicates, units);

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('unit 2 of line L2');
    }
  });

  it('ignores units without a serial', () => {
    const units: UnitSerial[] = [{ unitId: 'k', lineId: 'L9', serial: null }];

    expect(check('SN-1', noDuplicates, units).ok).toBe(true);
  });

  it('ignores the unit whose serial is replaced', () => {
    const result = checkSerialUniqueInOrder({
      serial: 'sn-0042',
      units: packed,
      settings: noDuplicates,
      excludeUnitId: 'u1',
    });

    expect(result.ok).toBe(true);
  });
});

const shipped: ShippedSerial[] = [
  { serial: 'SN-9', sku: 'WIDGET-01', orderNumber: 'ORD-0900', shippedAt: '2026-11-02' },
  { serial: 'SN-10', sku: 'GADGET-02', orderNumber: 'ORD-0901' },
  { serial: 'SN-11', sku: 'WIDGET-01', orderNumber: 'ORD-1003' },
];

describe('findPreviouslyShipped', () => {
  it('finds the same serial of the same SKU case-insensitively', () => {
    const match = findPreviouslyShipped({
      serial: 'sn-9',
      sku: 'WIDGET-01',
      orderNumber: 'ORD-1003',
      shipped,
    });

    expect(match?.orderNumber).toBe('ORD-0900');
  });

  it('ignores another SKU', () => {
    const match = findPreviouslyShipped({
      serial: 'SN-10',
      sku: 'WIDGET-01',
      orderNumber: 'ORD-1003',
      shipped,
    });

    expect(match).toBeNull();
  });

  it('ignores the order being packed', () => {
    const match = findPreviouslyShipped({
      serial: 'SN-11',
      sku: 'WIDGET-01',
      orderNumber: 'ORD-1003',
      shipped,
    });

    expect(match).toBeNull();
  });
});

describe('checkPreviouslyShipped', () => {
  const input = { serial: 'SN-9', sku: 'WIDGET-01', orderNumber: 'ORD-1003', shipped };

  it('warns naming the other order', () => {
    const result = checkPreviouslyShipped({ ...input, policy: 'warn' });

    expect(result.decision).toBe('warn');
    if (result.decision !== 'allow') {
      expect(result.error.code).toBe('serial_previously_shipped');
      expect(result.error.message).toContain('ORD-0900');
      expect(result.error.message).toContain('2026-11-02');
    }
  });

  it('blocks under the block policy', () => {
    const result = checkPreviouslyShipped({ ...input, policy: 'block' });

    expect(result.decision).toBe('block');
  });

  it('allows everything when off', () => {
    expect(checkPreviouslyShipped({ ...input, policy: 'off' })).toEqual({ decision: 'allow' });
  });

  it('allows a new serial', () => {
    const result = checkPreviouslyShipped({ ...input, serial: 'SN-77', policy: 'block' });

    expect(result).toEqual({ decision: 'allow' });
  });
});
