import { serverError } from '../errors';

/** A character PostgreSQL text cannot store (U+0000) or a UTF-16 half without its pair. */
export interface BadCharacter {
  /** Dotted path of the field, for example `body.name` or `query.q`. */
  field: string;
  /** 0-based index of the character in the string, in UTF-16 code units. */
  position: number;
  codePoint: string;
  reason: 'nul' | 'lone_surrogate';
}

/**
 * Finds the first string in a parsed JSON value, query or params object that contains
 * U+0000 or a lone surrogate. PostgreSQL rejects U+0000 in text, and a lone surrogate
 * would be stored as U+FFFD, silently changing the value. Walks with an explicit stack,
 * so a deeply nested body cannot overflow the call stack.
 */
export function findBadCharacter(value: unknown, field: string): BadCharacter | null {
  const pending: { value: unknown; field: string }[] = [{ value, field }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value === 'string') {
      const found = findInString(next.value, next.field);
      if (found !== null) return found;
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;

    const entries = Object.entries(next.value);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, child] = entries[index]!;
      const inKey = findInString(key, `${next.field} (key "${escapeBadCharacters(key)}")`);
      if (inKey !== null) return inKey;
      pending.push({ value: child, field: `${next.field}.${key}` });
    }
  }
  return null;
}

/** Returns the first U+0000 or lone surrogate of one string, or null. */
export function findInString(value: string, field: string): BadCharacter | null {
  for (let index = 0; index < value.length; index += 1) {
    const unit = value.charCodeAt(index);
    if (unit === 0) return { field, position: index, codePoint: 'U+0000', reason: 'nul' };
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
      return { field, position: index, codePoint: hex(unit), reason: 'lone_surrogate' };
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      return { field, position: index, codePoint: hex(unit), reason: 'lone_surrogate' };
    }
  }
  return null;
}

/** Describes a bad character in a sentence that names the field, position and fix. */
export function describeBadCharacter(found: BadCharacter): string {
  const character =
    found.reason === 'nul'
      ? 'the NUL character U+0000, which cannot be stored,'
      : `the lone UTF-16 surrogate ${found.codePoint}, which is not a valid character,`;
  return `${found.field} contains ${character} at position ${found.position}. Remove it and send the value again.`;
}

/** Throws `invalid_character` (400) when the value contains a bad character. */
export function requireCleanText(value: unknown, field: string): void {
  const found = findBadCharacter(value, field);
  if (found === null) return;
  throw serverError('invalid_character', describeBadCharacter(found), {
    field: found.field,
    position: found.position,
    codePoint: found.codePoint,
  });
}

/**
 * Replaces U+0000 and lone surrogates with `\uXXXX` text, so a rejected value can be
 * echoed back or logged without the characters that made it invalid.
 */
export function escapeBadCharacters(value: string): string {
  let escaped = '';
  let start = 0;
  for (let found = findInString(value, ''); found !== null;) {
    const at = start + found.position;
    escaped += `${value.slice(start, at)}\\u${found.codePoint.slice(2)}`;
    start = at + 1;
    found = findInString(value.slice(start), '');
  }
  return escaped + value.slice(start);
}

function hex(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}
