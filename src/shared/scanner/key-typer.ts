import type { AppError } from '../errors';
import { scannerError } from './errors';
import { MODIFIER_CODES, numpadDigit } from './key-codes';
import type { KeyboardLayout, KeyLevel } from './layouts';
import { characterAt, getLayout, isDeadKey } from './layouts';

/** One key press with the modifiers held while it went down. */
export interface KeyStroke {
  code: string;
  shift: boolean;
  /** Right Alt, which selects the third and fourth level on European layouts. */
  altGr: boolean;
  ctrl: boolean;
  /** Left Alt, used by scanners to type a character as an Alt code on the keypad. */
  alt: boolean;
  meta: boolean;
}

export type KeyOutcome =
  | { kind: 'text'; text: string }
  | { kind: 'terminator'; terminator: 'cr' | 'lf' | 'tab' }
  | { kind: 'error'; error: AppError };

const SPACING_FORM_OF_DEAD_KEY: Record<string, string> = {
  '\u0300': '`',
  '\u0301': '´',
  '\u0302': '^',
  '\u0303': '~',
  '\u0308': '¨',
};

const LEVEL_NAMES = ['no modifier', 'Shift', 'AltGr', 'Shift+AltGr'] as const;

const CONTROL_KEYS: Record<string, string> = {
  Backspace: '\b',
  Escape: '\x1b',
  Delete: '\x7f',
};

/**
 * Turns key presses into text with one keyboard layout, the way the OS would with that
 * layout. Dead keys combine with the next character. Ctrl chords become control characters
 * (Ctrl+] is GS, Ctrl+J is LF). Alt plus keypad digits is one character once Alt is released. Enter, keypad Enter, Tab and Ctrl+M/J/I are terminators.
 *
 * A Ctrl chord is read on the layout's own character first. When that is not a letter or
 * one of @ [ \ ] ^ _, the key's US character is used, because many scanners type control
 * characters at US key positions whatever layout they are set to.
 */
export class KeyTyper {
  private pendingDeadKey: string | null = null;
  private altCodeDigits = '';
  private readonly usLayout = getLayout('us');

  constructor(private readonly layout: KeyboardLayout) {}

  press(stroke: KeyStroke): KeyOutcome[] {
    if (MODIFIER_CODES.has(stroke.code)) {
      return [];
    }

    if (stroke.alt && !stroke.ctrl && !stroke.altGr) {
      return this.pressWithAlt(stroke);
    }

    if (stroke.meta) {
      return [chordError(stroke, 'a Windows or Command key')];
    }

    if (stroke.code === 'Enter' || stroke.code === 'NumpadEnter') {
      return [...this.flushDeadKey(), { kind: 'terminator', terminator: 'cr' }];
    }

    if (stroke.code === 'Tab') {
      return [...this.flushDeadKey(), { kind: 'terminator', terminator: 'tab' }];
    }

    const controlKey = CONTROL_KEYS[stroke.code];

    if (controlKey !== undefined) {
      return [...this.flushDeadKey(), { kind: 'text', text: controlKey }];
    }

    if (!this.layout.keys.has(stroke.code)) {
      return [
        {
          kind: 'error',
          error: scannerError(
            'scanner_unknown_key_code',
            `Key ${stroke.code} does not type a character on the ${this.layout.name} layout; the scan was discarded. Check the scanner's keyboard layout setting.`,
            { code: stroke.code, layout: this.layout.id },
          ),
        },
      ];
    }

    const level = levelOf(stroke);
    const character = characterAt(this.layout, stroke.code, level);

    if (stroke.ctrl) {
      return [...this.flushDeadKey(), this.controlCharacter(stroke, character)];
    }

    if (character === '') {
      return [chordError(stroke, `${LEVEL_NAMES[level]} on the ${this.layout.name} layout`)];
    }

    return this.typeCharacter(character);
  }

