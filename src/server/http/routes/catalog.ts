import { z } from 'zod';

import { applyBulkEdit } from '../../catalog/bulk-edit';
import { parseBulkEditCsv } from '../../catalog/bulk-edit-csv';
import {
  createProduct,
  newProductSchema,
  productChangeSchema,
  requireProduct,
  searchProducts,
  updateProduct,
} from '../../catalog/products';
import { disableSerialTracking, disableSerialTrackingSchema } from '../../catalog/serial-tracking';
import type { Database } from '../../db/database';
import { route } from '../route';
import { pageLimit, queryFlag } from './query-values';

const skuParams = z.object({ sku: z.string().min(1).max(64) });

const bulkEditBodySchema = z.object({
  skus: z.array(z.string().min(1).max(64)).min(1).max(100_000),
  change: productChangeSchema,
  /** When true (the default) one rejected SKU means no product is changed. */
  atomic: z.boolean().default(true),
  dryRun: z.boolean().default(false),
});

/** Bulk Edit CSV files of 100,000 rows are a few MiB; 64 MiB leaves room for long names. */
const csvBodyLimit = 64 * 1024 * 1024;

export function catalogRoutes({ db }: Database) {
  return [
    route({
      method: 'POST',
      url: '/products',
      summary: 'Create a product',
      role: 'admin',
      body: newProductSchema,
      responses: {
        201: 'The product',
        409: 'product_exists',
        422: 'serial_tracking_not_supported_for_kits or invalid_barcode',
      },
      handler: async ({ body, reply }) => reply.status(201).send(await createProduct(db, body)),
    }),
    route({
      method: 'GET',
      url: '/products',
      summary: 'Search products by SKU prefix, name or barcode',
      role: 'station',
      query: z.object({
        q: z.string().max(200).optional(),
        after: z.string().max(64).optional(),
        limit: pageLimit(500, 50),
      }),
      responses: { 200: '{products, next}: `next` is the `after` value of the next page, or null' },
      handler: async ({ query }) => {
        const products = await searchProducts(db, {
          query: query.q,
          after: query.after,
          limit: query.limit,
        });
        const next = products.length === query.limit ? (products.at(-1)?.sku ?? null) : null;
        return { products, next };
      },
    }),
    route({
      method: 'GET',
      url: '/products/:sku',
      summary: 'Get a product by SKU',
      role: 'station',
      params: skuParams,
      responses: { 200: 'The product', 404: 'product_not_found' },
      handler: async ({ params }) => requireProduct(db, params.sku),
    }),
    route({
      method: 'PATCH',
      url: '/products/:sku',
      summary: 'Edit a product; Needs Serial Number cannot be switched off here',
      role: 'admin',
      params: skuParams,
      body: productChangeSchema,
      responses: {
        200: 'The product',
        404: 'product_not_found',
        409: 'serial_tracking_locked',
        422: 'serial_tracking_not_supported_for_kits or invalid_barcode',
      },
      handler: async ({ params, body }) => updateProduct(db, params.sku, body),
    }),
    route({
      method: 'POST',
      url: '/products/bulk-edit',
      summary: 'Apply one change to many SKUs, with a result per SKU',
      role: 'admin',
      body: bulkEditBodySchema,
      responses: {
        200: 'Result per SKU: changed, unchanged, rejected',
        422: 'bulk_edit_rejected (atomic): details hold the result, nothing changed',
      },
      handler: async ({ body }) =>
        applyBulkEdit(
          db,
          body.skus.map((sku, index) => ({ row: index + 1, sku, change: body.change })),
          {
            atomic: body.atomic,
            dryRun: body.dryRun,
            columnFor: (field) => field,
            editKind: 'bulk_edit',
          },
        ),
    }),
    route({
      method: 'POST',
      url: '/products/bulk-edit.csv',
      summary:
        'Apply a Bulk Edit CSV (text/csv); ?dryRun=1 previews, ?atomic=0 applies the valid rows',
      role: 'admin',
      bodyType: 'text/csv',
      bodyLimit: csvBodyLimit,
      query: z.object({ dryRun: queryFlag, atomic: queryFlag }),
      responses: {
        200: 'Rows changed, unchanged and rejected, with row number, column and message',
        400: 'csv_invalid, csv_missing_column or csv_duplicate_column: the file cannot be used',
        413: 'csv_too_many_rows or payload_too_large',
        422: 'bulk_edit_rejected (atomic): details hold the result, nothing changed',
      },
      handler: async ({ body, query }) => {
        const parsed = parseBulkEditCsv(String(body));
        return applyBulkEdit(db, parsed.rows, {
          atomic: query.atomic ?? true,
          dryRun: query.dryRun ?? false,
          columnFor: parsed.columnFor,
          ignoredColumns: parsed.ignoredColumns,
          editKind: 'csv_import',
        });
      },
    }),
    route({
      method: 'POST',
      url: '/products/:sku/serial-tracking/disable',
      summary: 'Switch Needs Serial Number off (audited); shipped serials stay in the report',
      role: 'admin',
      params: skuParams,
      body: disableSerialTrackingSchema,
      responses: {
        200: 'The product',
        404: 'product_not_found',
        409: 'serial_tracking_not_enabled',
      },
      handler: async ({ params, body, identity, request }) => {
        const product = await disableSerialTracking(db, params.sku, body.reason, identity.name);
        request.log.info({ sku: params.sku, actor: identity.name }, 'serial tracking disabled');
        return product;
      },
    }),
  ];
}
