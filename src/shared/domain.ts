import { z } from 'zod';

/**
 * The catalog, order and settings records that the station, the server and the renderer
 * share. Schemas validate data crossing a process or network boundary; the inferred types
 * are used everywhere else.
 */

/** Standard items can be serial-tracked; kits and built kits never can. */
export const productKindSchema = z.enum(['standard', 'kit', 'built_kit']);
export type ProductKind = z.infer<typeof productKindSchema>;

/** Optional per-product rule checked at the serial prompt. All parts are optional. */
export const serialFormatSchema = z
  .object({
    minLength: z.number().int().min(1).max(64).optional(),
    maxLength: z.number().int().min(1).max(64).optional(),
    prefix: z.string().min(1).max(32).optional(),
    /** A regular expression source, matched against the whole normalised serial. */
    pattern: z.string().min(1).max(200).optional(),
  })
  .strict();
export type SerialFormat = z.infer<typeof serialFormatSchema>;

export const productSchema = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  kind: productKindSchema,
  needsSerialNumber: z.boolean(),
  /** GTIN-8/12/13/14 or other barcodes printed on the item, as scanned. */
  barcodes: z.array(z.string().min(1).max(64)).max(20),
  serialFormat: serialFormatSchema.nullable(),
  /** Server-side change counter; increases on every change, used as a pull cursor. */
  version: z.number().int().nonnegative(),
});
export type Product = z.infer<typeof productSchema>;

export const orderLineSchema = z.object({
  lineId: z.string().min(1).max(64),
  sku: z.string().min(1).max(64),
  quantity: z.number().int().min(1).max(10_000),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const orderStatusSchema = z.enum(['open', 'claimed', 'packed', 'shipped', 'cancelled']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const orderSchema = z.object({
  orderNumber: z.string().min(1).max(64),
  status: orderStatusSchema,
  /** Station that claimed the order for packing, or null while nobody has. */
  claimedBy: z.string().max(128).nullable(),
  lines: z.array(orderLineSchema).min(1).max(1_000),
  version: z.number().int().nonnegative(),
});
export type Order = z.infer<typeof orderSchema>;

/** What to do when a serial was already shipped in another order for the same SKU. */
export const crossOrderSerialPolicySchema = z.enum(['off', 'warn', 'block']);
export type CrossOrderSerialPolicy = z.infer<typeof crossOrderSerialPolicySchema>;

export const accountSettingsSchema = z.object({
  allowDuplicateSerialsInOrder: z.boolean(),
  crossOrderSerialPolicy: crossOrderSerialPolicySchema,
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;

export const defaultAccountSettings: AccountSettings = {
  allowDuplicateSerialsInOrder: false,
  crossOrderSerialPolicy: 'warn',
};

/** One unit put in the box at a station. `serial` is the normalised value or null. */
export const packedUnitSchema = z.object({
  unitId: z.string().uuid(),
  orderNumber: z.string().min(1).max(64),
  lineId: z.string().min(1).max(64),
  sku: z.string().min(1).max(64),
  serial: z.string().min(1).max(64).nullable(),
  packer: z.string().min(1).max(128),
  stationId: z.string().min(1).max(128),
  /** ISO 8601 time on the station's clock when the unit was packed. */
  packedAt: z.string().datetime({ offset: true }),
});
export type PackedUnit = z.infer<typeof packedUnitSchema>;
