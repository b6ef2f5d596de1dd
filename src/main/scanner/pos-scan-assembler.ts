import type { AppError } from '../../shared/errors';
import { isAppError } from '../../shared/errors';
import { scannerError } from '../../shared/scanner/errors';
import type { ScanTerminator } from '../../shared/scanner/scan';
import { interruptedError } from './keyboard-scan-assembler';
import { decodePosReport } from './pos-report-decoder';
import type { PosReportLayout } from './pos-report-layout';
import type { AssemblyOutput, EndReason, ScanAssembler } from './scan-assembler';

/**
 * Time a barcode with "decode data continued" set may wait for its next report. Reports
 * of one barcode follow each other within a few USB polling intervals, so half a second
 * without one means the rest was lost.
 */
export const defaultContinuationTimeoutMs = 500;

/**
 * Joins HID POS reports into barcodes. Data bytes of all reports of one barcode are joined
 * before they are read as text, so a UTF-8 character split between reports survives. One
 * trailing CR, LF or CR LF is the scanner's suffix and is removed; every other byte stays,
 * GS included.
 */
export class PosScanAssembler implements ScanAssembler {
  private chunks: Uint8Array[] = [];
  private symbology: string | null = null;
  private deadline: number | null = null;

  constructor(
    private readonly layout: PosReportLayout,
    private readonly continuationTimeoutMs = defaultContinuationTimeoutMs,
  ) {}

  push(report: Uint8Array, now: number): AssemblyOutput[] {
    const outputs = this.poll(now);
    let fragment;

    try {
      fragment = decodePosReport(report, this.layout);
    } catch (error) {
      if (!isAppError(error)) {
        throw error;
      }

      return [...outputs, this.discardWith(error)];
    }

    if (fragment === null) {
      return outputs;
    }

    if (this.chunks.length === 0) {
      this.symbology = fragment.symbology;
    }

    this.chunks.push(fragment.data);

    if (fragment.continued) {
      this.deadline = now + this.continuationTimeoutMs;

      return outputs;
    }

    outputs.push(this.finish());

    return outputs;
  }

  poll(now: number): AssemblyOutput[] {
    if (this.deadline === null || now < this.deadline) {
      return [];
    }

    return [this.discardWith(continuationError(this.partialLength()))];
  }

  nextDeadline(): number | null {
    return this.deadline;
  }

  end(reason: EndReason): AssemblyOutput[] {
    if (this.chunks.length === 0) {
      return [];
    }

    const partialLength = this.partialLength();
    const error =
      reason === 'end-of-input'
        ? continuationError(partialLength)
        : interruptedError(reason, partialLength);

    return [this.discardWith(error)];
  }

  private finish(): AssemblyOutput {
    const { text, terminator } = splitSuffix(decodeText(joinChunks(this.chunks)));
    const symbology = this.symbology;
    this.reset();

    if (text === '') {
      return this.discardWith(
        scannerError(
          'scanner_invalid_report',
          'A HID POS scan carried no data. Scan the barcode again.',
        ),
      );
    }

    return { kind: 'barcode', barcode: { text, symbology, terminator } };
  }

  private discardWith(error: AppError): AssemblyOutput {
    const partialLength = this.partialLength();
    this.reset();

    return { kind: 'discarded', error, partialLength };
  }

  private partialLength(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  private reset(): void {
    this.chunks = [];
    this.symbology = null;
    this.deadline = null;
  }
}

function continuationError(partialLength: number): AppError {
  return scannerError(
    'scanner_continuation_timeout',
    `A scan was discarded because the scanner announced more data after ${partialLength} bytes and sent none. Scan the barcode again.`,
    { partialLength },
  );
}

function joinChunks(chunks: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;

  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }

  return joined;
}

/** Reads data as UTF-8 when it is valid UTF-8, else as Latin-1 (one character per byte). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return String.fromCharCode(...bytes);
  }
}

function splitSuffix(text: string): { text: string; terminator: ScanTerminator } {
  if (text.endsWith('\r\n')) {
    return { text: text.slice(0, -2), terminator: 'crlf' };
  }

  if (text.endsWith('\r')) {
    return { text: text.slice(0, -1), terminator: 'cr' };
  }

  if (text.endsWith('\n')) {
    return { text: text.slice(0, -1), terminator: 'lf' };
  }

  return { text, terminator: 'none' };
}
