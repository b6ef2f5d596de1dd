import { z } from 'zod';

import {
  accountSettingsSchema,
  productKindSchema,
  productSchema,
  serialFormatSchema,
} from '../../domain';
import { channel } from '../define';

/** Products and account settings, changed on the server through the station. */

export const productChangesSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    kind: productKindSchema.optional(),
    needsSerialNumber: z.boolean().optional(),
    barcodes: z.array(z.string().min(1).max(64)).max(20).optional(),
    serialFormat: serialFormatSchema.nullable().optional(),
  })
  .strict();

export const bulkEditResultSchema = z.object({
  sku: z.string(),
  status: z.enum(['changed', 'unchanged', 'rejected']),
  code: z.string().nullable(),
  message: z.string().nullable(),
});

export const csvImportResultSchema = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  changed: z.array(z.object({ row: z.number().int(), sku: z.string() })),
  unchanged: z.array(z.object({ row: z.number().int(), sku: z.string() })),
  rejected: z.array(
    z.object({
      row: z.number().int(),
      sku: z.string().nullable(),
      column: z.string().nullable(),
      code: z.string(),
      message: z.string(),
    }),
  ),
  unknownColumns: z.array(z.string()),
});
export type CsvImportResult = z.infer<typeof csvImportResultSchema>;

/** Largest Bulk Edit CSV the station sends in one request (about 100,000 rows). */
export const maxCsvImportBytes = 32 * 1024 * 1024;

export const adminChannels = {
  /** Whether this station may use the admin screens (admin token or standalone mode). */
  'admin.access': channel({
    request: z.object({}).strict(),
    response: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
  }),
  'admin.products.search': channel({
    request: z
      .object({
        query: z.string().max(100).optional(),
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    response: z.object({ products: z.array(productSchema), nextCursor: z.string().nullable() }),
  }),
  'admin.products.update': channel({
    request: z.object({ sku: z.string().min(1).max(64), changes: productChangesSchema }).strict(),
    response: productSchema,
  }),
  'admin.products.bulkEdit': channel({
    request: z
      .object({
        skus: z.array(z.string().min(1).max(64)).min(1).max(10_000),
        changes: productChangesSchema,
      })
      .strict(),
    response: z.object({ results: z.array(bulkEditResultSchema) }),
  }),
  'admin.products.importCsv': channel({
    request: z
      .object({ csv: z.string().min(1).max(maxCsvImportBytes), dryRun: z.boolean() })
      .strict(),
    response: csvImportResultSchema,
  }),
  'admin.settings.get': channel({
    request: z.object({}).strict(),
    response: accountSettingsSchema,
  }),
  'admin.settings.update': channel({
    request: accountSettingsSchema.partial().strict(),
    response: accountSettingsSchema,
  }),
};

export const adminEvents = {
  /** Upload progress of a Bulk Edit CSV import, in bytes sent. */
  'admin.importProgress': z.object({ sentBytes: z.number().int(), totalBytes: z.number().int() }),
};
