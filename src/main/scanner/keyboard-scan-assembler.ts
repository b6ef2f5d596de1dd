import type { AppError } from '../../shared/errors';
import { isAppError } from '../../shared/errors';
import { scannerError } from '../../shared/scanner/errors';
import type { KeyOutcome } from '../../shared/scanner/key-typer';
import type { KeyboardLayout } from '../../shared/scanner/layouts';
import type { DecodedBarcode } from '../../shared/scanner/scan';
import { BootKeyboardDecoder } from './boot-keyboard-decoder';
import type { AssemblyOutput, EndReason, ScanAssembler } from './scan-assembler';

export interface KeyboardTimings {
  /**
   * Silence after the last key that ends a scan sent without a terminator. Scanners type a
   * key every few milliseconds, so 300 ms of silence is an ended scan, not a pause.
   */
  idleTimeoutMs: number;
  /**
   * How long a scan ended by CR waits for an LF: a CR LF suffix is one terminator, and a
   * second Enter this soon is the same suffix, not an empty scan.
   */
  suffixWindowMs: number;
}

export const defaultKeyboardTimings: KeyboardTimings = { idleTimeoutMs: 300, suffixWindowMs: 50 };

/**
 * Assembles keyboard-mode reports into barcodes. A scan ends at Enter, keypad Enter, Tab,
 * CR, LF or CR LF, or after `idleTimeoutMs` of silence. A scan in which a key could not be
 * decoded is discarded as a whole when it ends, never emitted with the character missing.
 */
export class KeyboardScanAssembler implements ScanAssembler {
  private readonly decoder: BootKeyboardDecoder;
  private text = '';
  private failure: AppError | null = null;
  private lastKeyAt = 0;
  private awaitingLineFeed: { barcode: DecodedBarcode; since: number } | null = null;

  constructor(
    layout: KeyboardLayout,
    private readonly timings: KeyboardTimings = defaultKeyboardTimings,
  ) {
    this.decoder = new BootKeyboardDecoder(layout);
  }

  push(report: Uint8Array, now: number): AssemblyOutput[] {
    const outputs = this.poll(now);
    let outcomes: KeyOutcome[];

    try {
      outcomes = this.decoder.decode(report);
    } catch (error) {
      if (!isAppError(error)) {
        throw error;
      }

      outcomes = [{ kind: 'error', error }];
    }

    for (const outcome of outcomes) {
      outputs.push(...this.apply(outcome, now));
    }

    return outputs;
  }

  poll(now: number): AssemblyOutput[] {
    const outputs: AssemblyOutput[] = [];

    if (
      this.awaitingLineFeed !== null &&
      now - this.awaitingLineFeed.since >= this.timings.suffixWindowMs
    ) {
      outputs.push(this.releaseAwaiting());
    }

    if (this.inProgress() && now - this.lastKeyAt >= this.timings.idleTimeoutMs) {
      outputs.push(this.finish('none'));
    }

    return outputs;
  }

  nextDeadline(): number | null {
    if (this.awaitingLineFeed !== null) {
      return this.awaitingLineFeed.since + this.timings.suffixWindowMs;
    }

    return this.inProgress() ? this.lastKeyAt + this.timings.idleTimeoutMs : null;
  }

  end(reason: EndReason): AssemblyOutput[] {
    const outputs: AssemblyOutput[] = [];

    if (this.awaitingLineFeed !== null) {
      outputs.push(this.releaseAwaiting());
    }

    if (this.inProgress()) {
      outputs.push(reason === 'end-of-input' ? this.finish('none') : this.discard(reason));
    }

    this.decoder.reset();

    return outputs;
  }

  private apply(outcome: KeyOutcome, now: number): AssemblyOutput[] {
    switch (outcome.kind) {
      case 'text':
        return this.appendText(outcome.text, now);
      case 'error':
        this.failure ??= outcome.error;
        this.lastKeyAt = now;

        return [];
      case 'terminator':
        return this.terminate(outcome.terminator, now);
      default:
        return assertNever(outcome);
    }
  }

  private appendText(text: string, now: number): AssemblyOutput[] {
    const outputs = this.awaitingLineFeed === null ? [] : [this.releaseAwaiting()];
    this.text += text;
    this.lastKeyAt = now;

    return outputs;
  }

  private terminate(terminator: 'cr' | 'lf' | 'tab', now: number): AssemblyOutput[] {
    const awaiting = this.awaitingLineFeed;

    if (awaiting !== null && !this.inProgress()) {
      // The second half of a CR LF suffix, or a second CR sent as part of the same suffix.
      const merged = terminator === 'lf' ? 'crlf' : awaiting.barcode.terminator;
      this.awaitingLineFeed = null;

      return [{ kind: 'barcode', barcode: { ...awaiting.barcode, terminator: merged } }];
    }

    const outputs = awaiting === null ? [] : [this.releaseAwaiting()];

    if (!this.inProgress()) {
      // A terminator with nothing before it is never an empty scan.
      return outputs;
    }

    if (terminator === 'cr' && this.failure === null) {
      this.awaitingLineFeed = {
        barcode: { text: this.text, symbology: null, terminator: 'cr' },
        since: now,
      };
      this.clear();

      return outputs;
    }

    outputs.push(this.finish(terminator));

    return outputs;
  }

  private finish(terminator: DecodedBarcode['terminator']): AssemblyOutput {
    const failure = this.failure;
    const partialLength = this.text.length;
    const output: AssemblyOutput =
      failure === null
        ? { kind: 'barcode', barcode: { text: this.text, symbology: null, terminator } }
        : { kind: 'discarded', error: failure, partialLength };
    this.clear();

    return output;
  }

  private discard(reason: 'unplugged' | 'read-error'): AssemblyOutput {
    const partialLength = this.text.length;
    this.clear();
    this.decoder.reset();

    return { kind: 'discarded', error: interruptedError(reason, partialLength), partialLength };
  }

  private releaseAwaiting(): AssemblyOutput {
    const barcode = this.awaitingLineFeed?.barcode;
    this.awaitingLineFeed = null;

    if (barcode === undefined) {
      throw new Error('releaseAwaiting called without a scan awaiting its LF');
    }

    return { kind: 'barcode', barcode };
  }

  private inProgress(): boolean {
    return this.text !== '' || this.failure !== null;
  }

  private clear(): void {
    this.text = '';
    this.failure = null;
  }
}

/** The error for a scan cut off by an unplug or a failed read. */
export function interruptedError(
  reason: 'unplugged' | 'read-error',
  partialLength: number,
): AppError {
  const cause = reason === 'unplugged' ? 'the scanner was unplugged' : 'reading the scanner failed';

  return scannerError(
    reason === 'unplugged' ? 'scanner_device_lost' : 'scanner_read_failed',
    `A scan was discarded because ${cause} after ${partialLength} characters. Scan the barcode again.`,
    { partialLength },
  );
}

function assertNever(value: never): never {
  throw new Error(`Unhandled key outcome: ${JSON.stringify(value)}`);
}
