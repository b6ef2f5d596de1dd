import { sql } from 'drizzle-orm';

import type { Product } from '../../shared/domain';
import type { Executor } from '../db/database';
import { nextVersion, queryRows } from '../db/database';
import { serverError } from '../errors';
import { planProductChange, toProduct } from './products';
import type { ProductChange, ProductField } from './products';

/** One row of a bulk edit: which product, what to change, and where it came from. */
export interface BulkEditRow {
  /** Row number in the source: the CSV line's record number (header is row 1) or list index + 1. */
  row: number;
  sku: string;
  change: ProductChange;
  /** A problem found while reading the row; the row is rejected without looking it up. */
  rejection?: RowRejection;
}

export interface RowRejection {
  column: string | null;
  code: string;
  message: string;
}

export interface BulkEditRowResult {
  row: number;
  sku: string;
  outcome: 'changed' | 'unchanged' | 'rejected';
  column?: string | null;
  code?: string;
  message?: string;
}

export interface BulkEditResult {
  /** True when the changes were written. */
  applied: boolean;
  dryRun: boolean;
  counts: { changed: number; unchanged: number; rejected: number };
  changed: BulkEditRowResult[];
  unchanged: BulkEditRowResult[];
  rejected: BulkEditRowResult[];
  /** Columns of a CSV file that match no product field; their values were not used. */
  ignoredColumns: string[];
}

export interface BulkEditOptions {
  dryRun: boolean;
  /** When true (the default) one rejected row means nothing is written. */
  atomic: boolean;
  /** The source's name for a field, used in rejections (a CSV header, or the field name). */
  columnFor: (field: ProductField | 'sku') => string;
  ignoredColumns?: string[];
  editKind: 'bulk_edit' | 'csv_import';
}

const lookupChunk = 20_000;
const writeChunk = 10_000;

/**
 * Plans every row against the current products and writes the changed ones in one
 * transaction under a single new version. Atomic by default: a rejected row throws
 * `bulk_edit_rejected` with the whole result in its details and nothing is written.
 */
export async function applyBulkEdit(
  db: Executor,
  rows: BulkEditRow[],
  options: BulkEditOptions,
): Promise<BulkEditResult> {
  const result = await db.transaction(async (tx) => {
    const readable = rows.filter((row) => row.rejection === undefined);
    const current = await lockProducts(tx, [...new Set(readable.map((row) => row.sku))]);
    const { outcome, nextProducts } = planRows(rows, current, options);

    const blocked = options.atomic && outcome.rejected.length > 0;
    const applied = !options.dryRun && !blocked && nextProducts.length > 0;
    if (applied) await writeProducts(tx, nextProducts, await nextVersion(tx));

    return { ...outcome, applied, dryRun: options.dryRun };
  });

  if (options.atomic && !options.dryRun && result.rejected.length > 0) {
    throw serverError(
      'bulk_edit_rejected',
      `${result.rejected.length} of ${rows.length} rows were rejected, so no product was changed. Fix the rows listed in details and send the edit again.`,
      { ...result },
    );
  }
  return result;
}

function planRows(
  rows: BulkEditRow[],
  current: Map<string, Product>,
  options: BulkEditOptions,
): { outcome: Omit<BulkEditResult, 'applied' | 'dryRun'>; nextProducts: Product[] } {
  const changed: BulkEditRowResult[] = [];
  const unchanged: BulkEditRowResult[] = [];
  const rejected: BulkEditRowResult[] = [];
  const nextProducts: Product[] = [];
  const seen = new Map<string, number>();

  for (const row of rows) {
    const base = { row: row.row, sku: row.sku };
    if (row.rejection !== undefined) {
      rejected.push({ ...base, outcome: 'rejected', ...row.rejection });
      continue;
    }

    const earlierRow = seen.get(row.sku);
    if (earlierRow !== undefined) {
      rejected.push({
        ...base,
        outcome: 'rejected',
        column: options.columnFor('sku'),
        code: 'duplicate_sku_row',
        message: `SKU ${row.sku} appears again; it was already edited in row ${earlierRow}. Keep one row per SKU.`,
      });
      continue;
    }
    seen.set(row.sku, row.row);

    const product = current.get(row.sku);
    if (product === undefined) {
      rejected.push({
        ...base,
        outcome: 'rejected',
        column: options.columnFor('sku'),
        code: 'product_not_found',
        message: `SKU ${row.sku} not found. Bulk edit changes existing products only; create it first.`,
      });
      continue;
    }

    const planned = planProductChange(product, row.change, options.editKind);
    if (planned.outcome === 'rejected') {
      rejected.push({
        ...base,
        outcome: 'rejected',
        column: options.columnFor(planned.field),
        code: planned.error.code,
        message: planned.error.message,
      });
    } else if (planned.outcome === 'unchanged') {
      unchanged.push({ ...base, outcome: 'unchanged' });
    } else {
      changed.push({ ...base, outcome: 'changed' });
      nextProducts.push(planned.next);
    }
  }

  const counts = {
    changed: changed.length,
    unchanged: unchanged.length,
    rejected: rejected.length,
  };
  const ignoredColumns = options.ignoredColumns ?? [];
  return { outcome: { counts, changed, unchanged, rejected, ignoredColumns }, nextProducts };
}

async function lockProducts(tx: Executor, skus: string[]): Promise<Map<string, Product>> {
  const found = new Map<string, Product>();
  for (let start = 0; start < skus.length; start += lookupChunk) {
    const chunk = JSON.stringify(skus.slice(start, start + lookupChunk));
    const rows = await queryRows<RawProductRow>(
      tx,
      sql`select sku, name, kind, needs_serial_number, barcodes, serial_format, version::text as version
          from products
          where sku in (select jsonb_array_elements_text(${chunk}::jsonb))
          order by sku
          for update`,
    );
    for (const row of rows) found.set(row.sku, fromRawRow(row));
  }
  return found;
}

async function writeProducts(tx: Executor, next: Product[], version: number): Promise<void> {
  for (let start = 0; start < next.length; start += writeChunk) {
    const chunk = next.slice(start, start + writeChunk).map((product) => ({
      sku: product.sku,
      name: product.name,
      kind: product.kind,
      needs_serial_number: product.needsSerialNumber,
      barcodes: product.barcodes,
      serial_format: product.serialFormat,
    }));
    await tx.execute(sql`
      update products as p
      set name = u.name,
          kind = u.kind,
          needs_serial_number = u.needs_serial_number,
          barcodes = u.barcodes,
          serial_format = u.serial_format,
          version = ${version},
          updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
        as u(sku text, name text, kind text, needs_serial_number boolean, barcodes jsonb, serial_format jsonb)
      where p.sku = u.sku`);
  }
}

interface RawProductRow {
  sku: string;
  name: string;
  kind: Product['kind'];
  needs_serial_number: boolean;
  barcodes: string[];
  serial_format: Product['serialFormat'];
  version: string;
}

function fromRawRow(row: RawProductRow): Product {
  return toProduct({
    sku: row.sku,
    name: row.name,
    kind: row.kind,
    needsSerialNumber: row.needs_serial_number,
    barcodes: row.barcodes,
    serialFormat: row.serial_format,
    version: Number(row.version),
    updatedAt: new Date(0),
  });
}
