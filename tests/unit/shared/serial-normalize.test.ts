import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { normalizeSerial, parseSerial, serialKey } from '../../../src/shared/serial';

function accepted(raw: string): string {
  const result = normalizeSerial(raw);
  if (!result.ok) {
    throw new Error(`expected "${raw}" to be accepted, got ${result.error.code}`);
  }
  return result.value;
}

function rejectedCode(raw: string): string {
  const result = normalizeSerial(raw);
  if (result.ok) {
    throw new Error(`expected "${raw}" to be rejected, got "${result.value}"`);
  }
  return result.error.code;
}

describe('normalizeSerial', () => {
  it('keeps a plain serial unchanged', () => {
    expect(accepted('SN-0042')).toBe('SN-0042');
  });

  it('trims a trailing space', () => {
    expect(accepted('SN-0042 ')).toBe('SN-0042');
  });

  it('trims a leading no-break space', () => {
    expect(accepted('\u00A0SN-0042')).toBe('SN-0042');
  });

  it('trims a leading BOM', () => {
    expect(accepted('\uFEFFSN-0043')).toBe('SN-0043');
  });

  it('trims zero-width characters at the ends', () => {
    expect(accepted('\u200BSN-7\u200D\u2060')).toBe('SN-7');
  });

  it('trims a scanner newline and CR LF', () => {
    expect(accepted('SN-0046\n')).toBe('SN-0046');
    expect(accepted('SN-0046\r\n')).toBe('SN-0046');
  });

  it('keeps inner spaces', () => {
    expect(accepted('SN - 123 - 2021')).toBe('SN - 123 - 2021');
  });

  it('folds fullwidth letters with NFKC', () => {
    expect(accepted('\uFF33\uFF2E-0045')).toBe('SN-0045');
  });

  it('turns an inner no-break space into a plain space', () => {
    expect(accepted('SN\u00A042')).toBe('SN 42');
  });

  it('keeps case as entered', () => {
    expect(accepted('sn-0042')).toBe('sn-0042');
  });

  it('accepts symbols and parentheses', () => {
    expect(accepted('A/B#7(x)+_*.')).toBe('A/B#7(x)+_*.');
  });

  it('rejects a blank serial as empty', () => {
    expect(rejectedCode('   ')).toBe('serial_empty');
    expect(rejectedCode('')).toBe('serial_empty');
    expect(rejectedCode('\uFEFF\u200B\n')).toBe('serial_empty');
  });

  it('rejects 65 characters without truncating', () => {
    const first = normalizeSerial('A'.repeat(64) + '1');
    const second = normalizeSerial('A'.repeat(64) + '2');

    expect(first.ok).toBe(false);
    expect(second.ok).toBe(false);
    if (!first.ok) {
      expect(first.error.code).toBe('serial_too_long');
      expect(first.error.message).toContain('65 characters');
      expect(first.error.details).toMatchObject({ length: 65, maxLength: 64 });
    }
  });

  it('accepts exactly 64 characters', () => {
    expect(accepted('B'.repeat(64))).toHaveLength(64);
  });

  it('rejects a huge paste before normalising it', () => {
    expect(rejectedCode('x'.repeat(1_000_000))).toBe('serial_too_long');
  });

  it('rejects an inner zero-width space naming it', () => {
    const result = normalizeSerial('SN-\u200B0042');

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('serial_invisible_character');
      expect(result.error.message).toContain('U+200B');
      expect(result.error.message).toContain('position 4');
      expect(result.error.details).toMatchObject({ position: 4, codePoint: 'U+200B' });
    }
  });

  it('rejects other invisible characters inside', () => {
    expect(rejectedCode('SN\u00AD42')).toBe('serial_invisible_character');
    expect(rejectedCode('SN\u202E42')).toBe('serial_invisible_character');
    expect(rejectedCode('SN\uFEFF42')).toBe('serial_invisible_character');
    expect(rejectedCode('SN\uE00C42')).toBe('serial_invisible_character');
    expect(rejectedCode('SN\u2028 42')).toBe('serial_invisible_character');
  });

  it('rejects an inner tab as a control character', () => {
    const result = normalizeSerial('SN\t42');

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('serial_control_character');
      expect(result.error.message).toContain('U+0009');
      expect(result.error.message).toContain('position 3');
    }
  });

  it('rejects GS, Ctrl+A and DEL as control characters', () => {
    expect(rejectedCode('10AB\u001D21X9')).toBe('serial_control_character');
    expect(rejectedCode('\u0001SN')).toBe('serial_control_character');
    expect(rejectedCode('SN\u007F')).toBe('serial_control_character');
  });

  it('rejects a Cyrillic look-alike in a Latin serial', () => {
    const result = normalizeSerial('\u0405N-0044');

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('serial_mixed_scripts');
      expect(result.error.message).toContain('Latin and Cyrillic');
      expect(result.error.details).toMatchObject({ position: 1, codePoint: 'U+0405' });
    }
  });

  it('rejects a Greek omicron among Latin letters', () => {
    expect(rejectedCode('SN-\u039F42AB')).toBe('serial_mixed_scripts');
  });

  it('accepts a serial in one non-Latin script', () => {
    expect(accepted('\u0410\u0411-12')).toBe('\u0410\u0411-12');
    expect(accepted('ロット東京-1')).toBe('ロット東京-1');
  });

  it('throws an AppError from parseSerial', () => {
    expect(() => parseSerial('  ')).toThrow(expect.objectContaining({ code: 'serial_empty' }));
    expect(parseSerial(' SN-1 ')).toBe('SN-1');
  });

  it('is idempotent on accepted values', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (raw) => {
        const once = normalizeSerial(raw);
        if (once.ok) {
          expect(normalizeSerial(once.value)).toEqual(once);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts a value with outer whitespace or over 64', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (raw) => {
        const result = normalizeSerial(raw);
        if (result.ok) {
          expect(result.value.length).toBeGreaterThan(0);
          expect(result.value.length).toBeLessThanOrEqual(64);
          expect(result.value.trim()).toBe(result.value);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('serialKey', () => {
  it('compares case-insensitively', () => {
    expect(serialKey('sn-0042')).toBe(serialKey('SN-0042'));
  });

  it('matches sharp s to double s', () => {
    expect(serialKey('straße-1')).toBe(serialKey('STRASSE-1'));
  });

  it('keeps inner spaces distinct', () => {
    expect(serialKey('SN 1')).not.toBe(serialKey('SN1'));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => {
        expect(serialKey(serialKey(value))).toBe(serialKey(value));
      }),
    );
  });
});
