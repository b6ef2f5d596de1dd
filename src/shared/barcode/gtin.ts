import { gs1CheckDigit } from '../gs1/check-digit';
import { fail, ok, type Result } from '../serial/result';

export type GtinKind = 'GTIN-8' | 'GTIN-12' | 'GTIN-13' | 'GTIN-14';

export interface Gtin {
  kind: GtinKind;
  /** The digits as scanned. */
  digits: string;
  /** The same number left-padded with zeros to 14 digits, the form GTINs are compared in. */
  gtin14: string;
}

const KIND_BY_LENGTH: Readonly<Record<number, GtinKind>> = {
  8: 'GTIN-8',
  12: 'GTIN-12',
  13: 'GTIN-13',
  14: 'GTIN-14',
};

/**
 * Parses a GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) or GTIN-14 and checks its check digit.
 * Codes: `gtin_invalid_format` (not 8, 12, 13 or 14 digits), `gtin_check_digit`.
 */
export function parseGtin(text: string): Result<Gtin> {
  const kind = /^\d+$/.test(text) ? KIND_BY_LENGTH[text.length] : undefined;
  if (kind === undefined) {
    return fail(
      'gtin_invalid_format',
      `"${text}" is not a GTIN: a GTIN has 8, 12, 13 or 14 digits. Check the barcode value.`,
      { value: text },
    );
  }

  const expected = gs1CheckDigit(text.slice(0, -1));
  if (String(expected) !== text[text.length - 1]) {
    return fail(
      'gtin_check_digit',
      `GTIN "${text}" has a wrong check digit (expected ${expected}). Check the digits, or ` +
        'scan the barcode again.',
      { value: text, expectedCheckDigit: expected },
    );
  }

  return ok({ kind, digits: text, gtin14: text.padStart(14, '0') });
}

export function isValidGtin(text: string): boolean {
  return parseGtin(text).ok;
}

/** Returns the 14-digit form of a valid GTIN, or null when `text` is not one. */
export function toGtin14(text: string): string | null {
  const parsed = parseGtin(text);
  return parsed.ok ? parsed.value.gtin14 : null;
}

/**
 * Shortens a GTIN-14 to the given kind by dropping leading zeros, or returns null when the
 * digits dropped are not all zeros (a GTIN-14 with indicator digit 1–8 has no shorter form).
 */
export function fromGtin14(gtin14: string, kind: GtinKind): string | null {
  const length = Number(kind.slice(5));
  const dropped = gtin14.slice(0, 14 - length);
  return /^0*$/.test(dropped) ? gtin14.slice(14 - length) : null;
}
