import { z } from 'zod';

import { scannerError } from '../../shared/scanner/errors';
import { layoutIds } from '../../shared/scanner/layouts';
import type { HidDeviceInfo } from './hid-backend';
import { posProfileIds } from './pos-report-layout';

/**
 * The HID devices the station reads. HID POS scanners (usage page 0x8C) are read
 * automatically. A keyboard-mode device is read only when listed here by vendor and
 * product id, so an unlisted keyboard is never read.
 */
export const scannerConfigSchema = z.object({
  keyboardScanners: z
    .array(
      z.object({
        vendorId: z.number().int().min(0).max(0xffff),
        productId: z.number().int().min(0).max(0xffff),
        layout: z.enum(layoutIds),
        /** The scanner is set to send the AIM identifier before the data. */
        aimPrefix: z.boolean().optional(),
      }),
    )
    .max(32),
  /** HID POS layout for devices whose report descriptor cannot be read; "standard" if unset. */
  posProfiles: z
    .array(
      z.object({
        vendorId: z.number().int().min(0).max(0xffff),
        productId: z.number().int().min(0).max(0xffff),
        profile: z.enum(posProfileIds),
      }),
    )
    .max(32)
    .default([]),
});
export type ScannerConfig = z.infer<typeof scannerConfigSchema>;

export type DeviceMode = 'keyboard' | 'pos' | 'other';

export type DeviceClassification =
  | { mode: 'keyboard'; read: true; layout: string; aimPrefix: boolean }
  | { mode: 'pos'; read: true }
  | { mode: DeviceMode; read: false; reason: string };

const USAGE_PAGE_GENERIC_DESKTOP = 0x01;
const USAGE_KEYBOARD = 0x06;
const USAGE_PAGE_BARCODE_SCANNER = 0x8c;

export function deviceMode(device: HidDeviceInfo): DeviceMode {
  if (device.usagePage === USAGE_PAGE_BARCODE_SCANNER) {
    return 'pos';
  }

  if (device.usagePage === USAGE_PAGE_GENERIC_DESKTOP && device.usage === USAGE_KEYBOARD) {
    return 'keyboard';
  }

  return 'other';
}

/** Decides whether to read a device and how. */
export function classifyDevice(device: HidDeviceInfo, config: ScannerConfig): DeviceClassification {
  const mode = deviceMode(device);

  switch (mode) {
    case 'pos':
      return { mode, read: true };
    case 'keyboard': {
      const scanner = config.keyboardScanners.find(
        (entry) => entry.vendorId === device.vendorId && entry.productId === device.productId,
      );

      return scanner === undefined
        ? {
            mode,
            read: false,
            reason: `keyboard ${formatVidPid(device)} is not configured as a scanner`,
          }
        : { mode, read: true, layout: scanner.layout, aimPrefix: scanner.aimPrefix ?? false };
    }
    case 'other':
      return { mode, read: false, reason: 'neither a keyboard nor a HID POS scanner' };
    default:
      return assertNever(mode);
  }
}

export function formatVidPid(device: { vendorId: number; productId: number }): string {
  const hex = (value: number) => value.toString(16).padStart(4, '0');

  return `${hex(device.vendorId)}:${hex(device.productId)}`;
}

/**
 * Parses "vid:pid:layout" in hex, e.g. "0c2e:0b61:de", as given on the command line, with
 * ":aim" appended when the scanner sends the AIM identifier before the data.
 * Throws scanner_invalid_config naming the value otherwise.
 */
export function parseKeyboardScannerSpec(spec: string): ScannerConfig['keyboardScanners'][number] {
  const match = /^([0-9a-f]{4}):([0-9a-f]{4}):([a-z]{2})(:aim)?$/i.exec(spec.trim());
  const layout = match?.[3]?.toLowerCase() ?? '';

  if (match === null || !(layoutIds as readonly string[]).includes(layout)) {
    throw scannerError(
      'scanner_invalid_config',
      `Scanner "${spec}" is not valid. Write vendor id, product id and layout as vvvv:pppp:layout[:aim], e.g. 0c2e:0b61:us, with layout one of ${layoutIds.join(', ')}.`,
      { spec },
    );
  }

  return {
    vendorId: Number.parseInt(match[1] as string, 16),
    productId: Number.parseInt(match[2] as string, 16),
    layout: layout as (typeof layoutIds)[number],
    aimPrefix: match[4] !== undefined,
  };
}

function assertNever(value: never): never {
  throw new Error(`Unhandled device mode: ${String(value)}`);
}
