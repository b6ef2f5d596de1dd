import { scannerError } from './errors';

/**
 * Keyboard layouts a scanner can be configured to type with, keyed by KeyboardEvent.code.
 * Each key lists what it types at four levels: plain, Shift, AltGr, Shift+AltGr; an empty
 * string means the level types nothing. A combining mark (U+0300–U+036F) is a dead key: it
 * types nothing itself and changes the next character. The tables cover the characters of
 * each national layout that a barcode can carry. NOTE: AltGr symbols beyond those listed
 * make the scan fail as "types nothing", even where the real layout has one.
 */

export const layoutIds = ['us', 'uk', 'de', 'fr', 'es', 'it'] as const;
export type LayoutId = (typeof layoutIds)[number];

export type KeyLevels = readonly string[];

export interface KeyboardLayout {
  id: LayoutId;
  name: string;
  keys: ReadonlyMap<string, KeyLevels>;
}

export type KeyLevel = 0 | 1 | 2 | 3;

const GRAVE = '\u0300';
const ACUTE = '\u0301';
const CIRCUMFLEX = '\u0302';
const TILDE = '\u0303';
const DIAERESIS = '\u0308';

const NUMPAD: Record<string, KeyLevels> = {
  NumpadDivide: ['/', '/'],
  NumpadMultiply: ['*', '*'],
  NumpadSubtract: ['-', '-'],
  NumpadAdd: ['+', '+'],
  NumpadDecimal: ['.', '.'],
  NumpadEqual: ['=', '='],
  NumpadComma: [',', ','],
  ...Object.fromEntries(
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => [`Numpad${d}`, [d, d]]),
  ),
};

const US_KEYS: Record<string, KeyLevels> = {
  Backquote: ['`', '~'],
  Digit1: ['1', '!'],
  Digit2: ['2', '@'],
  Digit3: ['3', '#'],
  Digit4: ['4', '$'],
  Digit5: ['5', '%'],
  Digit6: ['6', '^'],
  Digit7: ['7', '&'],
  Digit8: ['8', '*'],
  Digit9: ['9', '('],
  Digit0: ['0', ')'],
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  IntlBackslash: ['\\', '|'],
};

const UK_KEYS: Record<string, KeyLevels> = {
  ...US_KEYS,
  Backquote: ['`', '¬', '¦'],
  Digit2: ['2', '"'],
  Digit3: ['3', '£'],
  Digit4: ['4', '$', '€'],
  Quote: ["'", '@'],
  Backslash: ['#', '~'],
  IntlBackslash: ['\\', '|'],
  KeyA: ['a', 'A', 'á', 'Á'],
  KeyE: ['e', 'E', 'é', 'É'],
  KeyI: ['i', 'I', 'í', 'Í'],
  KeyO: ['o', 'O', 'ó', 'Ó'],
  KeyU: ['u', 'U', 'ú', 'Ú'],
};

const DE_KEYS: Record<string, KeyLevels> = {
  Backquote: [CIRCUMFLEX, '°'],
  Digit1: ['1', '!'],
  Digit2: ['2', '"', '²'],
  Digit3: ['3', '§', '³'],
  Digit4: ['4', '$'],
  Digit5: ['5', '%'],
  Digit6: ['6', '&'],
  Digit7: ['7', '/', '{'],
  Digit8: ['8', '(', '['],
  Digit9: ['9', ')', ']'],
  Digit0: ['0', '=', '}'],
  Minus: ['ß', '?', '\\'],
  Equal: [ACUTE, GRAVE],
  BracketLeft: ['ü', 'Ü'],
  BracketRight: ['+', '*', '~'],
  Semicolon: ['ö', 'Ö'],
  Quote: ['ä', 'Ä'],
  Backslash: ['#', "'"],
  IntlBackslash: ['<', '>', '|'],
  Comma: [',', ';'],
  Period: ['.', ':'],
  Slash: ['-', '_'],
  KeyQ: ['q', 'Q', '@'],
  KeyE: ['e', 'E', '€'],
  KeyM: ['m', 'M', 'µ'],
  KeyY: ['z', 'Z'],
  KeyZ: ['y', 'Y'],
  NumpadDecimal: [',', ','],
};

