import { fail, formatCodePoint, ok, type Result } from '../serial/result';
import { findMixedScript } from '../serial/scripts';

/** Error code of the SKU rule; `details.reason` names the check that failed. */
export type SkuErrorCode = 'invalid_sku';

/** Maximum SKU length in UTF-16 code units, as in the product schema. */
export const MAX_SKU_LENGTH = 64;

/** White space plus the zero-width characters that `String.prototype.trim` keeps. */
const EDGE_SPACE = /^\s$|^(?:\u200B|\u200C|\u200D|\u2060|\u180E)$/u;
const CONTROL = /\p{Cc}/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Co}\p{Cs}]/u;
const OTHER_SPACE = /\p{Z}/u;

/**
 * Checks a SKU as typed: 1 to 64 characters with no space at either end. It may contain
 * no control character and no invisible one (zero-width, BOM, private use, unpaired
 * surrogate, a space other than U+0020). Letters from two scripts are rejected by the
 * same script rule as serials. Stations match SKUs exactly, so a SKU is never cleaned up.
 */
export function checkSku(sku: string): Result<string> {
  if (sku.length === 0) return invalid(sku, 'empty', 'The SKU is empty. Enter the SKU.');
  if (sku.length > MAX_SKU_LENGTH) {
    return invalid(
      sku,
      'too_long',
      `SKU "${sku.slice(0, 16)}…" is ${sku.length} characters long; a SKU has at most ${MAX_SKU_LENGTH}.`,
    );
  }
  const first = String.fromCodePoint(sku.codePointAt(0) ?? 0);
  const last = [...sku.slice(-2)].at(-1) ?? '';
  if (EDGE_SPACE.test(first) || EDGE_SPACE.test(last)) {
    return invalid(
      sku,
      'edge_space',
      `SKU "${printable(sku)}" starts or ends with a space. Remove the space and save again.`,
    );
  }

  let position = 0;
  for (const character of sku) {
    position += 1;
    const codePoint = formatCodePoint(character.codePointAt(0) ?? 0);
    if (CONTROL.test(character)) {
      return invalid(
        sku,
        'control_character',
        `SKU "${printable(sku)}" contains control character ${codePoint} at position ${position}. Type the SKU again.`,
      );
    }
    if (INVISIBLE.test(character) || (character !== ' ' && OTHER_SPACE.test(character))) {
      return invalid(
        sku,
        'invisible_character',
        `SKU "${printable(sku)}" contains invisible character ${codePoint} at position ${position}. Type the SKU again instead of pasting it.`,
      );
    }
  }

  const mixed = findMixedScript(sku);
  if (mixed !== null) {
    return invalid(
      sku,
      'mixed_scripts',
      `SKU "${sku}" mixes ${mixed.mainScript} and ${mixed.otherScript} letters ("${mixed.character}" ${formatCodePoint(mixed.codePoint)} at position ${mixed.position} is ${mixed.otherScript}). Type the SKU again using one script.`,
    );
  }
  return ok(sku);
}

function invalid(sku: string, reason: string, message: string): Result<string> {
  return fail('invalid_sku', message, { sku: printable(sku), reason });
}

/** Shows control and invisible characters as `<U+XXXX>` so a message never hides them. */
function printable(value: string): string {
  let shown = '';
  for (const character of value) {
    const hidden =
      CONTROL.test(character) ||
      INVISIBLE.test(character) ||
      (character !== ' ' && OTHER_SPACE.test(character));
    shown += hidden ? `<${formatCodePoint(character.codePointAt(0) ?? 0)}>` : character;
  }
  return shown;
}
