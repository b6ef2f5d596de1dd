import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  classifyScan,
  fromGtin14,
  indexProducts,
  isValidGtin,
  parseGtin,
  toGtin14,
  type GtinKind,
} from '../../../src/shared/barcode';
import type { Product } from '../../../src/shared/domain';
import { gs1CheckDigit, GS } from '../../../src/shared/gs1';

function product(sku: string, barcodes: string[], overrides: Partial<Product> = {}): Product {
  return {
    sku,
    name: `Product ${sku}`,
    kind: 'standard',
    needsSerialNumber: true,
    barcodes,
    serialFormat: null,
    version: 1,
    ...overrides,
  };
}

const widget = product('WIDGET-01', ['09506000134352']);
const upcItem = product('UPC-ITEM', ['036000291452']);
const labelled = product('LABELLED', ['SHELF-77']);
const catalog = {
  products: [widget, upcItem, labelled],
  isOrderNumber: (text: string) => /^ORD-\d+$/.test(text),
};

describe('parseGtin', () => {
  it('accepts every GTIN length', () => {
    expect(parseGtin('96385074')).toMatchObject({ ok: true, value: { kind: 'GTIN-8' } });
    expect(parseGtin('036000291452')).toMatchObject({ ok: true, value: { kind: 'GTIN-12' } });
    expect(parseGtin('4006381333931')).toMatchObject({ ok: true, value: { kind: 'GTIN-13' } });
    expect(parseGtin('09506000134352')).toMatchObject({ ok: true, value: { kind: 'GTIN-14' } });
  });

  it('rejects a wrong check digit naming the expected one', () => {
    const result = parseGtin('036000291453');

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('gtin_check_digit');
      expect(result.error.message).toContain('expected 2');
    }
  });

  it('rejects other lengths and non-digits', () => {
    for (const text of ['', '1234567', '12345678901', '123456789012345', '0950600013435X']) {
      const result = parseGtin(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) {
        expect(result.error.code, text).toBe('gtin_invalid_format');
      }
    }
  });

  it('pads to 14 digits', () => {
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(toGtin14('not a gtin')).toBeNull();
  });

  it('reports validity', () => {
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('4006381333932')).toBe(false);
  });

  it('round-trips every GTIN form through GTIN-14', () => {
    const lengths: Record<GtinKind, number> = {
      'GTIN-8': 8,
      'GTIN-12': 12,
      'GTIN-13': 13,
      'GTIN-14': 14,
    };
    const digit = fc.constantFrom(...'0123456789');
    const gtin = fc
      .constantFrom(...(Object.keys(lengths) as GtinKind[]))
      .chain((kind) =>
        fc
          .string({ unit: digit, minLength: lengths[kind] - 1, maxLength: lengths[kind] - 1 })
          .map((body) => ({ kind, text: body + String(gs1CheckDigit(body)) })),
      );

    fc.assert(
      fc.property(gtin, ({ kind, text }) => {
        const gtin14 = toGtin14(text);

        expect(gtin14).toHaveLength(14);
        expect(parseGtin(gtin14 ?? '').ok).toBe(true);
        expect(fromGtin14(gtin14 ?? '', kind)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('has no short form for a non-zero indicator', () => {
    expect(fromGtin14('19506000134359', 'GTIN-13')).toBeNull();
  });
});

describe('classifyScan', () => {
  it('finds an order number', () => {
    expect(classifyScan('ORD-1003', catalog)).toEqual({ kind: 'order', orderNumber: 'ORD-1003' });
  });

  it('matches a UPC-A scan to a catalog GTIN-14', () => {
    const withGtin14 = product('CASE', ['00036000291452']);

    const result = classifyScan('036000291452', { ...catalog, products: [withGtin14] });

    expect(result).toMatchObject({ kind: 'product', matchedBy: 'gtin', product: { sku: 'CASE' } });
  });

  it('matches a GTIN-14 scan to a catalog UPC-A', () => {
    const result = classifyScan('00036000291452', catalog);

    expect(result).toMatchObject({ kind: 'product', product: { sku: 'UPC-ITEM' } });
  });

  it('matches other barcode text and SKU', () => {
    expect(classifyScan('SHELF-77', catalog)).toMatchObject({
      kind: 'product',
      matchedBy: 'barcode',
    });
    expect(classifyScan('WIDGET-01', catalog)).toMatchObject({ kind: 'product', matchedBy: 'sku' });
  });

  it('reads a GS1 DataMatrix scan with product and serial', () => {
    const result = classifyScan(`]d20109506000134352${'21SN-1'}`, catalog);

    expect(result.kind).toBe('gs1');
    if (result.kind === 'gs1') {
      expect(result.product?.sku).toBe('WIDGET-01');
      expect(result.gs1.serial).toBe('SN-1');
    }
  });

  it('reads GS1 data without an AIM identifier', () => {
    const result = classifyScan(`0109506000134352${'10B7'}${GS}21SN-1`, catalog);

    expect(result).toMatchObject({ kind: 'gs1', gs1: { serial: 'SN-1' } });
  });

  it('reads GS1 data sent with no separator at all', () => {
    expect(classifyScan('0109506000134352', catalog)).toMatchObject({
      kind: 'gs1',
      product: { sku: 'WIDGET-01' },
    });
  });

  it('reads the bracketed form', () => {
    expect(classifyScan('(01)09506000134352(21)X', catalog)).toMatchObject({ kind: 'gs1' });
  });

  it('never splits a ]C0 symbol into AIs', () => {
    expect(classifyScan(']C00109506000134352', catalog)).toEqual({
      kind: 'unknown',
      text: '0109506000134352',
    });
  });

  it('removes a non-GS1 AIM identifier before matching', () => {
    expect(classifyScan(']E009506000134352', catalog)).toMatchObject({
      kind: 'product',
      product: { sku: 'WIDGET-01' },
    });
  });

  it('reports a GS1-marked scan that does not parse', () => {
    const result = classifyScan(']d20109506000134353', catalog);

    expect(result).toMatchObject({ kind: 'invalid_gs1', error: { code: 'gs1_check_digit' } });
  });

  it('returns unknown for anything else', () => {
    expect(classifyScan('HELLO', catalog)).toEqual({ kind: 'unknown', text: 'HELLO' });
  });

  it('accepts a prebuilt index', () => {
    const index = indexProducts(catalog.products);

    expect(classifyScan('SHELF-77', { index, isOrderNumber: () => false })).toMatchObject({
      kind: 'product',
    });
  });
});
