import { getLayout } from '../../shared/scanner/layouts';
import { KeyboardScanAssembler } from './keyboard-scan-assembler';
import { PosScanAssembler } from './pos-scan-assembler';
import type { PosReportLayout } from './pos-report-layout';
import { posProfiles } from './pos-report-layout';
import type { AssemblyOutput, ScanAssembler } from './scan-assembler';

export type ReportMode = 'keyboard' | 'pos';

/** Keyboard reports are 8 bytes (9 with a report ID); HID POS reports are longer. */
export function detectMode(report: Uint8Array): ReportMode {
  return report.length <= 9 ? 'keyboard' : 'pos';
}

/** Creates the assembler for a mode with the keyboard layout or HID POS layout to use. */
export function createAssembler(
  mode: ReportMode,
  options: { layout: string; aimPrefix?: boolean; posLayout?: PosReportLayout },
): ScanAssembler {
  switch (mode) {
    case 'keyboard':
      return new KeyboardScanAssembler(getLayout(options.layout), {
        aimPrefix: options.aimPrefix ?? false,
      });
    case 'pos':
      return new PosScanAssembler(options.posLayout ?? posProfiles.standard);
    default:
      return assertNever(mode);
  }
}

/**
 * Replays recorded reports with no timing between them, as one uninterrupted capture:
 * the end of the list counts as the silence after the last report.
 */
export function replayReports(
  reports: Uint8Array[],
  options: { layout: string; mode?: ReportMode; aimPrefix?: boolean; posLayout?: PosReportLayout },
): AssemblyOutput[] {
  const first = reports[0];

  if (first === undefined) {
    return [];
  }

  const assembler = createAssembler(options.mode ?? detectMode(first), options);
  const outputs = reports.flatMap((report) => assembler.push(report, 0));

  return [...outputs, ...assembler.end('end-of-input')];
}

function assertNever(value: never): never {
  throw new Error(`Unhandled report mode: ${String(value)}`);
}
