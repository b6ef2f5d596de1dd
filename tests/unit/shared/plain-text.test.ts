import { describe, expect, it } from 'vitest';

import { AppError } from '../../../src/shared/errors';
import {
  escapeText,
  findHiddenCharacter,
  parsePlainText,
} from '../../../src/shared/text/plain-text';

const nameRules = { field: 'station name', code: 'invalid_name', maxLength: 64 };

function errorOf(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) {
      return error;
    }

    throw error;
  }

  throw new Error('expected an AppError');
}

describe('parsePlainText', () => {
  it('trims surrounding spaces', () => {
    expect(parsePlainText('  Bay 3 ', nameRules)).toBe('Bay 3');
  });

  it('keeps letters, accents and emoji', () => {
    expect(parsePlainText('Zoë Ångström 📦', nameRules)).toBe('Zoë Ångström 📦');
  });

  it('rejects a value of only spaces', () => {
    const error = errorOf(() => parsePlainText(' \u3000 ', nameRules));

    expect(error.code).toBe('invalid_name');
    expect(error.details).toMatchObject({ problem: 'empty' });
  });

  it('uses the empty code when one is given', () => {
    const error = errorOf(() =>
      parsePlainText('   ', { ...nameRules, field: 'reason', emptyCode: 'reason_required' }),
    );

    expect(error.code).toBe('reason_required');
  });

  it.each([
    ['Bay\x001', 'control character U+0000 NUL', 4, 'Bay\\x001'],
    ['Bay\x1b[31m1', 'control character U+001B escape', 4, 'Bay\\x1b[31m1'],
    ['Bay\n2', 'control character U+000A line feed', 4, 'Bay\\n2'],
    ['Bay\u200b1', 'invisible character U+200B zero width space', 4, 'Bay\\u200b1'],
    ['Bay\u202e1', 'invisible character U+202E right-to-left override', 4, 'Bay\\u202e1'],
    ['A\u3164B', 'invisible character U+3164', 2, 'A\\u3164B'],
    ['Bay\u00a01', 'space other than U+0020 U+00A0 no-break space', 4, 'Bay\\xa01'],
  ])('rejects %j naming the character and its position', (value, named, position, shown) => {
    const error = errorOf(() => parsePlainText(value, nameRules));

    expect(error.code).toBe('invalid_name');
    expect(error.message).toContain(`the ${named} at position ${position}`);
    expect(error.message).toContain(`"${shown}"`);
    expect(error.details).toMatchObject({ position });
  });

  it('counts the position after trimming', () => {
    const error = errorOf(() => parsePlainText('   ab\u200b', nameRules));

    expect(error.details).toMatchObject({ position: 3, codePoint: 'U+200B' });
  });

  it('rejects a value longer than the maximum', () => {
    const error = errorOf(() => parsePlainText('x'.repeat(65), nameRules));

    expect(error.code).toBe('invalid_name');
    expect(error.details).toMatchObject({ problem: 'too_long', length: 65, maxLength: 64 });
  });
});

describe('findHiddenCharacter', () => {
  it('finds an unpaired surrogate', () => {
    expect(findHiddenCharacter('ab\ud800')).toMatchObject({ position: 3, codePoint: 0xd800 });
  });

  it('returns null for plain text', () => {
    expect(findHiddenCharacter('Packer 7 – Nord')).toBeNull();
  });
});

describe('escapeText', () => {
  it('escapes terminal escape sequences, NUL and backslashes', () => {
    expect(escapeText('\x1b]0;pwned\x07\x00a\\b')).toBe('\\x1b]0;pwned\\x07\\x00a\\\\b');
  });

  it('cuts long text and counts what was left out', () => {
    expect(escapeText('a'.repeat(1_000_000))).toBe(`${'a'.repeat(80)}… (999920 more)`);
  });

  it('keeps text at the limit whole', () => {
    expect(escapeText('b'.repeat(80))).toBe('b'.repeat(80));
  });
});
