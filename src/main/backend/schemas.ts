import { z } from 'zod';

import {
  accountSettingsSchema,
  orderSchema,
  packedUnitSchema,
  productSchema,
} from '../../shared/domain';

/** Schemas of the server's responses that the sync protocol does not already define. */

const isoTime = z.string().datetime({ offset: true });

/** `GET /v1/orders/:orderNumber`: the order with its packed units and its shipment. */
export const orderDetailSchema = orderSchema.extend({
  units: z.array(packedUnitSchema),
  shipment: z.object({ trackingNumber: z.string(), shippedAt: isoTime }).nullable(),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

export const openOrdersPageSchema = z.object({
  orders: z.array(orderSchema),
  next: z.string().nullable(),
});

/** `POST /v1/orders/:orderNumber/shipment`: 201 when created, 200 when it existed already. */
export const shipmentSchema = z.object({
  trackingNumber: z.string().min(1).max(64),
  orderNumber: z.string(),
  shippedAt: isoTime,
  labels: z.object({ pdf: z.string(), zpl: z.string() }),
});
export type ShipmentAnswer = z.infer<typeof shipmentSchema>;

export const shipmentDetailSchema = z.object({
  trackingNumber: z.string(),
  orderNumber: z.string(),
  shippedAt: isoTime,
  items: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      serials: z.array(z.string()),
    }),
  ),
});
export type ShipmentDetail = z.infer<typeof shipmentDetailSchema>;

export const serialReportRowSchema = z.object({
  serial: z.string(),
  sku: z.string(),
  productName: z.string(),
  orderNumber: z.string(),
  trackingNumber: z.string(),
  shippedAt: isoTime,
  packer: z.string(),
  stationId: z.string(),
});
export type SerialReportRow = z.infer<typeof serialReportRowSchema>;

export const serialReportPageSchema = z.object({
  rows: z.array(serialReportRowSchema),
  nextCursor: z.string().nullable(),
});
export type SerialReportPage = z.infer<typeof serialReportPageSchema>;

export const productsPageSchema = z.object({
  products: z.array(productSchema),
  next: z.string().nullable(),
});
export type ProductsPage = z.infer<typeof productsPageSchema>;

const bulkEditRowSchema = z.object({
  row: z.number().int(),
  sku: z.string(),
  outcome: z.enum(['changed', 'unchanged', 'rejected']),
  column: z.string().nullable().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type BulkEditRowResult = z.infer<typeof bulkEditRowSchema>;

/** Result of a bulk edit by SKU list or by Bulk Edit CSV. */
export const bulkEditResultSchema = z.object({
  applied: z.boolean(),
  dryRun: z.boolean(),
  counts: z.object({
    changed: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
  }),
  changed: z.array(bulkEditRowSchema),
  unchanged: z.array(bulkEditRowSchema),
  rejected: z.array(bulkEditRowSchema),
  ignoredColumns: z.array(z.string()),
});
export type BulkEditResult = z.infer<typeof bulkEditResultSchema>;

export const accountSettingsAnswerSchema = accountSettingsSchema.extend({
  version: z.number().int().nonnegative(),
});
export type AccountSettingsAnswer = z.infer<typeof accountSettingsAnswerSchema>;
