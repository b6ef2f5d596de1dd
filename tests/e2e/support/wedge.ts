import type { Page } from 'playwright-core';

import { getLayout } from '../../../src/shared/scanner/layouts';

interface KeyPress {
  code: string;
  shift: boolean;
  ctrl: boolean;
}

const groupSeparator = '\x1d';
const usKeys = keysOfUsLayout();

/**
 * Types a barcode into the page the way a US-layout keyboard-mode scanner does: physical
 * key codes with Shift held across capitals, GS as Ctrl+], then Enter. The key events are
 * queued to Chromium without waiting for each one, so they arrive back to back like a
 * scanner's burst, where a key follows every 2–20 ms. Awaiting each key would let a busy
 * test machine stretch the gaps into what looks like typing.
 */
export async function wedgeScan(page: Page, text: string): Promise<void> {
  const sent: Promise<void>[] = [];
  let shift = false;

  for (const character of text) {
    const key = keyFor(character);

    if (key.shift !== shift) {
      sent.push(key.shift ? page.keyboard.down('Shift') : page.keyboard.up('Shift'));
      shift = key.shift;
    }

    sent.push(...pressKey(page, key));
  }

  if (shift) sent.push(page.keyboard.up('Shift'));
  sent.push(...pressKey(page, { code: 'Enter', shift: false, ctrl: false }));

  await Promise.all(sent);
}

function pressKey(page: Page, key: KeyPress): Promise<void>[] {
  const sent: Promise<void>[] = [];

  if (key.ctrl) sent.push(page.keyboard.down('Control'));
  sent.push(page.keyboard.down(key.code), page.keyboard.up(key.code));
  if (key.ctrl) sent.push(page.keyboard.up('Control'));

  return sent;
}

function keyFor(character: string): KeyPress {
  if (character === groupSeparator) return { code: 'BracketRight', shift: false, ctrl: true };

  const key = usKeys.get(character);
  if (key === undefined) throw new Error(`No US key types ${JSON.stringify(character)}.`);

  return key;
}

function keysOfUsLayout(): Map<string, KeyPress> {
  const keys = new Map<string, KeyPress>();

  for (const [code, levels] of getLayout('us').keys) {
    if (code.startsWith('Numpad')) continue;

    const [plain, shifted] = levels;
    if (plain !== undefined && plain !== '' && !keys.has(plain))
      keys.set(plain, { code, shift: false, ctrl: false });
    if (shifted !== undefined && shifted !== '' && !keys.has(shifted))
      keys.set(shifted, { code, shift: true, ctrl: false });
  }

  return keys;
}
