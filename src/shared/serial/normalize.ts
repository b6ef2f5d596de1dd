import { AppError, type ErrorBody } from '../errors';
import { MAX_SERIAL_LENGTH } from './codes';
import { fail, formatCodePoint, ok, type Result } from './result';
import { findMixedScript } from './scripts';

/**
 * Maximum raw input length that is normalised at all. Anything longer cannot trim down to a valid
 * serial in practice and is rejected before NFKC, so pasted megabytes cost nothing.
 */
const MAX_RAW_LENGTH = 1024;

/**
 * Characters removed from both ends: every `\s` character (which includes no-break space,
 * the line separators and U+FEFF, the BOM), plus the zero-width space, joiners, word joiner
 * and Mongolian vowel separator, which `String.prototype.trim` keeps.
 */
const EDGE_SPACE = '(?:\\s|\\u200B|\\u200C|\\u200D|\\u2060|\\u180E)';
const EDGE_TRIM = new RegExp(`^${EDGE_SPACE}+|${EDGE_SPACE}+$`, 'gu');

const CONTROL = /\p{Cc}/u;
const FORMAT_OR_IGNORABLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const PRIVATE_USE = /\p{Co}/u;
const SURROGATE = /\p{Cs}/u;
const SPACE_OTHER_THAN_PLAIN = /[\p{Z}]/u;

/**
 * Normalises a scanned or typed serial: Unicode NFKC, then whitespace trimmed at both ends.
 * Inner spaces are kept. The value is never altered further: an invisible or control
 * character inside, letters from two scripts, or more than 64 characters are rejected, so
 * two different labels can never be stored as the same serial.
 *
 * The returned value is what gets stored, with its case as entered.
 */
export function normalizeSerial(raw: string): Result<string> {
  if (raw.length > MAX_RAW_LENGTH) {
    return tooLong(raw.slice(0, 16) + '…', raw.length);
  }

  const value = raw.normalize('NFKC').replace(EDGE_TRIM, '');

  if (value.length === 0) {
    return fail(
      'serial_empty',
      'The serial is empty. Scan or type the serial printed on the unit.',
    );
  }

  if (value.length > MAX_SERIAL_LENGTH) {
    return tooLong(value, value.length);
  }

  const characterError = findForbiddenCharacter(value);
  if (characterError !== null) {
    return characterError;
  }

  const mixed = findMixedScript(value);
  if (mixed !== null) {
    const shown = `"${mixed.character}" ${formatCodePoint(mixed.codePoint)}`;
    return fail(
      'serial_mixed_scripts',
      `Serial "${value}" mixes ${mixed.mainScript} and ${mixed.otherScript} letters ` +
        `(${shown} at position ${mixed.position} is ${mixed.otherScript}). ` +
        'Check the label, then scan or type the serial again.',
      {
        value,
        position: mixed.position,
        codePoint: formatCodePoint(mixed.codePoint),
        scripts: [mixed.mainScript, mixed.otherScript],
      },
    );
  }

  return ok(value);
}

/** Same as `normalizeSerial`, but throws the error as an `AppError`. */
export function parseSerial(raw: string): string {
  const result = normalizeSerial(raw);
  if (!result.ok) {
    throw new AppError(result.error.code, result.error.message, result.error.details);
  }
  return result.value;
}

/**
 * Returns the key two serials are compared by: NFKC, then `toUpperCase()` (the root-locale
 * full uppercase mapping, so `ß` becomes `SS` and Greek final sigma equals sigma), then NFKC
 * again because uppercasing can produce decomposed sequences. This is not Unicode case
 * folding; the two differ only for rare letters such as the Turkish dotted capital I.
 * Store this key next to the serial so a database compares it with plain `=`.
 */
export function serialKey(value: string): string {
  return value.normalize('NFKC').toUpperCase().normalize('NFKC');
}

function tooLong(shown: string, length: number): { ok: false; error: ErrorBody } {
  return fail(
    'serial_too_long',
    `Serial "${shown}" is ${length} characters long; a serial has at most ${MAX_SERIAL_LENGTH}. ` +
      'Check that only the serial was scanned.',
    { length, maxLength: MAX_SERIAL_LENGTH },
  );
}

function findForbiddenCharacter(value: string): Result<string> | null {
  let position = 0;
  for (const character of value) {
    position += 1;
    const codePoint = character.codePointAt(0) ?? 0;
    const details = { value, position, codePoint: formatCodePoint(codePoint) };

    if (CONTROL.test(character)) {
      return fail(
        'serial_control_character',
        `Serial "${printable(value)}" contains control character ${formatCodePoint(codePoint)} ` +
          `at position ${position}. Check the scanner's suffix settings, then scan again.`,
        details,
      );
    }

    const kind = invisibleKind(character);
    if (kind !== null) {
      return fail(
        'serial_invisible_character',
        `Serial "${printable(value)}" contains ${kind} ${formatCodePoint(codePoint)} at ` +
          `position ${position}. Type the serial again instead of pasting it.`,
        details,
      );
    }
  }
  return null;
}

function invisibleKind(character: string): string | null {
  if (FORMAT_OR_IGNORABLE.test(character)) {
    return 'invisible character';
  }
  if (PRIVATE_USE.test(character)) {
    return 'private-use character';
  }
  if (SURROGATE.test(character)) {
    return 'unpaired surrogate';
  }
  if (character !== ' ' && SPACE_OTHER_THAN_PLAIN.test(character)) {
    return 'space character other than a plain space';
  }
  return null;
}

/** Shows control and invisible characters as `<U+XXXX>` so a message never hides them. */
function printable(value: string): string {
  let shown = '';
  for (const character of value) {
    const hidden =
      CONTROL.test(character) || (character !== ' ' && invisibleKind(character) !== null);
    shown += hidden ? `<${formatCodePoint(character.codePointAt(0) ?? 0)}>` : character;
  }
  return shown;
}