  /** Ends an Alt code: call when left Alt goes up. Returns the assembled character, if any. */
  releaseAlt(): KeyOutcome[] {
    const digits = this.altCodeDigits;
    this.altCodeDigits = '';

    if (digits === '') {
      return [];
    }

    const value = Number.parseInt(digits, 10);

    // Alt codes below 128 are ASCII under every Windows code page. Above that the result
    // depends on the code page, so only Windows-1252's printable Latin-1 range is accepted.
    if (value < 0x80 || (digits.startsWith('0') && value >= 0xa0 && value <= 0xff)) {
      return [...this.flushDeadKey(), { kind: 'text', text: String.fromCharCode(value) }];
    }

    return [
      {
        kind: 'error',
        error: scannerError(
          'scanner_unsupported_alt_code',
          `Alt code ${digits} is outside ASCII and Latin-1; the scan was discarded. Configure the scanner to send this character another way.`,
          { altCode: digits },
        ),
      },
    ];
  }

  /** Forgets a pending dead key or Alt code, e.g. when a scan is abandoned. */
  reset(): void {
    this.pendingDeadKey = null;
    this.altCodeDigits = '';
  }

  private pressWithAlt(stroke: KeyStroke): KeyOutcome[] {
    const digit = numpadDigit(stroke.code);

    if (digit === undefined) {
      return [chordError(stroke, 'left Alt')];
    }

    this.altCodeDigits += String(digit);

    return [];
  }

  private controlCharacter(stroke: KeyStroke, character: string): KeyOutcome {
    const usCharacter = characterAt(
      this.usLayout,
      stroke.code,
      levelOf({ ...stroke, altGr: false }),
    );
    const control = controlCodeOf(character) ?? controlCodeOf(usCharacter);

    if (control === undefined) {
      return chordError(stroke, 'Ctrl');
    }

    switch (control) {
      case 0x0d:
        return { kind: 'terminator', terminator: 'cr' };
      case 0x0a:
        return { kind: 'terminator', terminator: 'lf' };
      case 0x09:
        return { kind: 'terminator', terminator: 'tab' };
      default:
        return { kind: 'text', text: String.fromCharCode(control) };
    }
  }

  private typeCharacter(character: string): KeyOutcome[] {
    const deadKey = this.pendingDeadKey;

    if (isDeadKey(character)) {
      this.pendingDeadKey = character;

      return deadKey === null ? [] : [{ kind: 'text', text: spacingForm(deadKey) }];
    }

    if (deadKey === null) {
      return [{ kind: 'text', text: character }];
    }

    this.pendingDeadKey = null;

    if (character === ' ') {
      return [{ kind: 'text', text: spacingForm(deadKey) }];
    }

    const combined = (character + deadKey).normalize('NFC');

    return [
      { kind: 'text', text: combined.length === 1 ? combined : spacingForm(deadKey) + character },
    ];
  }

  private flushDeadKey(): KeyOutcome[] {
    const deadKey = this.pendingDeadKey;
    this.pendingDeadKey = null;

    return deadKey === null ? [] : [{ kind: 'text', text: spacingForm(deadKey) }];
  }
}

function levelOf(stroke: KeyStroke): KeyLevel {
  return ((stroke.shift ? 1 : 0) + (stroke.altGr ? 2 : 0)) as KeyLevel;
}

/** Control character of Ctrl+character as terminals define it: @ A–Z [ \ ] ^ _ to 0x00–0x1F. */
function controlCodeOf(character: string): number | undefined {
  if (character.length !== 1 || character.charCodeAt(0) >= 0x80) {
    return undefined;
  }

  const upper = character.toUpperCase().charCodeAt(0);

  return upper >= 0x40 && upper <= 0x5f ? upper - 0x40 : undefined;
}

function spacingForm(deadKey: string): string {
  return SPACING_FORM_OF_DEAD_KEY[deadKey] ?? deadKey;
}

function chordError(stroke: KeyStroke, modifier: string): KeyOutcome {
  return {
    kind: 'error',
    error: scannerError(
      'scanner_unsupported_chord',
      `Key ${stroke.code} with ${modifier} does not type a character; the scan was discarded. Check the scanner's keyboard layout and control-character settings.`,
      { code: stroke.code },
    ),
  };
}
