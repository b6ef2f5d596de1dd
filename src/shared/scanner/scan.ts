import { z } from 'zod';

/** Origin of a scan: a HID device read by main, the renderer's wedge, or typed by hand. */
export const scanSourceSchema = z.enum(['hid-keyboard', 'hid-pos', 'wedge', 'manual']);
export type ScanSource = z.infer<typeof scanSourceSchema>;

/** A control character found in the scanned text, other than GS. */
export const controlCharacterSchema = z.object({
  /** UTF-16 index into `text`. */
  index: z.number().int().nonnegative(),
  codePoint: z.number().int().min(0).max(0x9f),
});
export type ControlCharacter = z.infer<typeof controlCharacterSchema>;

/**
 * One barcode as read by any scanner. `text` keeps GS (0x1D) as the FNC1 separator of GS1
 * data, and every other control character too. Those are listed in `controlCharacters`, so
 * a consumer can reject them instead of finding them by accident.
 */
export const scanSchema = z.object({
  text: z.string().min(1).max(8192),
  /** AIM symbology identifier such as "]d2" (GS1 DataMatrix), or null when the scanner sent none. */
  symbology: z
    .string()
    .regex(/^\][!-~]{2}$/)
    .nullable(),
  /** Application identifier to value, when the text is GS1 element strings. */
  gs1: z.record(z.string().regex(/^\d{2,4}$/), z.string()).nullable(),
  source: scanSourceSchema,
  /** Device id (HID path or wedge scanner name), or null when unknown. */
  device: z.string().min(1).max(512).nullable(),
  /** ISO 8601 time at which the scan was complete. */
  time: z.iso.datetime(),
  controlCharacters: z.array(controlCharacterSchema).optional(),
});
export type Scan = z.infer<typeof scanSchema>;

/** End of a scan: CR (Enter or keypad Enter), CR LF, LF, Tab, or none before a timeout. */
export type ScanTerminator = 'cr' | 'crlf' | 'lf' | 'tab' | 'none';

/** A barcode as decoded from reports or keystrokes, before it becomes a {@link Scan}. */
export interface DecodedBarcode {
  text: string;
  symbology: string | null;
  terminator: ScanTerminator;
}

/** The GS1 element string parser the scan builder uses; it returns null for non-GS1 data. */
export type Gs1Parser = (text: string, symbology: string | null) => Record<string, string> | null;

const GROUP_SEPARATOR = 0x1d;
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/**
 * Builds the barcode for text typed by a keyboard-mode scanner. With `aimPrefix` on, the
 * scanner is set to send the AIM identifier before the data, and it becomes the symbology.
 * Off, a leading "]" is data.
 */
export function barcodeFromTyped(
  text: string,
  terminator: ScanTerminator,
  aimPrefix: boolean,
): DecodedBarcode {
  if (aimPrefix && AIM_PREFIX.test(text) && text.length > 3) {
    return { text: text.slice(3), symbology: text.slice(0, 3), terminator };
  }

  return { text, symbology: null, terminator };
}

/** Lists the control characters of `text` other than GS, in order. */
export function findControlCharacters(text: string): ControlCharacter[] {
  const found: ControlCharacter[] = [];

  for (let index = 0; index < text.length; index += 1) {
    const codePoint = text.charCodeAt(index);

    if (isControlCodePoint(codePoint) && codePoint !== GROUP_SEPARATOR) {
      found.push({ index, codePoint });
    }
  }

  return found;
}

/** Builds the Scan for a decoded barcode; `parseGs1` fills `gs1`. */
export function buildScan(
  barcode: DecodedBarcode,
  context: { source: ScanSource; device: string | null; time: Date; parseGs1: Gs1Parser },
): Scan {
  const controlCharacters = findControlCharacters(barcode.text);
  const scan: Scan = {
    text: barcode.text,
    symbology: barcode.symbology,
    gs1: context.parseGs1(barcode.text, barcode.symbology),
    source: context.source,
    device: context.device,
    time: context.time.toISOString(),
  };

  return controlCharacters.length === 0 ? scan : { ...scan, controlCharacters };
}

function isControlCodePoint(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}
