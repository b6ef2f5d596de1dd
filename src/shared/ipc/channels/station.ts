import { z } from 'zod';

import { scanSchema } from '../../scanner/scan';
import { channel } from '../define';

/** Station settings and scanner diagnostics. */

export const stationSettingsSchema = z.object({
  /** `standalone` runs the server embedded on this machine; `configured` uses backendUrl. */
  mode: z.enum(['standalone', 'configured']),
  backendUrl: z.string().nullable(),
  /** The token itself never leaves main; the page only learns whether one is stored. */
  hasToken: z.boolean(),
  stationName: z.string(),
  packerName: z.string(),
  /** True after the backend URL or token changed: it applies when the station restarts. */
  restartRequired: z.boolean().optional(),
});
export type StationSettings = z.infer<typeof stationSettingsSchema>;

export const keyboardLayoutSchema = z.enum(['us', 'uk', 'de', 'fr', 'es', 'it']);

export const scannerDeviceSchema = z.object({
  id: z.string(),
  path: z.string().nullable(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  product: z.string().nullable(),
  manufacturer: z.string().nullable(),
  mode: z.enum(['keyboard', 'pos', 'other']),
  /** Read by the station: HID POS scanners always, keyboard-mode ones only when configured. */
  enabled: z.boolean(),
  layout: keyboardLayoutSchema,
  readable: z.boolean(),
  /** Why the device cannot be read (permissions, not configured), or null. */
  problem: z.string().nullable(),
});
export type ScannerDevice = z.infer<typeof scannerDeviceSchema>;

export const wedgeSettingsSchema = z.object({
  layout: keyboardLayoutSchema,
  /** Maximum gap between two keys of one scanner burst, in milliseconds. */
  maxKeyGapMs: z.number().int().min(5).max(200),
  /** Minimum number of characters that count as a burst rather than typing. */
  minBurstLength: z.number().int().min(2).max(64),
});

const empty = z.object({}).strict();

export const stationChannels = {
  'settings.get': channel({ request: empty, response: stationSettingsSchema }),
  'settings.update': channel({
    request: z
      .object({
        backendUrl: z.string().url().max(500).nullable().optional(),
        /** A new station token; an empty string removes the stored one. */
        token: z.string().max(500).optional(),
        stationName: z.string().min(1).max(128).optional(),
        packerName: z.string().min(1).max(128).optional(),
      })
      .strict(),
    response: stationSettingsSchema,
  }),
  'scanner.list': channel({
    request: empty,
    response: z.object({ devices: z.array(scannerDeviceSchema) }),
  }),
  'scanner.configure': channel({
    request: z
      .object({
        vendorId: z.number().int().min(0).max(0xffff),
        productId: z.number().int().min(0).max(0xffff),
        enabled: z.boolean(),
        layout: keyboardLayoutSchema,
      })
      .strict(),
    response: z.object({ devices: z.array(scannerDeviceSchema) }),
  }),
  /** Turns the live raw-report stream for the diagnostics screen on or off. */
  'scanner.watch': channel({
    request: z.object({ enabled: z.boolean() }).strict(),
    response: z.object({ enabled: z.boolean() }),
  }),
  'wedge.settings': channel({ request: empty, response: wedgeSettingsSchema }),
  'wedge.updateSettings': channel({
    request: wedgeSettingsSchema.partial().strict(),
    response: wedgeSettingsSchema,
  }),
};

export const stationEvents = {
  /** Every decoded scan from any scanner, for the diagnostics screen. */
  'scanner.scanned': scanSchema,
  /** One raw HID report while watching is on, as hex bytes. */
  'scanner.report': z.object({ device: z.string(), hex: z.string(), at: z.string() }),
  'scanner.devicesChanged': z.object({ devices: z.array(scannerDeviceSchema) }),
  /** A scan that was dropped (unplugged mid-scan, unknown key usage, ...). */
  'scanner.problem': z.object({
    device: z.string().nullable(),
    code: z.string(),
    message: z.string(),
  }),
};
