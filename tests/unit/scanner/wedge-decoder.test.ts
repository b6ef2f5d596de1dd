import { describe, expect, it } from 'vitest';

import type {
  WedgeDecision,
  WedgeKeyEvent,
  WedgeOptions,
  WedgeOutput,
} from '../../../src/shared/scanner/wedge-decoder';
import { defaultWedgeOptions, WedgeDecoder } from '../../../src/shared/scanner/wedge-decoder';

interface Key {
  code: string;
  key: string;
  shift?: boolean;
  ctrl?: boolean;
  altGraph?: boolean;
}

function keydown(key: Key, time: number): WedgeKeyEvent {
  return {
    type: 'keydown',
    code: key.code,
    key: key.key,
    shiftKey: key.shift ?? false,
    ctrlKey: key.ctrl ?? false,
    altKey: false,
    metaKey: false,
    altGraph: key.altGraph ?? false,
    repeat: false,
    time,
  };
}

/** US-layout keys for a string of letters, digits and "-". */
function usKeys(text: string): Key[] {
  return [...text].map((character) => {
    if (character === '-') {
      return { code: 'Minus', key: '-' };
    }

    if (/\d/.test(character)) {
      return { code: `Digit${character}`, key: character };
    }

    const upper = character.toUpperCase();

    return { code: `Key${upper}`, key: character, shift: character === upper };
  });
}

const ENTER: Key = { code: 'Enter', key: 'Enter' };
const TAB: Key = { code: 'Tab', key: 'Tab' };

/** Feeds keys `gapMs` apart from `start`; returns every decision and the time after. */
function feed(decoder: WedgeDecoder, keys: Key[], start: number, gapMs: number) {
  const decisions: WedgeDecision[] = [];
  let time = start;

  for (const key of keys) {
    decisions.push(decoder.handle(keydown(key, time)));
    time += gapMs;
  }

  return { decisions, end: time - gapMs, outputs: decisions.flatMap((d) => d.outputs) };
}

function scans(outputs: WedgeOutput[]) {
  return outputs.flatMap((output) => (output.kind === 'scan' ? [output] : []));
}

function decoderWith(options: Partial<WedgeOptions> = {}): WedgeDecoder {
  return new WedgeDecoder({ ...defaultWedgeOptions, ...options });
}

