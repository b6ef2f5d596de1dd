import { scannerError } from '../../shared/scanner/errors';
import type { PosReportLayout } from './pos-report-layout';

/** The part of one barcode carried by one HID POS report. */
export interface PosFragment {
  symbology: string | null;
  data: Uint8Array;
  /** Whether the device set "decode data continued": more of this barcode follows. */
  continued: boolean;
}

const AIM_FLAG = 0x5d;

/**
 * Reads the byte count, AIM identifier, decoded data and continued flag of one report.
 * Exactly `byte count` data bytes are taken: padding, vendor code-ID and flag bytes after
 * them never reach the data. Returns null for a report with another report ID (trigger or
 * status reports). Throws scanner_invalid_report when the byte count does not fit.
 */
export function decodePosReport(report: Uint8Array, layout: PosReportLayout): PosFragment | null {
  if (layout.reportId !== null && report[0] !== layout.reportId) {
    return null;
  }

  const length = report[layout.lengthOffset];

  if (length === undefined || length > layout.dataCapacity) {
    throw scannerError(
      'scanner_invalid_report',
      `A HID POS report of ${report.length} bytes declares ${length ?? 'no'} data bytes; at most ${layout.dataCapacity} fit. Check the scanner's HID POS profile.`,
      { reportLength: report.length, byteCount: length ?? null },
    );
  }

  const { symbology, dataOffset } = locateSymbology(report, layout);

  if (dataOffset + length > report.length) {
    throw scannerError(
      'scanner_invalid_report',
      `A HID POS report of ${report.length} bytes is too short for its ${length} data bytes. Check the scanner's HID POS profile.`,
      { reportLength: report.length, byteCount: length },
    );
  }

  const continued =
    layout.continued !== null &&
    ((report[layout.continued.offset] ?? 0) & layout.continued.mask) !== 0;

  return { symbology, data: report.slice(dataOffset, dataOffset + length), continued };
}

/**
 * Finds the AIM identifier at its layout offset or one byte later, where some vendors put
 * it. The data follows the identifier. Without a "]" at either place the report has no
 * identifier and the data starts at the layout's data offset.
 */
function locateSymbology(
  report: Uint8Array,
  layout: PosReportLayout,
): { symbology: string | null; dataOffset: number } {
  const offset = layout.symbologyOffset;

  if (offset === null) {
    return { symbology: null, dataOffset: layout.dataOffset };
  }

  for (const shift of [0, 1]) {
    if (report[offset + shift] === AIM_FLAG) {
      const identifier = String.fromCharCode(
        ...report.subarray(offset + shift, offset + shift + 3),
      );

      return { symbology: identifier, dataOffset: layout.dataOffset + shift };
    }
  }

  return { symbology: null, dataOffset: layout.dataOffset };
}
