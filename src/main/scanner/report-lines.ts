import type { DecodedBarcode } from '../../shared/scanner/scan';
import { escapeText } from '../../shared/text/plain-text';
import type { InputLine } from './bounded-lines';
import { MAX_LINE_LENGTH } from './bounded-lines';
import { parseHexReport } from './hex-report';
import type { PosReportLayout } from './pos-report-layout';
import { posProfiles } from './pos-report-layout';
import type { ReportMode } from './report-replay';
import { createAssembler } from './report-replay';
import type { AssemblyOutput, ScanAssembler } from './scan-assembler';

export interface ReportLineOptions {
  layout: string;
  /** The mode every line must fit, or null to pick it for each line from its length. */
  mode: ReportMode | null;
  aimPrefix: boolean;
  posLayout?: PosReportLayout;
}

/** Receives the results of `decodeReportLines` as they occur. */
export interface ReportLineSink {
  barcode(barcode: DecodedBarcode): void;
  /** A line that was skipped, or a scan that was discarded, with a printable message. */
  problem(lineNumber: number, message: string): void;
}

export interface ReportLineSummary {
  linesRead: number;
  /** Lines skipped because they are not hex, too long, or fit no report mode. */
  badLines: number;
  barcodes: number;
  discardedScans: number;
}

/**
 * Decodes recorded HID reports, one per line, into barcodes. Blank lines and lines starting
 * with # are skipped silently. Every other line that cannot be decoded is reported with its
 * number and the reason, and decoding goes on with the next line.
 *
 * Without a fixed mode, each line picks its mode from its length: 8 bytes (9 with a report
 * ID) is a boot keyboard report and anything longer is a HID POS report. Each mode has its
 * own assembler, so one stray line never switches how the rest of the input is read.
 */
export async function decodeReportLines(
  lines: AsyncIterable<InputLine>,
  options: ReportLineOptions,
  sink: ReportLineSink,
): Promise<ReportLineSummary> {
  const posLayout = options.posLayout ?? posProfiles.standard;
  const assemblers = new Map<ReportMode, ScanAssembler>();
  const summary: ReportLineSummary = { linesRead: 0, badLines: 0, barcodes: 0, discardedScans: 0 };

  const deliver = (outputs: AssemblyOutput[], lineNumber: number): void => {
    for (const output of outputs) {
      if (output.kind === 'discarded') {
        summary.discardedScans += 1;
        sink.problem(lineNumber, escapeText(output.error.message, 300));
        continue;
      }

      summary.barcodes += 1;
      sink.barcode(output.barcode);
    }
  };

  const reject = (lineNumber: number, message: string): void => {
    summary.badLines += 1;
    sink.problem(lineNumber, message);
  };

  for await (const line of lines) {
    summary.linesRead = line.number;

    if ('overLength' in line) {
      reject(
        line.number,
        `the line is ${line.overLength} bytes long; a report line has at most ${MAX_LINE_LENGTH}, so it was skipped`,
      );
      continue;
    }

    let report: Uint8Array | null;

    try {
      report = parseHexReport(line.text);
    } catch (error) {
      reject(line.number, (error as Error).message);
      continue;
    }

    if (report === null) {
      continue;
    }

    const choice = chooseMode(report, options.mode, posLayout);

    if ('problem' in choice) {
      reject(line.number, choice.problem);
      continue;
    }

    let assembler = assemblers.get(choice.mode);

    if (assembler === undefined) {
      assembler = createAssembler(choice.mode, { ...options, posLayout });
      assemblers.set(choice.mode, assembler);
    }

    deliver(assembler.push(report, 0), line.number);
  }

  for (const assembler of assemblers.values()) {
    deliver(assembler.end('end-of-input'), summary.linesRead);
  }

  return summary;
}

/** Returns the mode a report is read in, or why it fits neither the given nor any mode. */
function chooseMode(
  report: Uint8Array,
  mode: ReportMode | null,
  posLayout: PosReportLayout,
): { mode: ReportMode } | { problem: string } {
  const fitsKeyboard = report.length === 8 || report.length === 9;
  const fitsPos = posLayout.reportId === null || report[0] === posLayout.reportId;
  const firstByte = formatByte(report[0] ?? 0);
  const posReportId = posLayout.reportId === null ? '' : formatByte(posLayout.reportId);

  switch (mode) {
    case 'keyboard':
      return fitsKeyboard
        ? { mode }
        : {
            problem: `a keyboard report has 8 bytes (9 with a report ID), this line has ${report.length}; use --mode pos for a HID POS capture`,
          };
    case 'pos':
      return fitsPos
        ? { mode }
        : {
            problem: `a HID POS scanned-data report starts with report ID ${posReportId}, this ${report.length}-byte line starts with ${firstByte}; use --mode keyboard for a keyboard capture`,
          };
    case null:
      if (fitsKeyboard) {
        return { mode: 'keyboard' };
      }

      if (report.length < 8) {
        return {
          problem: `a report of ${report.length} bytes is too short: a keyboard report has 8 bytes (9 with a report ID) and a HID POS report more`,
        };
      }

      return fitsPos
        ? { mode: 'pos' }
        : {
            problem: `this ${report.length}-byte line is longer than a keyboard report (8 or 9 bytes), but does not start with the HID POS report ID ${posReportId} (it starts with ${firstByte})`,
          };
    default:
      return assertNever(mode);
  }
}

function formatByte(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled report mode: ${String(value)}`);
}
