import { z } from 'zod';

import { productKindSchema } from '../../domain';
import { scanSchema } from '../../scanner/scan';
import { channel } from '../define';

/**
 * The pack screen. The packing service in main owns the session; the renderer only sends
 * scans and intents and renders the view main returns and pushes.
 */

const text = (max: number) => z.string().min(1).max(max);

export const packStateSchema = z.enum([
  'idle',
  'order_open',
  'awaiting_serial',
  'ready_to_ship',
  'label_pending',
  'shipped',
]);
export type PackState = z.infer<typeof packStateSchema>;

export const packLineViewSchema = z.object({
  lineId: z.string(),
  sku: z.string(),
  name: z.string(),
  kind: productKindSchema,
  needsSerialNumber: z.boolean(),
  quantity: z.number().int(),
  packed: z.number().int(),
});
export type PackLineView = z.infer<typeof packLineViewSchema>;

export const packedUnitViewSchema = z.object({
  unitId: z.string(),
  lineId: z.string(),
  sku: z.string(),
  serial: z.string().nullable(),
  packer: z.string(),
  packedAt: z.string(),
});
export type PackedUnitView = z.infer<typeof packedUnitViewSchema>;

/** A message shown large on the pack screen, with the sound to play. */
export const feedbackSchema = z.object({
  kind: z.enum(['success', 'warning', 'error', 'info']),
  /** Error or warning code the UI can act on; null for plain success. */
  code: z.string().nullable(),
  message: z.string(),
  sound: z.enum(['success', 'error', 'warning', 'none']),
  /** Increases on every new feedback so the UI replays the sound for a repeated message. */
  sequence: z.number().int(),
});
export type Feedback = z.infer<typeof feedbackSchema>;

export const serialPromptSchema = z.object({
  lineId: z.string(),
  sku: z.string(),
  name: z.string(),
  /** 1-based number of the unit being packed on this line, e.g. 2 in "unit 2 of 3". */
  unitNumber: z.number().int().min(1),
  unitCount: z.number().int().min(1),
  /** A problem with the last entered serial, shown inline under the input. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** A warning the packer may override by saving the same serial again. */
  warning: z.object({ code: z.string(), message: z.string(), serial: z.string() }).nullable(),
});
export type SerialPrompt = z.infer<typeof serialPromptSchema>;

export const shipmentViewSchema = z.object({
  trackingNumber: z.string(),
  shippedAt: z.string(),
  hasLabel: z.boolean(),
});

export const packViewSchema = z.object({
  state: packStateSchema,
  stationName: z.string(),
  packer: z.string(),
  order: z
    .object({
      orderNumber: z.string(),
      lines: z.array(packLineViewSchema),
    })
    .nullable(),
  units: z.array(packedUnitViewSchema),
  prompt: serialPromptSchema.nullable(),
  shipment: shipmentViewSchema.nullable(),
  feedback: feedbackSchema.nullable(),
});
export type PackView = z.infer<typeof packViewSchema>;

const empty = z.object({}).strict();

export const packChannels = {
  'pack.view': channel({ request: empty, response: packViewSchema }),
  /** A scan from the wedge in the page, or an order number or barcode typed by hand. */
  'pack.scan': channel({
    request: z.object({ scan: scanSchema }).strict(),
    response: packViewSchema,
  }),
  'pack.submitSerial': channel({
    request: z.object({ serial: z.string().max(512) }).strict(),
    response: packViewSchema,
  }),
  'pack.cancelPrompt': channel({ request: empty, response: packViewSchema }),
  'pack.removeUnit': channel({
    request: z.object({ unitId: z.string().uuid(), reason: text(500) }).strict(),
    response: packViewSchema,
  }),
  'pack.replaceSerial': channel({
    request: z
      .object({ unitId: z.string().uuid(), serial: z.string().max(512), reason: text(500) })
      .strict(),
    response: packViewSchema,
  }),
  'pack.ship': channel({ request: empty, response: packViewSchema }),
  /** Leaves a shipped (or not yet started) order and returns to the idle screen. */
  'pack.closeOrder': channel({ request: empty, response: packViewSchema }),
  'pack.label': channel({
    request: z.object({ orderNumber: text(64) }).strict(),
    response: z.object({
      trackingNumber: z.string(),
      /** The 4×6 label as a PDF, base64-encoded. */
      pdfBase64: z.string(),
      zpl: z.string(),
    }),
  }),
};

export const packEvents = {
  'pack.changed': packViewSchema,
};
