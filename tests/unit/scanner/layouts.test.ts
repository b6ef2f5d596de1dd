import { describe, expect, it } from 'vitest';

import type { KeyStroke } from '../../../src/shared/scanner/key-typer';
import { KeyTyper } from '../../../src/shared/scanner/key-typer';
import { getLayout, layoutIds } from '../../../src/shared/scanner/layouts';

type Press = [code: string, modifiers?: Partial<KeyStroke>];

function typeText(layout: string, presses: Press[]): string {
  const typer = new KeyTyper(getLayout(layout));
  let text = '';

  for (const [code, modifiers] of presses) {
    const outcomes = typer.press({
      code,
      shift: false,
      altGr: false,
      ctrl: false,
      alt: false,
      meta: false,
      ...modifiers,
    });

    for (const outcome of outcomes) {
      if (outcome.kind === 'error') {
        throw outcome.error;
      }

      text += outcome.kind === 'text' ? outcome.text : `<${outcome.terminator}>`;
    }
  }

  return text;
}

const SHIFT = { shift: true };
const ALTGR = { altGr: true };

describe('keyboard layouts', () => {
  it.each([
    ['us', [['Digit2', SHIFT], ['Backslash'], ['Quote', SHIFT]] as Press[], '@\\"'],
    [
      'uk',
      [['Digit2', SHIFT], ['Backslash'], ['Quote', SHIFT], ['Digit3', SHIFT]] as Press[],
      '"#@£',
    ],
    ['de', [['KeyZ'], ['Slash'], ['Digit7', SHIFT], ['Minus', ALTGR]] as Press[], 'y-/\\'],
    ['fr', [['KeyA'], ['Digit1'], ['Digit1', SHIFT], ['KeyM']] as Press[], 'q&1,'],
    [
      'es',
      [['Semicolon'], ['Digit2', ALTGR], ['Slash', SHIFT], ['Digit3', ALTGR]] as Press[],
      'ñ@_#',
    ],
    [
      'it',
      [['Semicolon', ALTGR], ['Quote', ALTGR], ['BracketLeft', SHIFT], ['Slash']] as Press[],
      '@#é-',
    ],
  ])('types the %s layout', (layout, presses, expected) => {
    expect(typeText(layout, presses)).toBe(expected);
  });

  it('types every ASCII digit and letter on every layout', () => {
    for (const layout of layoutIds) {
      const letters = getLayout(layout);
      const typed = [...letters.keys.keys()].filter((code) => /^Key[A-Z]$/.test(code));

      expect(typed).toHaveLength(26);
    }
  });

  it('combines a dead key with the next letter', () => {
    expect(typeText('de', [['Backquote'], ['KeyA']])).toBe('â');
    expect(typeText('fr', [['BracketLeft', SHIFT], ['KeyU']])).toBe('ü');
    expect(typeText('es', [['Quote'], ['KeyE']])).toBe('é');
  });

  it('types a dead key alone before a space', () => {
    expect(typeText('de', [['Backquote'], ['Space']])).toBe('^');
  });

  it('types a dead key and a letter it cannot combine with', () => {
    expect(typeText('de', [['Backquote'], ['KeyX']])).toBe('^x');
  });

  it('maps Ctrl chords to control characters', () => {
    expect(typeText('us', [['BracketRight', { ctrl: true }]])).toBe('\x1d');
    expect(typeText('us', [['Digit6', { ctrl: true, shift: true }]])).toBe('\x1e');
    expect(typeText('us', [['KeyD', { ctrl: true }]])).toBe('\x04');
    expect(typeText('us', [['KeyJ', { ctrl: true }]])).toBe('<lf>');
  });

  it('falls back to US positions for Ctrl', () => {
    expect(typeText('de', [['BracketRight', { ctrl: true }]])).toBe('\x1d');
    expect(typeText('de', [['KeyY', { ctrl: true }]])).toBe('\x1a');
  });

  it('never reads ß as a control letter', () => {
    expect(() => typeText('de', [['Minus', { ctrl: true }]])).toThrow(/with Ctrl/);
    expect(typeText('de', [['Minus', { ctrl: true, shift: true }]])).toBe('\x1f');
  });

  it('rejects a key with left Alt that is not a keypad digit', () => {
    expect(() => typeText('us', [['KeyA', { alt: true }]])).toThrow(/with left Alt/);
  });

  it('rejects an unknown layout id', () => {
    expect(() => getLayout('dvorak')).toThrow(/Keyboard layout "dvorak" is not supported/);
  });
});
