/**
 * AIM symbology identifiers (ISO/IEC 15424) that mark a GS1 symbol: GS1-128, GS1 DataMatrix,
 * GS1 QR Code, GS1 DataBar and GS1 DotCode. Any other identifier, such as `]C0`, `]d1` or
 * `]Q1`, means the symbol is not GS1 even if its digits look like Application Identifiers.
 */
export const GS1_AIM_IDS: ReadonlySet<string> = new Set([']C1', ']d2', ']Q3', ']e0', ']J1']);

export interface AimSplit {
  /** The three-character identifier, e.g. `]d2`, or null when the text has none. */
  aim: string | null;
  data: string;
}

/** Splits a leading AIM symbology identifier (`]`, a letter, a digit or letter) off a scan. */
export function splitAimPrefix(text: string): AimSplit {
  if (/^\][A-Za-z][0-9A-Za-z]/.test(text)) {
    return { aim: text.slice(0, 3), data: text.slice(3) };
  }
  return { aim: null, data: text };
}

export function isGs1Aim(aim: string): boolean {
  return GS1_AIM_IDS.has(aim);
}
