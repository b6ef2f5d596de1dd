import type { ProductKind, SerialFormat } from '../shared/domain';

/**
 * The serial and product rules as the server applies them. Every caller goes through this
 * module so the station and the server judge a value the same way.
 */

export interface RuleViolation {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type SerialCheck =
  { ok: true; serial: string; key: string } | { ok: false; violation: RuleViolation };

export const maxSerialLength = 64;

// Characters trimmed from both ends after NFKC: Unicode white space plus the zero-width
// characters and the BOM that copy-paste brings along.
const edgeInvisible = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/gu;
const innerInvisible = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/**
 * Normalises a serial: NFKC, then white space and zero-width characters trimmed from both
 * ends. Rejects an empty value, an invisible or control character inside, letters from two
 * scripts, and more than 64 characters (never truncated). `key` is the case-folded value
 * that duplicate checks compare.
 */
export function normalizeSerialValue(raw: string): SerialCheck {
  const serial = raw.normalize('NFKC').replace(edgeInvisible, '');

  if (serial === '') {
    return reject('serial_empty', 'The serial number is empty. Scan or type it again.');
  }

  const invisible = innerInvisible.exec(serial);
  if (invisible !== null) {
    const codePoint = formatCodePoint(invisible[0]);
    return reject(
      'serial_invisible_character',
      `The serial number "${serial}" contains invisible character ${codePoint}. Type it again without it.`,
      { codePoint },
    );
  }

  const scripts = scriptsOf(serial);
  if (scripts.length > 1) {
    return reject(
      'serial_mixed_scripts',
      `The serial number "${serial}" mixes ${scripts.join(' and ')} letters. Check for look-alike letters and type it again.`,
      { scripts },
    );
  }

  const length = [...serial].length;
  if (length > maxSerialLength) {
    return reject(
      'serial_too_long',
      `The serial number is ${length} characters long, longer than ${maxSerialLength} characters. Check the scan.`,
      { length, maxLength: maxSerialLength },
    );
  }

  return { ok: true, serial, key: serialKeyOf(serial) };
}

/** The comparison key of an already normalised serial: equal keys are duplicates. */
export function serialKeyOf(serial: string): string {
  return serial.toUpperCase().toLowerCase();
}

/** Checks a normalised serial against a product's optional format rule. */
export function checkSerialFormat(
  serial: string,
  format: SerialFormat | null,
  sku: string,
): RuleViolation | null {
  if (format === null) return null;

  const length = [...serial].length;
  const tooShort = format.minLength !== undefined && length < format.minLength;
  const tooLong = format.maxLength !== undefined && length > format.maxLength;
  const wrongPrefix = format.prefix !== undefined && !serial.startsWith(format.prefix);
  const wrongPattern =
    format.pattern !== undefined && !new RegExp(`^(?:${format.pattern})$`, 'u').test(serial);
  if (!tooShort && !tooLong && !wrongPrefix && !wrongPattern) return null;

  return {
    code: 'serial_format_mismatch',
    message: `The serial number "${serial}" does not match the serial format of ${sku}. Check the scan.`,
    details: { sku, serial, format },
  };
}

/**
 * Checks a change of a product's kind or Needs Serial Number flag: tracking cannot be
 * switched off by ordinary editing, and kits and built kits cannot be tracked.
 */
export function checkNeedsSerialChange(
  sku: string,
  current: { kind: ProductKind; needsSerialNumber: boolean } | null,
  next: { kind: ProductKind; needsSerialNumber: boolean },
): RuleViolation | null {
  if (current?.needsSerialNumber === true && !next.needsSerialNumber) {
    return {
      code: 'serial_tracking_locked',
      message: `Needs Serial Number cannot be switched off for ${sku} by editing. An admin can switch it off with the audited disable operation.`,
      details: { sku },
    };
  }
  if (next.needsSerialNumber && next.kind !== 'standard') {
    return {
      code: 'serial_tracking_not_supported_for_kits',
      message: `${sku} is a ${next.kind === 'kit' ? 'kit' : 'built kit'}; kits and built kits cannot need serial numbers.`,
      details: { sku, kind: next.kind },
    };
  }
  return null;
}

/**
 * Checks a barcode: a value of 8, 12, 13 or 14 digits is a GTIN and must have a valid
 * check digit; other values are accepted as printed.
 */
export function checkBarcode(barcode: string): RuleViolation | null {
  if (!/^(\d{8}|\d{12,14})$/.test(barcode)) return null;
  if (gtinCheckDigit(barcode.slice(0, -1)) === Number(barcode.at(-1))) return null;

  return {
    code: 'invalid_barcode',
    message: `The GTIN ${barcode} has a wrong check digit. Check the number printed under the barcode.`,
    details: { barcode },
  };
}

/** GS1 mod-10 check digit of the digits before it. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let index = 0; index < body.length; index += 1) {
    const digit = Number(body[body.length - 1 - index]);
    sum += index % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

function reject(code: string, message: string, details?: Record<string, unknown>): SerialCheck {
  return { ok: false, violation: { code, message, details } };
}

function formatCodePoint(character: string): string {
  const value = character.codePointAt(0) ?? 0;
  return `U+${value.toString(16).toUpperCase().padStart(4, '0')}`;
}

function scriptsOf(value: string): string[] {
  const found: string[] = [];
  for (const [name, pattern] of scriptPatterns) {
    if (pattern.test(value)) found.push(name);
  }
  return found;
}

const scriptPatterns: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
];
