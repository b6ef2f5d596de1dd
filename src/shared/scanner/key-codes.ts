/**
 * HID keyboard usages (usage page 0x07) and the KeyboardEvent.code that browsers report for
 * the same physical key. Both the HID decoder and the renderer's
 * wedge decoder look characters up by code, so one layout table serves both.
 */

/** Usages 0x01–0x03 report an error state of the keyboard, not a key. */
export const ERROR_ROLL_OVER = 0x01;
export const POST_FAIL = 0x02;
export const ERROR_UNDEFINED = 0x03;

const LETTER_CODES = Array.from(
  { length: 26 },
  (_, index) => `Key${String.fromCharCode(0x41 + index)}`,
);
const DIGIT_CODES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((d) => `Digit${d}`);
const NUMPAD_DIGIT_CODES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map(
  (d) => `Numpad${d}`,
);

const NAMED_USAGES: ReadonlyArray<readonly [number, string]> = [
  [0x28, 'Enter'],
  [0x29, 'Escape'],
  [0x2a, 'Backspace'],
  [0x2b, 'Tab'],
  [0x2c, 'Space'],
  [0x2d, 'Minus'],
  [0x2e, 'Equal'],
  [0x2f, 'BracketLeft'],
  [0x30, 'BracketRight'],
  [0x31, 'Backslash'],
  // The ISO key left of Enter (# ~ on a UK keyboard) has its own usage but shares the code.
  [0x32, 'Backslash'],
  [0x33, 'Semicolon'],
  [0x34, 'Quote'],
  [0x35, 'Backquote'],
  [0x36, 'Comma'],
  [0x37, 'Period'],
  [0x38, 'Slash'],
  [0x39, 'CapsLock'],
  [0x4c, 'Delete'],
  [0x53, 'NumLock'],
  [0x54, 'NumpadDivide'],
  [0x55, 'NumpadMultiply'],
  [0x56, 'NumpadSubtract'],
  [0x57, 'NumpadAdd'],
  [0x58, 'NumpadEnter'],
  [0x63, 'NumpadDecimal'],
  [0x64, 'IntlBackslash'],
  [0x67, 'NumpadEqual'],
  [0x85, 'NumpadComma'],
];

const USAGE_TO_CODE: ReadonlyMap<number, string> = new Map<number, string>([
  ...LETTER_CODES.map((code, index) => [0x04 + index, code] as const),
  ...DIGIT_CODES.map((code, index) => [0x1e + index, code] as const),
  ...NUMPAD_DIGIT_CODES.map((code, index) => [0x59 + index, code] as const),
  ...NAMED_USAGES,
]);

/** Returns the KeyboardEvent.code for a keyboard-page usage, or undefined for keys we do not type. */
export function codeForUsage(usage: number): string | undefined {
  return USAGE_TO_CODE.get(usage);
}

/** Numpad digit codes, whose digit an Alt code is assembled from. */
export function numpadDigit(code: string): number | undefined {
  const index = NUMPAD_DIGIT_CODES.indexOf(code);

  return index === -1 ? undefined : (index + 1) % 10;
}

/** Codes of modifier and lock keys, which type nothing on their own. */
export const MODIFIER_CODES: ReadonlySet<string> = new Set([
  'ShiftLeft',
  'ShiftRight',
  'ControlLeft',
  'ControlRight',
  'AltLeft',
  'AltRight',
  'MetaLeft',
  'MetaRight',
  'CapsLock',
  'NumLock',
]);
