import { parseGtin } from '../shared/barcode';
import type { CrossOrderSerialPolicy, Product, SerialFormat } from '../shared/domain';
import { AppError } from '../shared/errors';
import type { ErrorBody } from '../shared/errors';
import { gs1CheckDigit } from '../shared/gs1/check-digit';
import { checkNeedsSerialChange, checkSku } from '../shared/products';
import type { ProductEditKind } from '../shared/products';
import {
  checkPreviouslyShipped,
  checkSerialFormat,
  checkSerialUniqueInOrder,
  normalizeSerial,
  serialKey,
  validateSerialFormatRule,
} from '../shared/serial';
import type { UnitSerial } from '../shared/serial';

/**
 * The server's entry to the shared serial and product rules, so the station and the server
 * judge every value with the same code. Each check throws the rule's error as an AppError.
 */

export interface NormalizedSerial {
  /** The normalised serial, stored with its case. */
  serial: string;
  /** The comparison key stored next to it; equal keys are duplicates. */
  key: string;
}

export function parseSerialOrThrow(raw: string): NormalizedSerial {
  const result = normalizeSerial(raw);
  if (!result.ok) throw toAppError(result.error);
  return { serial: result.value, key: serialKey(result.value) };
}

/** Returns the key of a serial typed into a search: normalised when valid, else trimmed. */
export function searchKeyOf(raw: string): string {
  const result = normalizeSerial(raw);
  return serialKey(result.ok ? result.value : raw.trim());
}

export function requireSerialFormat(
  serial: string,
  format: SerialFormat | null,
  sku: string,
): void {
  const result = checkSerialFormat(serial, format, sku);
  if (!result.ok) throw toAppError(result.error);
}

export function requireUniqueInOrder(
  serial: string,
  units: readonly UnitSerial[],
  allowDuplicateSerialsInOrder: boolean,
  excludeUnitId?: string,
): void {
  const result = checkSerialUniqueInOrder({
    serial,
    units,
    settings: { allowDuplicateSerialsInOrder },
    excludeUnitId,
  });
  if (!result.ok) throw toAppError(result.error);
}

/**
 * Applies the cross-order policy to a unit of the same SKU and serial already shipped in
 * another order. Throws under `block`; returns the warning under `warn`.
 */
export function checkShippedElsewhere(
  input: { serial: string; sku: string; orderNumber: string; policy: CrossOrderSerialPolicy },
  shipped: { serial: string; sku: string; orderNumber: string; shippedAt?: string },
): ErrorBody | null {
  const decision = checkPreviouslyShipped({ ...input, shipped: [shipped] });
  if (decision.decision === 'block') throw toAppError(decision.error);
  return decision.decision === 'warn' ? decision.error : null;
}

/** Returns the rule's error for a change of kind or Needs Serial Number, or null. */
export function needsSerialChangeError(
  before: Pick<Product, 'sku' | 'kind' | 'needsSerialNumber'> | null,
  after: Pick<Product, 'sku' | 'kind' | 'needsSerialNumber'>,
  editKind: ProductEditKind,
): AppError | null {
  const result = checkNeedsSerialChange(before, after, editKind);
  return result.ok ? null : toAppError(result.error);
}

/**
 * Returns an error for a barcode of 8, 12, 13 or 14 digits whose GTIN check digit is wrong;
 * other barcodes are accepted as printed.
 */
export function barcodeError(barcode: string): AppError | null {
  if (!/^(\d{8}|\d{12,14})$/.test(barcode)) return null;

  const result = parseGtin(barcode);
  return result.ok
    ? null
    : new AppError('invalid_barcode', result.error.message, { barcode, reason: result.error.code });
}

/** GS1 mod-10 check digit of the digits before it. */
export function checkDigitOf(digits: string): number {
  return gs1CheckDigit(digits);
}

export function toAppError(error: ErrorBody): AppError {
  return new AppError(error.code, error.message, error.details);
}

/** Returns the SKU rule's error for a SKU, or null when it is valid. */
export function skuError(sku: string): AppError | null {
  const result = checkSku(sku);
  return result.ok ? null : toAppError(result.error);
}

/**
 * Returns why a serial format cannot be saved (lengths out of order, a prefix longer than
 * the maximum, an unsafe pattern), or null for a valid format or none.
 */
export function serialFormatError(format: SerialFormat | null): AppError | null {
  if (format === null) return null;
  const result = validateSerialFormatRule(format);
  return result.ok ? null : toAppError(result.error);
}
