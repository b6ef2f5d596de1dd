import { describe, expect, it } from 'vitest';

import { mediaTypeOf, preferredMediaType } from '../../../src/server/http/media-type';
import {
  escapeBadCharacters,
  findBadCharacter,
  findInString,
} from '../../../src/server/http/text-safety';

describe('findBadCharacter', () => {
  it('finds U+0000 with field and position', () => {
    const found = findBadCharacter({ lines: [{ sku: 'AB\u0000' }] }, 'body');

    expect(found).toEqual({
      field: 'body.lines.0.sku',
      position: 2,
      codePoint: 'U+0000',
      reason: 'nul',
    });
  });

  it('finds lone high and low surrogates', () => {
    expect(findInString('x\ud800', 'f')?.codePoint).toBe('U+D800');
    expect(findInString('\udc00x', 'f')?.codePoint).toBe('U+DC00');
    expect(findInString('\udc00\ud800', 'f')?.position).toBe(0);
  });

  it('accepts paired surrogates and ordinary text', () => {
    expect(findInString('emoji \ud83d\ude00 ok', 'f')).toBeNull();
    expect(findBadCharacter({ a: ['plain', 1, null, true] }, 'body')).toBeNull();
  });

  it('finds U+0000 in an object key', () => {
    const found = findBadCharacter({ 'k\u0000': 1 }, 'body');

    expect(found?.reason).toBe('nul');
    expect(found?.field).toContain('key');
  });

  it('walks a deeply nested value without overflow', () => {
    let value: unknown = 'deep\u0000';
    for (let depth = 0; depth < 100_000; depth += 1) value = [value];

    expect(findBadCharacter(value, 'body')?.position).toBe(4);
  });

  it('escapes bad characters for messages', () => {
    expect(escapeBadCharacters('A\u0000B\ud800')).toBe('A\\u0000B\\uD800');
    expect(escapeBadCharacters('\ud83d\ude00')).toBe('\ud83d\ude00');
  });
});

describe('preferredMediaType', () => {
  const offers = ['application/json', 'text/csv'];

  it.each([
    [undefined, 'application/json'],
    ['text/csv', 'text/csv'],
    ['Text/CSV', 'text/csv'],
    ['text/csv;q=0.5, application/json', 'application/json'],
    ['application/json;q=0.1, text/csv;q=0.9', 'text/csv'],
    ['text/csv, application/json', 'application/json'],
    ['text/*', 'text/csv'],
    ['*/*', 'application/json'],
    ['text/csv;q=0', 'application/json'],
    ['application/xml', 'application/json'],
  ])('picks for Accept %s', (accept, expected) => {
    expect(preferredMediaType(accept, offers)).toBe(expected);
  });
});

describe('mediaTypeOf', () => {
  it('lower-cases and drops parameters', () => {
    expect(mediaTypeOf('Text/CSV; charset=UTF-8')).toBe('text/csv');
    expect(mediaTypeOf(undefined)).toBe('');
  });
});
