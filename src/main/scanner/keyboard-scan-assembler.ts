import type { AppError } from '../../shared/errors';
import { isAppError } from '../../shared/errors';
import type { ScannerErrorCode } from '../../shared/scanner/errors';
import { scannerError } from '../../shared/scanner/errors';
import type { KeyOutcome } from '../../shared/scanner/key-typer';
import type { KeyboardLayout } from '../../shared/scanner/layouts';
import type { DecodedBarcode } from '../../shared/scanner/scan';
import { barcodeFromTyped } from '../../shared/scanner/scan';
import { BootKeyboardDecoder } from './boot-keyboard-decoder';
import type { AssemblyOutput, EndReason, InterruptReason, ScanAssembler } from './scan-assembler';

export interface KeyboardTimings {
  /**
   * Silence after the last report that ends a scan sent without a terminator. Scanners type a
   * key every few milliseconds, so 300 ms of silence is an ended scan, not a pause.
   */
  idleTimeoutMs: number;
  /**
   * How long a scan ended by CR waits for an LF: a CR LF suffix is one terminator, and a
   * second Enter this soon is the same suffix, not an empty scan.
   */
  suffixWindowMs: number;
}

export interface KeyboardAssemblyOptions extends KeyboardTimings {
  /** The scanner sends the AIM symbology identifier before the data. */
  aimPrefix: boolean;
}

export const defaultKeyboardAssemblyOptions: KeyboardAssemblyOptions = {
  idleTimeoutMs: 300,
  suffixWindowMs: 50,
  aimPrefix: false,
};

/**
 * Assembles keyboard-mode reports into barcodes. A scan ends at Enter, keypad Enter, Tab,
 * CR, LF or CR LF, or after `idleTimeoutMs` of silence. A scan in which a key could not be
 * decoded is discarded as a whole when it ends, never emitted with the character missing.
 */
export class KeyboardScanAssembler implements ScanAssembler {
  private readonly decoder: BootKeyboardDecoder;
  private text = '';
  private failure: AppError | null = null;
  private lastReportAt = 0;
  private awaitingLineFeed: { barcode: DecodedBarcode; since: number } | null = null;

  private readonly timings: KeyboardAssemblyOptions;

  constructor(layout: KeyboardLayout, options: Partial<KeyboardAssemblyOptions> = {}) {
    this.decoder = new BootKeyboardDecoder(layout);
    this.timings = { ...defaultKeyboardAssemblyOptions, ...options };
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

    // Any report, a release included, shows the scanner is still sending.
    this.lastReportAt = now;

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

    if (this.inProgress() && now - this.lastReportAt >= this.timings.idleTimeoutMs) {
      outputs.push(this.finish('none'));
    }

    return outputs;
  }

  nextDeadline(): number | null {
    if (this.awaitingLineFeed !== null) {
      return this.awaitingLineFeed.since + this.timings.suffixWindowMs;
    }

    return this.inProgress() ? this.lastReportAt + this.timings.idleTimeoutMs : null;
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
        return this.appendText(outcome.text);
      case 'error':
        this.failure ??= outcome.error;

        return [];
      case 'terminator':
        return this.terminate(outcome.terminator, now);
      default:
        return assertNever(outcome);
    }
  }

  private appendText(text: string): AssemblyOutput[] {
    const outputs = this.awaitingLineFeed === null ? [] : [this.releaseAwaiting()];
    this.text += text;

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
        barcode: barcodeFromTyped(this.text, 'cr', this.timings.aimPrefix),
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
        ? {
            kind: 'barcode',
            barcode: barcodeFromTyped(this.text, terminator, this.timings.aimPrefix),
          }
        : { kind: 'discarded', error: failure, partialLength };
    this.clear();

    return output;
  }

  private discard(reason: InterruptReason): AssemblyOutput {
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

/** Creates the error for a scan cut off before its end. */
export function interruptedError(reason: InterruptReason, partialLength: number): AppError {
  const causes: Record<InterruptReason, [ScannerErrorCode, string]> = {
    unplugged: ['scanner_device_lost', 'the scanner was unplugged'],
    'read-error': ['scanner_read_failed', 'reading the scanner failed'],
    closed: ['scanner_device_lost', 'the station stopped reading the scanner'],
  };
  const [code, cause] = causes[reason];

  return scannerError(
    code,
    `A scan was discarded because ${cause} after ${partialLength} characters. Scan the barcode again.`,
    { partialLength },
  );
}

function assertNever(value: never): never {
  throw new Error(`Unhandled key outcome: ${JSON.stringify(value)}`);
}
