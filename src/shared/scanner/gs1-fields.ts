import { isGs1Aim, parseGs1 } from '../gs1';

const GROUP_SEPARATOR = '\x1d';

/**
 * Returns the AI → value map of a scan when its data is GS1, else null.
 *
 * A GS1 AIM identifier (]C1, ]d2, ]Q3, ]e0, ]J1) marks the data as GS1. Any other
 * identifier marks it as not GS1, whatever its digits look like. Without an identifier, as from
 * most keyboard-mode scanners, only data containing GS is tried, because GS can only be
 * FNC1 there; plain digits such as an EAN-13 are never split into AIs. Data that claims to
 * be GS1 but does not parse returns null, and the packing rules decide what to do with it.
 */
export function parseGs1Fields(
  text: string,
  symbology: string | null,
): Record<string, string> | null {
  if (symbology !== null && !isGs1Aim(symbology)) {
    return null;
  }

  if (symbology === null && !text.includes(GROUP_SEPARATOR)) {
    return null;
  }

  const parsed = parseGs1((symbology ?? '') + text);

  return parsed.ok ? parsed.value.values : null;
}
