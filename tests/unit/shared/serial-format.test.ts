import { describe, expect, it } from 'vitest';

import {
  checkSerialFormat,
  findUnsafePatternConstruct,
  validateSerialFormatRule,
} from '../../../src/shared/serial';

describe('checkSerialFormat', () => {
  it('accepts any serial without a format', () => {
    expect(checkSerialFormat('anything', null, 'WIDGET-01')).toEqual({
      ok: true,
      value: 'anything',
    });
  });

  it('checks minimum and maximum length', () => {
    const format = { minLength: 4, maxLength: 6 };

    expect(checkSerialFormat('ABC', format, 'W').ok).toBe(false);
    expect(checkSerialFormat('ABCD', format, 'W').ok).toBe(true);
    expect(checkSerialFormat('ABCDEF', format, 'W').ok).toBe(true);
    expect(checkSerialFormat('ABCDEFG', format, 'W').ok).toBe(false);
  });

  it('checks the prefix case-sensitively', () => {
    const format = { prefix: 'SN' };

    expect(checkSerialFormat('SN-1', format, 'W').ok).toBe(true);
    expect(checkSerialFormat('sn-1', format, 'W').ok).toBe(false);
  });

  it('matches the pattern against the whole serial', () => {
    const format = { pattern: '\\d{4}' };

    expect(checkSerialFormat('1234', format, 'W').ok).toBe(true);
    expect(checkSerialFormat('12345', format, 'W').ok).toBe(false);
    expect(checkSerialFormat('x1234', format, 'W').ok).toBe(false);
  });

  it('states the rule in the mismatch message', () => {
    const result = checkSerialFormat('AB', { minLength: 10, maxLength: 12, prefix: 'SN' }, 'W-1');

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('serial_format_mismatch');
      expect(result.error.message).toContain('"AB"');
      expect(result.error.message).toContain('W-1');
      expect(result.error.message).toContain('10 to 12 characters');
      expect(result.error.message).toContain('starting with "SN"');
    }
  });

  it('rejects a serial when the stored rule is unsafe', () => {
    const result = checkSerialFormat('aaaa', { pattern: '(a+)+' }, 'W');

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('serial_format_rule_invalid');
    }
  });
});

describe('validateSerialFormatRule', () => {
  it('accepts a typical rule', () => {
    const format = { minLength: 8, maxLength: 20, prefix: 'SN', pattern: 'SN-\\d{4,6}-[A-Z]+' };

    expect(validateSerialFormatRule(format)).toEqual({ ok: true, value: format });
  });

  it('rejects minimum above maximum', () => {
    const result = validateSerialFormatRule({ minLength: 9, maxLength: 3 });

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('serial_format_rule_invalid');
      expect(result.error.message).toContain('minimum is 9');
    }
  });

  it('rejects a prefix longer than the maximum', () => {
    expect(validateSerialFormatRule({ maxLength: 2, prefix: 'ABC' }).ok).toBe(false);
  });

  it.each([
    ['a leading space', ' SN'],
    ['only spaces', '   '],
    ['a fullwidth letter', '\uff33N'],
    ['a control character', 'S\u0007'],
    ['mixed scripts', 'S\u0421'],
  ])('rejects a prefix with %s', (_case, prefix) => {
    const result = validateSerialFormatRule({ prefix });

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('serial_format_rule_invalid');
    }
  });

  it('accepts a prefix with a trailing space', () => {
    expect(validateSerialFormatRule({ prefix: 'SN ' }).ok).toBe(true);
  });

  it('rejects a pattern that does not compile', () => {
    const result = validateSerialFormatRule({ pattern: '[a-' });

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('not a valid regular expression');
    }
  });

  it('rejects unsafe patterns', () => {
    for (const pattern of ['(a+)+', '(a*)*b', '(a|ab)*', '(\\d+-?)+', '(x)\\1', '(?<n>x)\\k<n>']) {
      expect(validateSerialFormatRule({ pattern }).ok, pattern).toBe(false);
    }
    for (const pattern of ['(?=A)A', '(?!B)A', '(?<=A)B', '(?<!A)B', '\\d*\\d*\\d*\\d*\\d*']) {
      expect(validateSerialFormatRule({ pattern }).ok, pattern).toBe(false);
    }
  });

  it('accepts safe repeated groups', () => {
    for (const pattern of ['(\\d{3}-)+\\d', '(?:-[A-Z]{2}|-\\d{3})?', '[A-Z]{2}\\d+', '\\p{L}+']) {
      expect(findUnsafePatternConstruct(pattern), pattern).toBeNull();
    }
  });

  it('treats escaped and bracketed parentheses as literals', () => {
    expect(findUnsafePatternConstruct('\\(\\d+\\)+')).toBeNull();
    expect(findUnsafePatternConstruct('[()+*]+')).toBeNull();
  });

  it('keeps an allowed worst-case pattern fast on 64 characters', () => {
    const result = checkSerialFormat('1'.repeat(63) + 'x', { pattern: '\\d*\\d*\\d*\\d*' }, 'W');

    expect(result.ok).toBe(false);
  });
});
