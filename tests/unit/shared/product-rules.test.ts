import { describe, expect, it } from 'vitest';

import type { Order, Product } from '../../../src/shared/domain';
import {
  checkBulkShipOrder,
  checkNeedsSerialChange,
  type ProductEditKind,
} from '../../../src/shared/products';

const tracked = { sku: 'WIDGET-01', kind: 'standard', needsSerialNumber: true } as const;
const untracked = { sku: 'WIDGET-01', kind: 'standard', needsSerialNumber: false } as const;
const standardEdits: ProductEditKind[] = ['single_edit', 'bulk_edit', 'csv_import'];

describe('checkNeedsSerialChange', () => {
  it('lets every edit switch the flag on', () => {
    for (const kind of standardEdits) {
      expect(checkNeedsSerialChange(untracked, tracked, kind).ok, kind).toBe(true);
    }
  });

  it('locks the flag on for standard edits', () => {
    for (const kind of standardEdits) {
      const result = checkNeedsSerialChange(tracked, untracked, kind);

      expect(result.ok, kind).toBe(false);
      if (!result.ok) {
        expect(result.error.code, kind).toBe('serial_tracking_locked');
        expect(result.error.message, kind).toContain('WIDGET-01');
      }
    }
  });

  it('names the CSV import in its message', () => {
    const result = checkNeedsSerialChange(tracked, untracked, 'csv_import');

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('Bulk Edit CSV import');
    }
  });

  it('lets the privileged operation switch it off', () => {
    expect(checkNeedsSerialChange(tracked, untracked, 'privileged_disable').ok).toBe(true);
  });

  it('allows unrelated edits of a tracked product', () => {
    expect(checkNeedsSerialChange(tracked, tracked, 'single_edit').ok).toBe(true);
  });

  it('rejects the flag on kits and built kits', () => {
    for (const kind of ['kit', 'built_kit'] as const) {
      const after = { sku: 'BUNDLE-1', kind, needsSerialNumber: true };

      const result = checkNeedsSerialChange(null, after, 'bulk_edit');

      expect(result.ok, kind).toBe(false);
      if (!result.ok) {
        expect(result.error.code, kind).toBe('serial_tracking_not_supported_for_kits');
        expect(result.error.message, kind).toContain('BUNDLE-1');
      }
    }
  });

  it('accepts a kit without the flag', () => {
    const kit = { sku: 'BUNDLE-1', kind: 'kit', needsSerialNumber: false } as const;

    expect(checkNeedsSerialChange(null, kit, 'csv_import').ok).toBe(true);
  });
});

function product(sku: string, overrides: Partial<Product>): Product {
  return {
    sku,
    name: sku,
    kind: 'standard',
    needsSerialNumber: false,
    barcodes: [],
    serialFormat: null,
    version: 1,
    ...overrides,
  };
}

const catalog = new Map<string, Product>([
  ['MUG', product('MUG', {})],
  ['WIDGET-01', product('WIDGET-01', { needsSerialNumber: true })],
  ['BUNDLE-1', product('BUNDLE-1', { kind: 'kit' })],
]);
const find = (sku: string) => catalog.get(sku);

function order(lines: Order['lines']): Pick<Order, 'orderNumber' | 'lines'> {
  return { orderNumber: 'ORD-2001', lines };
}

describe('checkBulkShipOrder', () => {
  it('accepts an order without serial-tracked lines', () => {
    const input = order([
      { lineId: 'L1', sku: 'MUG', quantity: 3 },
      { lineId: 'L2', sku: 'BUNDLE-1', quantity: 1 },
    ]);

    expect(checkBulkShipOrder(input, find).ok).toBe(true);
  });

  it('rejects a serial-tracked line naming it', () => {
    const input = order([
      { lineId: 'L1', sku: 'MUG', quantity: 3 },
      { lineId: 'L2', sku: 'WIDGET-01', quantity: 2 },
    ]);

    const result = checkBulkShipOrder(input, find);

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('serial_tracked_in_bulk_ship');
      expect(result.error.message).toContain('line L2');
      expect(result.error.message).toContain('ORD-2001');
      expect(result.error.details).toMatchObject({ lineId: 'L2', sku: 'WIDGET-01' });
    }
  });

  it('rejects an unknown SKU', () => {
    const result = checkBulkShipOrder(order([{ lineId: 'L1', sku: 'GONE', quantity: 1 }]), find);

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('product_not_found');
    }
  });
});