describe('wedge decoder', () => {
  it('decodes punctuation and keypad digits by code', () => {
    const decoder = decoderWith();
    const keys: Key[] = [
      { code: 'KeyQ', key: 'Q', shift: true },
      { code: 'KeyC', key: 'C', shift: true },
      { code: 'Minus', key: '-' },
      { code: 'Digit1', key: '1' },
      { code: 'Numpad5', key: '5' },
      { code: 'Numpad7', key: '7' },
      ENTER,
    ];
    const { outputs } = feed(decoder, keys, 0, 5);

    expect(scans(outputs).map((scan) => scan.barcode.text)).toEqual(['QC-157']);
  });

  it('decodes US key positions on a French desktop', () => {
    const french = '-&"àè-ààà"è-ç';
    const codes = '6130760003769';
    const keys: Key[] = [...codes].map((digit, index) => ({
      code: `Digit${digit}`,
      key: french[index] as string,
    }));
    const { outputs, decisions } = feed(decoderWith({ layout: 'us' }), [...keys, ENTER], 0, 5);
    const [scan] = scans(outputs);

    expect(scan?.barcode.text).toBe('6130760003769');
    expect(scan?.warning).toBeNull();
    expect(decisions.every((decision) => decision.preventDefault)).toBe(true);
  });

  it('warns of an AZERTY digit-row scan with the OS layout', () => {
    const french = '-&"àè-ààà"è-ç';
    const keys: Key[] = [...'6130760003769'].map((digit, index) => ({
      code: `Digit${digit}`,
      key: french[index] as string,
    }));
    const { outputs } = feed(decoderWith({ layout: 'os' }), [...keys, ENTER], 0, 5);
    const [scan] = scans(outputs);

    expect(scan?.barcode.text).toBe(french);
    expect(scan?.warning?.code).toBe('scanner_layout_mismatch');
    expect(scan?.warning?.message).toContain('"Scanner keyboard layout"');
  });

  it('swallows the scanner Enter so no form submits', () => {
    const decoder = decoderWith();
    const { decisions, outputs } = feed(decoder, [...usKeys('SN-0042'), ENTER], 0, 5);

    expect(decisions.at(-1)?.preventDefault).toBe(true);
    expect(scans(outputs)).toEqual([
      {
        kind: 'scan',
        barcode: { text: 'SN-0042', symbology: null, terminator: 'cr' },
        warning: null,
      },
    ]);
  });

  it('swallows the second Enter of a CR LF suffix', () => {
    const decoder = decoderWith();
    const { end, outputs } = feed(decoder, [...usKeys('SN-0043'), ENTER], 0, 5);
    const second = decoder.handle(keydown(ENTER, end + 4));

    expect(scans(outputs)).toHaveLength(1);
    expect(second).toEqual({ preventDefault: true, outputs: [] });
  });

  it('lets a later Enter through', () => {
    const decoder = decoderWith();
    const { end } = feed(decoder, [...usKeys('SN-0043'), ENTER], 0, 5);

    expect(decoder.handle(keydown(ENTER, end + 400))).toEqual({
      preventDefault: false,
      outputs: [],
    });
  });

  it('treats Tab as the terminator and keeps focus', () => {
    const decoder = decoderWith();
    const { decisions, outputs } = feed(decoder, [...usKeys('SN-0044'), TAB], 0, 5);

    expect(decisions.at(-1)?.preventDefault).toBe(true);
    expect(scans(outputs).map((scan) => scan.barcode.terminator)).toEqual(['tab']);
  });

  it('commits a burst without terminator after idle', () => {
    const decoder = decoderWith();
    const { end, outputs } = feed(decoder, usKeys('SN-0045'), 0, 5);

    expect(scans(outputs)).toEqual([]);
    expect(decoder.nextDeadline()).toBe(end + 500);
    expect(decoder.poll(end + 499)).toEqual([]);
    expect(decoder.poll(end + 500)).toEqual([
      {
        kind: 'scan',
        barcode: { text: 'SN-0045', symbology: null, terminator: 'none' },
        warning: null,
      },
    ]);
  });

  it('hands back a burst without terminator when commits are off', () => {
    const decoder = decoderWith({ commitWithoutTerminator: false });
    const { end } = feed(decoder, usKeys('SN-0045'), 0, 5);
    const outputs = decoder.poll(end + 800);
    const typed = outputs.flatMap((output) => (output.kind === 'typed' ? [output] : []));

    expect(outputs).toHaveLength(1);
    expect(typed[0]?.text).toBe('SN-0045');
    expect(typed[0]?.hint).toContain('press Enter');
  });

  it('passes slow typing and its Enter through', () => {
    const decoder = decoderWith();
    const typed: string[] = [];
    let time = 0;

    for (const key of usKeys('SN-0046')) {
      const decision = decoder.handle(keydown(key, time));
      typed.push(...decision.outputs.flatMap((o) => (o.kind === 'typed' ? [o.text] : [])));
      time += 150;
    }

    const enter = decoder.handle(keydown(ENTER, time));
    typed.push(...enter.outputs.flatMap((o) => (o.kind === 'typed' ? [o.text] : [])));

    expect(typed.join('')).toBe('SN-0046');
    expect(enter.preventDefault).toBe(false);
    expect(scans(enter.outputs)).toEqual([]);
  });

  it('releases a held key once the gap has passed', () => {
    const decoder = decoderWith();
    const decision = decoder.handle(keydown({ code: 'KeyA', key: 'a' }, 0));

    expect(decision.preventDefault).toBe(true);
    expect(decoder.nextDeadline()).toBe(41);
    expect(decoder.poll(41)).toEqual([{ kind: 'typed', text: 'a', hint: null }]);
  });

  it('leaves shortcuts alone', () => {
    const decoder = decoderWith();

    expect(decoder.handle(keydown({ code: 'KeyS', key: 's', ctrl: true }, 0))).toEqual({
      preventDefault: false,
      outputs: [],
    });
  });

  it('settles held keys before Backspace', () => {
    const decoder = decoderWith();
    decoder.handle(keydown({ code: 'KeyA', key: 'a' }, 0));
    const decision = decoder.handle(keydown({ code: 'Backspace', key: 'Backspace' }, 20));

    expect(decision).toEqual({
      preventDefault: false,
      outputs: [{ kind: 'typed', text: 'a', hint: null }],
    });
  });

  it('decodes Ctrl+] in a burst as GS', () => {
    const decoder = decoderWith();
    const keys: Key[] = [
      ...usKeys('10AB'),
      { code: 'BracketRight', key: ']', ctrl: true },
      ...usKeys('21X9'),
      ENTER,
    ];
    const { outputs } = feed(decoder, keys, 0, 5);

    expect(scans(outputs).map((scan) => scan.barcode.text)).toEqual(['10AB\x1d21X9']);
  });

  it('decodes AltGr keys with a German scanner layout', () => {
    const decoder = decoderWith({ layout: 'de' });
    const keys: Key[] = [
      ...usKeys('ab'),
      { code: 'KeyQ', key: '@', ctrl: true, altGraph: true },
      { code: 'KeyY', key: 'z' },
      ENTER,
    ];
    const { outputs } = feed(decoder, keys, 0, 5);

    expect(scans(outputs).map((scan) => scan.barcode.text)).toEqual(['ab@z']);
  });

  it('decodes with the OS layout from key', () => {
    const keys: Key[] = [
      { code: 'KeyQ', key: 'Q', shift: true },
      { code: 'KeyC', key: 'C', shift: true },
      { code: 'Minus', key: '-' },
      { code: 'Digit1', key: '1' },
      { code: 'Numpad5', key: '5' },
      { code: 'Numpad7', key: '7' },
      ENTER,
    ];
    const { outputs } = feed(decoderWith({ layout: 'os' }), keys, 0, 5);
    const [scan] = scans(outputs);

    expect(scan?.barcode.text).toBe('QC-157');
    expect(scan?.warning).toBeNull();
  });

  it('splits an AIM prefix when configured', () => {
    const keys: Key[] = [{ code: 'BracketRight', key: ']' }, ...usKeys('C1SN42'), ENTER];
    const { outputs } = feed(decoderWith({ aimPrefix: true }), keys, 0, 5);

    expect(scans(outputs).map((scan) => scan.barcode)).toEqual([
      { text: 'SN42', symbology: ']C1', terminator: 'cr' },
    ]);
  });
});
