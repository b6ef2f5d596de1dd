import { asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';

import { productSchema, serialFormatSchema } from '../../shared/domain';
import type { Product } from '../../shared/domain';
import { read, writeTransaction } from './context';
import type { StoreContext } from './context';
import { parseRecord } from './records';
import { productBarcodes, products } from './schema';

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;

const barcodesSchema = z.array(z.string());

/** The products cached from the server, read at every scan. */
export function createCatalogRepository(context: StoreContext) {
  const { db } = context;

  return {
    /** Inserts or replaces products and their barcodes in one transaction. */
    upsert(items: readonly Product[]): void {
      const valid = items.map((item) => parseRecord('product', productSchema, item));

      writeTransaction(context, 'catalog.upsert', () => {
        for (const product of valid) {
          const row = {
            ...product,
            barcodes: JSON.stringify(product.barcodes),
            serialFormat:
              product.serialFormat === null ? null : JSON.stringify(product.serialFormat),
          };
          db.insert(products)
            .values(row)
            .onConflictDoUpdate({ target: products.sku, set: row })
            .run();

          db.delete(productBarcodes).where(eq(productBarcodes.sku, product.sku)).run();
          for (const barcode of new Set(product.barcodes)) {
            db.insert(productBarcodes).values({ barcode, sku: product.sku }).run();
          }
        }
      });
    },

    get(sku: string): Product | null {
      return read(context, 'catalog.get', () => {
        const row = db.select().from(products).where(eq(products.sku, sku)).get();
        return row === undefined ? null : productOf(row);
      });
    },

    /** Products carrying `barcode`, usually one; several when the catalog shares a barcode. */
    findByBarcode(barcode: string): Product[] {
      return read(context, 'catalog.findByBarcode', () =>
        db
          .select({ product: products })
          .from(productBarcodes)
          .innerJoin(products, eq(products.sku, productBarcodes.sku))
          .where(eq(productBarcodes.barcode, barcode))
          .orderBy(asc(products.sku))
          .all()
          .map((row) => productOf(row.product)),
      );
    },

    count(): number {
      return read(
        context,
        'catalog.count',
        () => db.select({ total: count() }).from(products).get()?.total ?? 0,
      );
    },
  };
}

function productOf(row: typeof products.$inferSelect): Product {
  return {
    sku: row.sku,
    name: row.name,
    kind: row.kind,
    needsSerialNumber: row.needsSerialNumber,
    barcodes: barcodesSchema.parse(JSON.parse(row.barcodes)),
    serialFormat:
      row.serialFormat === null ? null : serialFormatSchema.parse(JSON.parse(row.serialFormat)),
    version: row.version,
  };
}
