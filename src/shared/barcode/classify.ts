import type { ErrorBody } from '../errors';
import type { Product } from '../domain';
import { isGs1Aim, splitAimPrefix } from '../gs1/aim';
import { GS, GS_SYMBOL } from '../gs1/codes';
import { parseGs1 } from '../gs1/parse';
import type { Gs1Message, Gs1ParseOptions } from '../gs1/types';
import { toGtin14 } from './gtin';

/** The kind of a scan, given the catalog and the orders cached on the station. */
export type ScanClassification =
  | { kind: 'order'; orderNumber: string }
  | { kind: 'product'; product: Product; matchedBy: 'gtin' | 'barcode' | 'sku' }
  /** A GS1 element string; `product` is the catalog product whose GTIN matches AI (01). */
  | { kind: 'gs1'; gs1: Gs1Message; product: Product | null }
  /** A scan that claims to be GS1 (GS1 AIM identifier, leading FNC1) but does not parse. */
  | { kind: 'invalid_gs1'; error: ErrorBody }
  | { kind: 'unknown'; text: string };

export interface ScanCatalog {
  products: readonly Product[];
  /** True for an order number the station can open. */
  isOrderNumber: (text: string) => boolean;
}

/**
 * Products indexed by every way a scan can name them: GTIN-14, other barcode text and SKU.
 * Build it once per catalog version; classifying a scan is then a few map lookups.
 */
export interface ProductIndex {
  byGtin14: ReadonlyMap<string, Product>;
  byBarcode: ReadonlyMap<string, Product>;
  bySku: ReadonlyMap<string, Product>;
}

export function indexProducts(products: readonly Product[]): ProductIndex {
  const byGtin14 = new Map<string, Product>();
  const byBarcode = new Map<string, Product>();
  const bySku = new Map<string, Product>();

  for (const product of products) {
    bySku.set(product.sku, product);
    for (const barcode of product.barcodes) {
      const gtin14 = toGtin14(barcode);
      if (gtin14 !== null) {
        byGtin14.set(gtin14, product);
      } else {
        byBarcode.set(barcode, product);
      }
    }
  }
  return { byGtin14, byBarcode, bySku };
}

/**
 * Decides what a scan is, in this order:
 *
 * 1. a scan with a GS1 AIM identifier, a leading FNC1, a GS or the bracketed `(01)` form is
 *    a GS1 element string (or `invalid_gs1` when it does not parse);
 * 2. an order number;
 * 3. a product by GTIN (compared as GTIN-14, so a UPC-A matches a catalog GTIN-14), by
 *    another barcode text, or by SKU;
 * 4. otherwise, data that parses as GS1 with a GTIN is a GS1 scan from a scanner that does
 *    not send AIM identifiers;
 * 5. anything else is unknown.
 *
 * A non-GS1 AIM identifier (`]C0`, `]d1`, …) is removed and the rest is never split into AIs.
 */
export function classifyScan(
  text: string,
  catalog: ScanCatalog | (Omit<ScanCatalog, 'products'> & { index: ProductIndex }),
  options: Gs1ParseOptions = {},
): ScanClassification {
  const index = 'index' in catalog ? catalog.index : indexProducts(catalog.products);
  const { aim, data } = splitAimPrefix(text);

  if (looksLikeGs1(aim, data)) {
    const gs1 = parseGs1(text, options);
    if (!gs1.ok) {
      return { kind: 'invalid_gs1', error: gs1.error };
    }
    return { kind: 'gs1', gs1: gs1.value, product: productForGs1(gs1.value, index) };
  }

  if (catalog.isOrderNumber(data)) {
    return { kind: 'order', orderNumber: data };
  }

  const product = findProduct(data, index);
  if (product !== null) {
    return { kind: 'product', ...product };
  }

  if (aim === null) {
    const gs1 = parseGs1(data, options);
    if (gs1.ok && gs1.value.gtin !== undefined) {
      return { kind: 'gs1', gs1: gs1.value, product: productForGs1(gs1.value, index) };
    }
  }

  return { kind: 'unknown', text: data };
}

/** Finds the product a plain (non-GS1) scan names. */
export function findProduct(
  text: string,
  index: ProductIndex,
): { product: Product; matchedBy: 'gtin' | 'barcode' | 'sku' } | null {
  const gtin14 = toGtin14(text);
  const byGtin = gtin14 === null ? undefined : index.byGtin14.get(gtin14);
  if (byGtin !== undefined) {
    return { product: byGtin, matchedBy: 'gtin' };
  }

  const byBarcode = index.byBarcode.get(text);
  if (byBarcode !== undefined) {
    return { product: byBarcode, matchedBy: 'barcode' };
  }

  const bySku = index.bySku.get(text);
  if (bySku !== undefined) {
    return { product: bySku, matchedBy: 'sku' };
  }
  return null;
}

function looksLikeGs1(aim: string | null, data: string): boolean {
  if (aim !== null) {
    return isGs1Aim(aim);
  }
  return (
    data.startsWith(GS) ||
    /^\(\d{2,4}\)/.test(data) ||
    data.includes(GS) ||
    data.includes(GS_SYMBOL)
  );
}

function productForGs1(message: Gs1Message, index: ProductIndex): Product | null {
  return message.gtin === undefined ? null : (index.byGtin14.get(message.gtin) ?? null);
}
