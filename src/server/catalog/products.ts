import { and, asc, eq, gt, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';

import { productKindSchema, productSchema, serialFormatSchema } from '../../shared/domain';
import type { Product } from '../../shared/domain';
import type { AppError } from '../../shared/errors';
import type { Executor } from '../db/database';
import { nextVersion } from '../db/database';
import { products } from '../db/schema';
import { serverError } from '../errors';
import type { ProductEditKind } from '../../shared/products';
import { barcodeError, needsSerialChangeError, serialFormatError, skuError } from '../rules';

export const newProductSchema = productSchema.omit({ version: true }).extend({
  barcodes: productSchema.shape.barcodes.default([]),
  serialFormat: serialFormatSchema.nullable().default(null),
});
export type NewProduct = z.infer<typeof newProductSchema>;

/** Fields an edit may change; absent fields stay as they are. */
export const productChangeSchema = z
  .object({
    name: productSchema.shape.name.optional(),
    kind: productKindSchema.optional(),
    needsSerialNumber: z.boolean().optional(),
    barcodes: productSchema.shape.barcodes.optional(),
    serialFormat: serialFormatSchema.nullable().optional(),
  })
  .strict();
export type ProductChange = z.infer<typeof productChangeSchema>;

export type ProductField = keyof ProductChange;

/** The outcome of one edit, before anything is written. */
export type PlannedChange =
  | { outcome: 'changed'; next: Product }
  | { outcome: 'unchanged' }
  | { outcome: 'rejected'; field: ProductField; error: AppError };

/**
 * Creates a product. The SKU must pass the shared SKU rule and differ from every existing
 * SKU ignoring case (`sku_conflict`), because search and people treat `demo-cable` and
 * `DEMO-CABLE` as the same item. A transaction-scoped advisory lock on the lower-cased
 * SKU keeps two requests that differ only in case from both passing the check.
 */
export async function createProduct(db: Executor, input: NewProduct): Promise<Product> {
  const rejection =
    skuError(input.sku) ??
    needsSerialChangeError(null, input, 'single_edit') ??
    serialFormatError(input.serialFormat) ??
    firstBarcodeError(input.barcodes);
  if (rejection !== null) throw rejection;

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(lower(${input.sku})))`);
    const sameIgnoringCase = await tx
      .select({ sku: products.sku })
      .from(products)
      .where(sql`lower(${products.sku}) = lower(${input.sku}) and ${products.sku} <> ${input.sku}`)
      .limit(1);
    const existing = sameIgnoringCase[0];
    if (existing !== undefined) {
      throw serverError(
        'sku_conflict',
        `SKU ${input.sku} differs from the existing SKU ${existing.sku} only in letter case. Use ${existing.sku}, or pick a SKU that differs in more than case.`,
        { sku: input.sku, existingSku: existing.sku },
      );
    }

    const version = await nextVersion(tx);
    const inserted = await tx
      .insert(products)
      .values({ ...input, version })
      .onConflictDoNothing({ target: products.sku })
      .returning();
    const row = inserted[0];
    if (row === undefined) {
      throw serverError(
        'product_exists',
        `A product with SKU ${input.sku} already exists. Edit it instead.`,
        { sku: input.sku },
      );
    }
    return toProduct(row);
  });
}

export async function getProduct(db: Executor, sku: string): Promise<Product | null> {
  const rows = await db.select().from(products).where(eq(products.sku, sku)).limit(1);
  const row = rows[0];
  return row === undefined ? null : toProduct(row);
}

export async function requireProduct(db: Executor, sku: string): Promise<Product> {
  const product = await getProduct(db, sku);
  if (product === null) {
    throw serverError(
      'product_not_found',
      `No product has SKU ${sku}. Check the SKU or create the product first.`,
      { sku },
    );
  }
  return product;
}

/**
 * Finds products whose SKU starts with `query`, whose name contains it (both ignoring
 * case) or that carry it as a barcode, ordered by SKU after `after`.
 */
export async function searchProducts(
  db: Executor,
  options: { query?: string; after?: string; limit: number },
): Promise<Product[]> {
  const conditions = [];
  if (options.query !== undefined && options.query !== '') {
    const escaped = options.query.replace(/[\\%_]/g, (character) => `\\${character}`);
    conditions.push(
      or(
        ilike(products.sku, `${escaped}%`),
        ilike(products.name, `%${escaped}%`),
        sql`${products.barcodes} @> ${JSON.stringify([options.query])}::jsonb`,
      ),
    );
  }
  if (options.after !== undefined) conditions.push(gt(products.sku, options.after));

  const rows = await db
    .select()
    .from(products)
    .where(and(...conditions))
    .orderBy(asc(products.sku))
    .limit(options.limit);
  return rows.map(toProduct);
}

/** Applies the product rules to one edit without writing anything. */
export function planProductChange(
  current: Product,
  change: ProductChange,
  editKind: Exclude<ProductEditKind, 'privileged_disable'>,
): PlannedChange {
  const next: Product = {
    ...current,
    name: change.name ?? current.name,
    kind: change.kind ?? current.kind,
    needsSerialNumber: change.needsSerialNumber ?? current.needsSerialNumber,
    barcodes: change.barcodes ?? current.barcodes,
    serialFormat: change.serialFormat === undefined ? current.serialFormat : change.serialFormat,
  };

  const trackingError = needsSerialChangeError(current, next, editKind);
  if (trackingError !== null) {
    const field = change.needsSerialNumber === undefined ? 'kind' : 'needsSerialNumber';
    return { outcome: 'rejected', field, error: trackingError };
  }

  const formatRejection =
    change.serialFormat === undefined ? null : serialFormatError(change.serialFormat);
  if (formatRejection !== null) {
    return { outcome: 'rejected', field: 'serialFormat', error: formatRejection };
  }

  const barcodeRejection =
    change.barcodes === undefined ? null : firstBarcodeError(change.barcodes);
  if (barcodeRejection !== null) {
    return { outcome: 'rejected', field: 'barcodes', error: barcodeRejection };
  }

  return sameProduct(current, next) ? { outcome: 'unchanged' } : { outcome: 'changed', next };
}

/** Edits one product; throws the rule's error when the edit is rejected. */
export async function updateProduct(
  db: Executor,
  sku: string,
  change: ProductChange,
): Promise<Product> {
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(products).where(eq(products.sku, sku)).for('update');
    const row = rows[0];
    if (row === undefined) {
      throw serverError(
        'product_not_found',
        `No product has SKU ${sku}. Check the SKU or create the product first.`,
        { sku },
      );
    }

    const current = toProduct(row);
    const planned = planProductChange(current, change, 'single_edit');
    if (planned.outcome === 'rejected') throw planned.error;
    if (planned.outcome === 'unchanged') return current;

    return writeProduct(tx, planned.next, await nextVersion(tx));
  });
}

export async function writeProduct(db: Executor, next: Product, version: number): Promise<Product> {
  const updated = await db
    .update(products)
    .set({
      name: next.name,
      kind: next.kind,
      needsSerialNumber: next.needsSerialNumber,
      barcodes: next.barcodes,
      serialFormat: next.serialFormat,
      version,
      updatedAt: new Date(),
    })
    .where(eq(products.sku, next.sku))
    .returning();
  return toProduct(updated[0]!);
}

export function toProduct(row: typeof products.$inferSelect): Product {
  return {
    sku: row.sku,
    name: row.name,
    kind: row.kind,
    needsSerialNumber: row.needsSerialNumber,
    barcodes: row.barcodes,
    serialFormat: row.serialFormat ?? null,
    version: row.version,
  };
}

function firstBarcodeError(barcodes: string[]): AppError | null {
  for (const barcode of barcodes) {
    const error = barcodeError(barcode);
    if (error !== null) return error;
  }
  return null;
}

function sameProduct(a: Product, b: Product): boolean {
  return (
    a.name === b.name &&
    a.kind === b.kind &&
    a.needsSerialNumber === b.needsSerialNumber &&
    JSON.stringify(a.barcodes) === JSON.stringify(b.barcodes) &&
    JSON.stringify(a.serialFormat) === JSON.stringify(b.serialFormat)
  );
}
