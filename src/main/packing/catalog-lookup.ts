import { fromGtin14, toGtin14 } from '../../shared/barcode';
import type { GtinKind } from '../../shared/barcode';
import type { Product } from '../../shared/domain';
import { parseGs1 } from '../../shared/gs1';
import type { StationStore } from '../store';

const gtinKinds: GtinKind[] = ['GTIN-14', 'GTIN-13', 'GTIN-12', 'GTIN-8'];

/**
 * The cached catalog products a scan may name, besides the open order's: by GTIN (also
 * the GTIN in AI (01) of a GS1 scan), by other barcode text, or by SKU. The packing rules
 * then say "not in this order" for an item of another order, not "unknown barcode".
 */
export function catalogProductsForScan(store: StationStore, text: string): Product[] {
  const found: Product[] = [];
  const add = (product: Product | null | undefined): void => {
    if (product !== null && product !== undefined) found.push(product);
  };

  const gtin14 = toGtin14(text);
  if (gtin14 !== null) add(findByGtin14(store, gtin14));

  const gs1 = parseGs1(text);
  if (gs1.ok && gs1.value.gtin !== undefined) add(findByGtin14(store, gs1.value.gtin));

  add(store.catalog.findByBarcode(text)[0]);
  add(store.catalog.get(text));
  return found;
}

/** Catalog barcodes are stored as printed, so a GTIN-14 is tried in its shorter forms too. */
function findByGtin14(store: StationStore, gtin14: string): Product | null {
  for (const kind of gtinKinds) {
    const barcode = fromGtin14(gtin14, kind);
    const found = barcode === null ? undefined : store.catalog.findByBarcode(barcode)[0];
    if (found !== undefined) return found;
  }

  return null;
}
