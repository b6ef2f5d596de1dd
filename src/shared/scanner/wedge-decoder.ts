import type { ErrorBody } from '../errors';
import { scannerError } from './errors';
import { MODIFIER_CODES } from './key-codes';
import type { KeyOutcome, KeyStroke } from './key-typer';
import { KeyTyper } from './key-typer';
import type { LayoutId } from './layouts';
import { getLayout } from './layouts';
import type { DecodedBarcode, ScanTerminator } from './scan';
import { barcodeFromTyped } from './scan';

/** The fields of a DOM KeyboardEvent the decoder reads, with `time` from `timeStamp`. */
export interface WedgeKeyEvent {
  type: 'keydown' | 'keyup';
  code: string;
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** `getModifierState('AltGraph')`: on Windows AltGr also sets ctrlKey and altKey. */
  altGraph: boolean;
  repeat: boolean;
  /** Milliseconds on a monotonic clock. */
  time: number;
}

export interface WedgeOptions {
  /**
   * Layout the scanner types with; keys are decoded from KeyboardEvent.code with it, so the
   * OS layout does not matter. "os" takes KeyboardEvent.key as the OS layout produced it.
   */
  layout: LayoutId | 'os';
  /** Maximum gap between two keys of one scanner burst. */
  maxKeyGapMs: number;
  /** Minimum number of keys before the terminator that count as a scan rather than typing. */
  minBurstLength: number;
  /** Silence after which a burst without terminator is committed (or handed back). */
  idleCommitMs: number;
  /** A second terminator this soon after a scan's terminator is the same suffix. */
  suffixWindowMs: number;
  /** Commit a burst with no terminator as a scan; when false it is handed back as typing. */
  commitWithoutTerminator: boolean;
  /** The scanner sends the AIM symbology identifier before the data. */
  aimPrefix: boolean;
}

/**
 * Defaults: scanners in keyboard mode send a key every 2–20 ms (USB polling at 1–8 ms
 * with a press and a release report per character), while people rarely type four keys
 * in a row less than 40 ms apart. NOTE: these are estimates from published scanner
 * inter-character delays, not measured on station hardware. `npm run scanner -- watch`
 * prints the gap between reports of a real scanner to tune them.
 */
export const defaultWedgeOptions: WedgeOptions = {
  layout: 'us',
  maxKeyGapMs: 40,
  minBurstLength: 4,
  idleCommitMs: 500,
  suffixWindowMs: 50,
  commitWithoutTerminator: true,
  aimPrefix: false,
};

export interface LayoutWarning {
  code: 'scanner_layout_mismatch';
  message: string;
}

export type WedgeOutput =
  | { kind: 'scan'; barcode: DecodedBarcode; warning: LayoutWarning | null }
  /** Keys held back while the decoder waited to tell typing from a burst; insert them. */
  | { kind: 'typed'; text: string; hint: string | null }
  | { kind: 'discarded'; error: ErrorBody };

export interface WedgeDecision {
  /** Whether the adapter must call preventDefault and stopPropagation on this event. */
  preventDefault: boolean;
  outputs: WedgeOutput[];
}

interface HeldKey {
  stroke: KeyStroke;
  key: string;
  time: number;
}

/** AZERTY's unshifted digit row: what a US-position scanner types on a French desktop. */
const AZERTY_DIGIT_ROW = new Set('&é"\'(-è_çà');

const TERMINATOR_CODES: Record<string, ScanTerminator> = {
  Enter: 'cr',
  NumpadEnter: 'cr',
  Tab: 'tab',
};

/**
 * Tells keyboard-wedge scanner bursts from typing by timing and decodes bursts with the
 * scanner's layout. Printable keys are held back (preventDefault) until the decoder can
 * tell which they are. Keys that end up as typing come back as a "typed" output. A burst's
 * terminator never reaches the page, so a scanner's Enter cannot submit a form and its Tab
 * cannot move focus. Pure: the adapter passes events and calls `poll` at `nextDeadline()`.
 */
export class WedgeDecoder {
  private held: HeldKey[] = [];
  private lastTerminatorAt: number | null = null;

  constructor(private readonly options: WedgeOptions = defaultWedgeOptions) {
    if (options.layout !== 'os') {
      getLayout(options.layout);
    }
  }

  handle(event: WedgeKeyEvent): WedgeDecision {
    const outputs = this.poll(event.time);

    if (event.type === 'keyup' || MODIFIER_CODES.has(event.code) || event.repeat) {
      return { preventDefault: false, outputs };
    }

    if (this.isSuffixRepeat(event)) {
      return { preventDefault: true, outputs };
    }

    const terminator = TERMINATOR_CODES[event.code] ?? controlTerminator(event);

    if (terminator !== undefined) {
      return this.handleTerminator(terminator, event.time, outputs);
    }

    if (!isCharacterKey(event)) {
      // Backspace, arrows and the like are never part of a burst: settle what is held
      // first so the page receives the keys in the order they were pressed.
      if (this.held.length > 0) {
        outputs.push(this.isBurst() ? this.commit('none', event.time) : this.releaseAsTyped(null));
      }

      return { preventDefault: false, outputs };
    }

    const continuesBurst = this.held.length > 0;
    const isShortcut = (event.ctrlKey || event.altKey || event.metaKey) && !event.altGraph;

    if (!continuesBurst && isShortcut) {
      return { preventDefault: false, outputs };
    }

    this.held.push({ stroke: toStroke(event), key: event.key, time: event.time });

    return { preventDefault: true, outputs };
  }

