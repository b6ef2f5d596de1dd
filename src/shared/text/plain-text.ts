import { AppError } from '../errors';

/**
 * Characters rejected in names and reasons, because a person cannot see them or they break
 * a line where the text is shown or sent in an outbox event. They are control characters
 * (C0, DEL, C1), format and default-ignorable characters (zero width space, joiners, bidi
 * controls, soft hyphen, Hangul fillers, variation selectors), private-use characters,
 * unpaired surrogates, the blank Braille pattern and every space other than U+0020.
 * NOTE: this also rejects the zero width non-joiner and joiner that some Persian and Indic
 * names need.
 */
const CONTROL = /\p{Cc}/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Co}\p{Cs}\u2800]/u;
const SEPARATOR = /\p{Z}/u;

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0d: 'carriage return',
  0x1b: 'escape',
  0x7f: 'delete',
  0xa0: 'no-break space',
  0xad: 'soft hyphen',
  0x200b: 'zero width space',
  0x200c: 'zero width non-joiner',
  0x200d: 'zero width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0xfeff: 'zero width no-break space',
};

export type HiddenCharacterKind =
  'control character' | 'invisible character' | 'space other than U+0020';

/** A character `findHiddenCharacter` rejects, with its 1-based position in code points. */
export interface HiddenCharacter {
  kind: HiddenCharacterKind;
  /** "U+200B zero width space", or just "U+E000" for a character without a listed name. */
  label: string;
  codePoint: number;
  position: number;
}

export interface PlainTextRules {
  /** Name of the value in messages, such as "station name" or "reason". */
  field: string;
  /** Error code for a hidden character or a value that is too long. */
  code: string;
  /** Error code for a value that is empty after trimming. Defaults to `code`. */
  emptyCode?: string;
  /** Maximum length in code points after trimming. */
  maxLength: number;
}

/** Returns the first control, invisible or non-U+0020 space character of `text`, or null. */
export function findHiddenCharacter(text: string): HiddenCharacter | null {
  let position = 0;

  for (const character of text) {
    position += 1;

    const kind = classifyCharacter(character);

    if (kind !== null) {
      const codePoint = character.codePointAt(0) ?? 0;

      return { kind, label: labelCodePoint(codePoint), codePoint, position };
    }
  }

  return null;
}

/**
 * Trims surrounding whitespace and checks what a person typed as a name or reason. Throws
 * an AppError with `rules.code` naming the character and its position in the trimmed text
 * when the text contains a hidden character or is longer than `rules.maxLength`, and with
 * `rules.emptyCode` when nothing but whitespace was given.
 */
export function parsePlainText(value: string, rules: PlainTextRules): string {
  const text = value.trim();

  if (text === '') {
    throw new AppError(
      rules.emptyCode ?? rules.code,
      `The ${rules.field} is empty or only spaces. Enter a ${rules.field}.`,
      { field: rules.field, problem: 'empty' },
    );
  }

  const hidden = findHiddenCharacter(text);

  if (hidden !== null) {
    throw new AppError(
      rules.code,
      `The ${rules.field} "${escapeText(text)}" contains the ${hidden.kind} ${hidden.label} at position ${hidden.position}. Remove it and enter the ${rules.field} again.`,
      {
        field: rules.field,
        problem: hidden.kind,
        codePoint: formatCodePoint(hidden.codePoint),
        position: hidden.position,
      },
    );
  }

  const length = [...text].length;

  if (length > rules.maxLength) {
    throw new AppError(
      rules.code,
      `The ${rules.field} "${escapeText(text)}" is ${length} characters long; at most ${rules.maxLength} are allowed. Shorten it.`,
      { field: rules.field, problem: 'too_long', length, maxLength: rules.maxLength },
    );
  }

  return text;
}

/**
 * Escapes untrusted text for a message or a terminal. Control, invisible and non-U+0020
 * space characters become escapes (\n, \t, \x1b, \u200b, \u{e0001}) and a backslash
 * becomes \\. Text longer than `maxLength` code points is cut and followed by "… (N more)",
 * where N counts the code points left out.
 */
export function escapeText(text: string, maxLength = 80): string {
  let escaped = '';
  let count = 0;
  let total = 0;

  for (const character of text) {
    total += 1;

    if (count < maxLength) {
      escaped += escapeCharacter(character);
      count += 1;
    }
  }

  return total > maxLength ? `${escaped}… (${total - maxLength} more)` : escaped;
}

function classifyCharacter(character: string): HiddenCharacterKind | null {
  if (CONTROL.test(character)) {
    return 'control character';
  }

  if (INVISIBLE.test(character)) {
    return 'invisible character';
  }

  if (character !== ' ' && SEPARATOR.test(character)) {
    return 'space other than U+0020';
  }

  return null;
}

function escapeCharacter(character: string): string {
  if (character === '\\') {
    return '\\\\';
  }

  if (classifyCharacter(character) === null) {
    return character;
  }

  const codePoint = character.codePointAt(0) ?? 0;
  const short: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

  if (short[codePoint] !== undefined) {
    return short[codePoint];
  }

  if (codePoint <= 0xff) {
    return `\\x${codePoint.toString(16).padStart(2, '0')}`;
  }

  return codePoint <= 0xffff
    ? `\\u${codePoint.toString(16).padStart(4, '0')}`
    : `\\u{${codePoint.toString(16)}}`;
}

function labelCodePoint(codePoint: number): string {
  const name = NAMES[codePoint];

  return name === undefined ? formatCodePoint(codePoint) : `${formatCodePoint(codePoint)} ${name}`;
}

function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