const FR_KEYS: Record<string, KeyLevels> = {
  Backquote: ['²', ''],
  Digit1: ['&', '1'],
  Digit2: ['é', '2', TILDE],
  Digit3: ['"', '3', '#'],
  Digit4: ["'", '4', '{'],
  Digit5: ['(', '5', '['],
  Digit6: ['-', '6', '|'],
  Digit7: ['è', '7', GRAVE],
  Digit8: ['_', '8', '\\'],
  Digit9: ['ç', '9', '^'],
  Digit0: ['à', '0', '@'],
  Minus: [')', '°', ']'],
  Equal: ['=', '+', '}'],
  BracketLeft: [CIRCUMFLEX, DIAERESIS],
  BracketRight: ['$', '£', '¤'],
  Semicolon: ['m', 'M'],
  Quote: ['ù', '%'],
  Backslash: ['*', 'µ'],
  IntlBackslash: ['<', '>'],
  KeyM: [',', '?'],
  Comma: [';', '.'],
  Period: [':', '/'],
  Slash: ['!', '§'],
  KeyQ: ['a', 'A'],
  KeyW: ['z', 'Z'],
  KeyA: ['q', 'Q'],
  KeyZ: ['w', 'W'],
  KeyE: ['e', 'E', '€'],
};

const ES_KEYS: Record<string, KeyLevels> = {
  Backquote: ['º', 'ª', '\\'],
  Digit1: ['1', '!', '|'],
  Digit2: ['2', '"', '@'],
  Digit3: ['3', '·', '#'],
  Digit4: ['4', '$', '~'],
  Digit5: ['5', '%', '€'],
  Digit6: ['6', '&', '¬'],
  Digit7: ['7', '/'],
  Digit8: ['8', '('],
  Digit9: ['9', ')'],
  Digit0: ['0', '='],
  Minus: ["'", '?'],
  Equal: ['¡', '¿'],
  BracketLeft: [GRAVE, CIRCUMFLEX, '['],
  BracketRight: ['+', '*', ']'],
  Semicolon: ['ñ', 'Ñ'],
  Quote: [ACUTE, DIAERESIS, '{'],
  Backslash: ['ç', 'Ç', '}'],
  IntlBackslash: ['<', '>'],
  Comma: [',', ';'],
  Period: ['.', ':'],
  Slash: ['-', '_'],
  KeyE: ['e', 'E', '€'],
};

const IT_KEYS: Record<string, KeyLevels> = {
  Backquote: ['\\', '|'],
  Digit1: ['1', '!'],
  Digit2: ['2', '"'],
  Digit3: ['3', '£'],
  Digit4: ['4', '$'],
  Digit5: ['5', '%', '€'],
  Digit6: ['6', '&'],
  Digit7: ['7', '/'],
  Digit8: ['8', '('],
  Digit9: ['9', ')'],
  Digit0: ['0', '='],
  Minus: ["'", '?'],
  Equal: ['ì', '^'],
  BracketLeft: ['è', 'é', '[', '{'],
  BracketRight: ['+', '*', ']', '}'],
  Semicolon: ['ò', 'ç', '@'],
  Quote: ['à', '°', '#'],
  Backslash: ['ù', '§'],
  IntlBackslash: ['<', '>'],
  Comma: [',', ';'],
  Period: ['.', ':'],
  Slash: ['-', '_'],
  KeyE: ['e', 'E', '€'],
};

const LAYOUTS: Record<LayoutId, KeyboardLayout> = {
  us: buildLayout('us', 'English (US)', US_KEYS),
  uk: buildLayout('uk', 'English (UK)', UK_KEYS),
  de: buildLayout('de', 'German', DE_KEYS),
  fr: buildLayout('fr', 'French (AZERTY)', FR_KEYS),
  es: buildLayout('es', 'Spanish', ES_KEYS),
  it: buildLayout('it', 'Italian', IT_KEYS),
};

export function isLayoutId(value: string): value is LayoutId {
  return (layoutIds as readonly string[]).includes(value);
}

/** Returns the layout for an id such as "de"; throws scanner_unknown_layout for any other. */
export function getLayout(id: string): KeyboardLayout {
  if (!isLayoutId(id)) {
    throw scannerError(
      'scanner_unknown_layout',
      `Keyboard layout "${id}" is not supported. Use one of: ${layoutIds.join(', ')}.`,
      { layout: id },
    );
  }

  return LAYOUTS[id];
}

/** Returns what `code` types at `level`, or '' when it types nothing there. */
export function characterAt(layout: KeyboardLayout, code: string, level: KeyLevel): string {
  return layout.keys.get(code)?.[level] ?? '';
}

/** Returns whether `character` is a dead key entry of a layout table. */
export function isDeadKey(character: string): boolean {
  return character.length === 1 && /\p{Mn}/u.test(character);
}

function buildLayout(
  id: LayoutId,
  name: string,
  overrides: Record<string, KeyLevels>,
): KeyboardLayout {
  const keys = new Map<string, KeyLevels>();

  for (let index = 0; index < 26; index += 1) {
    const letter = String.fromCharCode(0x61 + index);
    keys.set(`Key${letter.toUpperCase()}`, [letter, letter.toUpperCase()]);
  }

  keys.set('Space', [' ', ' ']);

  for (const [code, levels] of Object.entries({ ...NUMPAD, ...overrides })) {
    keys.set(code, levels);
  }

  return { id, name, keys };
}