  /** Settles held keys whose time is up: typing after `maxKeyGapMs`, a burst after idle. */
  poll(now: number): WedgeOutput[] {
    const last = this.held.at(-1);

    if (last === undefined) {
      return [];
    }

    const silence = now - last.time;

    if (!this.isBurst() && silence > this.options.maxKeyGapMs) {
      return [this.releaseAsTyped(null)];
    }

    if (this.isBurst() && silence >= this.options.idleCommitMs) {
      if (!this.options.commitWithoutTerminator) {
        return [
          this.releaseAsTyped(
            'The scanner sent no Enter or Tab at the end; check the value and press Enter.',
          ),
        ];
      }

      return [this.commit('none', now)];
    }

    return [];
  }

  nextDeadline(): number | null {
    const last = this.held.at(-1);

    if (last === undefined) {
      return null;
    }

    return last.time + (this.isBurst() ? this.options.idleCommitMs : this.options.maxKeyGapMs + 1);
  }

  private handleTerminator(
    terminator: ScanTerminator,
    time: number,
    outputs: WedgeOutput[],
  ): WedgeDecision {
    const last = this.held.at(-1);
    const inBurst =
      last !== undefined && this.isBurst() && time - last.time <= this.options.maxKeyGapMs;

    if (!inBurst) {
      if (this.held.length > 0) {
        outputs.push(this.releaseAsTyped(null));
      }

      return { preventDefault: false, outputs };
    }

    outputs.push(this.commit(terminator, time));

    return { preventDefault: true, outputs };
  }

  /** Returns whether the held keys came fast enough, and are enough, to be a scanner burst. */
  private isBurst(): boolean {
    if (this.held.length < this.options.minBurstLength) {
      return false;
    }

    return this.held.every(
      (held, index) =>
        index === 0 ||
        held.time - (this.held[index - 1]?.time ?? held.time) <= this.options.maxKeyGapMs,
    );
  }

  private isSuffixRepeat(event: WedgeKeyEvent): boolean {
    if (this.lastTerminatorAt === null || this.held.length > 0) {
      return false;
    }

    const isTerminator =
      TERMINATOR_CODES[event.code] !== undefined || controlTerminator(event) !== undefined;

    return isTerminator && event.time - this.lastTerminatorAt <= this.options.suffixWindowMs;
  }

  private commit(terminator: ScanTerminator, time: number): WedgeOutput {
    const held = this.held;
    this.held = [];
    this.lastTerminatorAt = terminator === 'none' ? null : time;

    const decoded = this.decode(held);

    if ('error' in decoded) {
      return { kind: 'discarded', error: decoded.error };
    }

    return {
      kind: 'scan',
      barcode: barcodeFromTyped(decoded.text, terminator, this.options.aimPrefix),
      warning: this.options.layout === 'os' ? layoutWarning(decoded.text) : null,
    };
  }

  private decode(held: HeldKey[]): { text: string } | { error: ErrorBody } {
    const typer = new KeyTyper(
      getLayout(this.options.layout === 'os' ? 'us' : this.options.layout),
    );
    let text = '';

    for (const { stroke, key } of held) {
      const outcomes: KeyOutcome[] =
        this.options.layout === 'os' && !stroke.ctrl && !stroke.alt
          ? [keyOutcome(key, stroke.code)]
          : typer.press(stroke);

      for (const outcome of outcomes) {
        if (outcome.kind === 'error') {
          return { error: outcome.error.toBody() };
        }

        if (outcome.kind === 'text') {
          text += outcome.text;
        }
      }
    }

    return { text };
  }

  private releaseAsTyped(hint: string | null): WedgeOutput {
    // NOTE: a chord held back inside what turns out to be typing (Ctrl+V 30 ms after a
    // letter) cannot be replayed to the page, so it is dropped.
    const text = this.held
      .filter((held) => !held.stroke.ctrl && !held.stroke.alt && !held.stroke.meta)
      .map((held) => (held.key.length === 1 ? held.key : ''))
      .join('');
    this.held = [];

    return { kind: 'typed', text, hint };
  }
}

/** Keys that type a character on some layout, including dead keys. */
function isCharacterKey(event: WedgeKeyEvent): boolean {
  return (
    [...event.key].length === 1 || event.key === 'Dead' || getLayout('us').keys.has(event.code)
  );
}

function toStroke(event: WedgeKeyEvent): KeyStroke {
  return {
    code: event.code,
    shift: event.shiftKey,
    altGr: event.altGraph,
    ctrl: event.ctrlKey && !event.altGraph,
    alt: event.altKey && !event.altGraph,
    meta: event.metaKey,
  };
}

/** Ctrl+M and Ctrl+J, which some scanners send as CR and LF. */
function controlTerminator(event: WedgeKeyEvent): ScanTerminator | undefined {
  if (!event.ctrlKey || event.altGraph || event.altKey) {
    return undefined;
  }

  if (event.code === 'KeyM') {
    return 'cr';
  }

  return event.code === 'KeyJ' ? 'lf' : undefined;
}

function keyOutcome(key: string, code: string): KeyOutcome {
  if (key.length === 1 || [...key].length === 1) {
    return { kind: 'text', text: key };
  }

  return {
    kind: 'error',
    error: scannerError(
      'scanner_unknown_key_code',
      `Key ${code} produced "${key}" instead of a character; the scan was discarded. Set the scanner's keyboard layout in the station's scanner settings.`,
      { code, key },
    ),
  };
}

function layoutWarning(text: string): LayoutWarning | null {
  if (text === '' || ![...text].every((character) => AZERTY_DIGIT_ROW.has(character))) {
    return null;
  }

  return {
    code: 'scanner_layout_mismatch',
    message: `Keyboard layout mismatch? The scan "${text}" contains only characters of the French digit row, which a scanner typing US key positions produces on a French (AZERTY) keyboard layout. Set "Scanner keyboard layout" in the scanner settings to the scanner's layout (usually US).`,
  };
}
