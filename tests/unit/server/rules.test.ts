import { describe, expect, it } from 'vitest';

import { barcodeError, parseSerialOrThrow, searchKeyOf } from '../../../src/server/rules';
import { isAppError } from '../../../src/shared/errors';

function rejectionCode(raw: string): string | undefined {
  try {
    parseSerialOrThrow(raw);
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('parseSerialOrThrow', () => {
  it('keeps the case and compares by key', () => {
    const typed = parseSerialOrThrow('sn-0042');
    const scanned = parseSerialOrThrow('\u00A0SN-0042 ');

    expect(typed.serial).toBe('sn-0042');
    expect(scanned.serial).toBe('SN-0042');
    expect(typed.key).toBe(scanned.key);
  });

  it('rejects serials over 64 characters instead of truncating them', () => {
    expect(rejectionCode(`${'A'.repeat(64)}1`)).toBe('serial_too_long');
    expect(rejectionCode(`${'A'.repeat(64)}2`)).toBe('serial_too_long');
    expect(rejectionCode('A'.repeat(64))).toBeUndefined();
  });

  it('normalises fullwidth letters and trims a BOM', () => {
    expect(parseSerialOrThrow('\uFF33\uFF2E-0045').serial).toBe('SN-0045');
    expect(parseSerialOrThrow('\uFEFFSN-0043').serial).toBe('SN-0043');
  });
});

describe('searchKeyOf', () => {
  it('matches a search typed in another case', () => {
    expect(searchKeyOf(' sn-100 ')).toBe(parseSerialOrThrow('SN-100').key);
  });
});

describe('barcodeError', () => {
  it('checks GTIN check digits and accepts other barcodes', () => {
    expect(barcodeError('09506000134352')).toBeNull();
    expect(barcodeError('09506000134353')?.code).toBe('invalid_barcode');
    expect(barcodeError('INTERNAL-42')).toBeNull();
  });
});
