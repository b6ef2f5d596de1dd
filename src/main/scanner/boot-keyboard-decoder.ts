import { scannerError } from '../../shared/scanner/errors';
import { codeForUsage, ERROR_UNDEFINED } from '../../shared/scanner/key-codes';
import type { KeyOutcome } from '../../shared/scanner/key-typer';
import { KeyTyper } from '../../shared/scanner/key-typer';
import type { KeyboardLayout } from '../../shared/scanner/layouts';

/** Modifier byte bits of a boot keyboard report. */
export const MODIFIER = {
  leftCtrl: 0x01,
  leftShift: 0x02,
  leftAlt: 0x04,
  leftGui: 0x08,
  rightCtrl: 0x10,
  rightShift: 0x20,
  rightAlt: 0x40,
  rightGui: 0x80,
} as const;

const BOOT_REPORT_LENGTH = 8;

/**
 * Decodes boot keyboard reports (modifier, reserved, six key slots) into text with the
 * scanner's configured layout, never the OS layout.
 *
 * A key is typed when its usage appears in a report and was absent from the previous one,
 * in slot order, so "00" needs a release report between the two presses and a repeated
 * key-down report types nothing. Shift, AltGr and Ctrl come from the modifier byte of the
 * report that brings the key, so a Shift still held after a capital never carries over to
 * the next key. A report with ErrorRollOver (or another error usage) in a slot is skipped
 * and does not change which keys count as held.
 */
export class BootKeyboardDecoder {
  private readonly typer: KeyTyper;
  private heldUsages: number[] = [];
  private altHeld = false;

  constructor(layout: KeyboardLayout) {
    this.typer = new KeyTyper(layout);
  }

  /**
   * Decodes one report of 8 bytes, or 9 when the device prefixes a report ID.
   * Throws scanner_invalid_report for any other length.
   */
  decode(report: Uint8Array): KeyOutcome[] {
    const bytes = stripReportId(report);
    const modifiers = bytes[0] ?? 0;
    const usages = Array.from(bytes.subarray(2)).filter((usage) => usage !== 0);

    if (usages.some((usage) => usage <= ERROR_UNDEFINED)) {
      return [];
    }

    const outcomes: KeyOutcome[] = [];
    const altHeld = (modifiers & MODIFIER.leftAlt) !== 0;

    if (this.altHeld && !altHeld) {
      outcomes.push(...this.typer.releaseAlt());
    }

    for (const usage of usages) {
      if (!this.heldUsages.includes(usage)) {
        outcomes.push(...this.press(usage, modifiers));
      }
    }

    this.heldUsages = usages;
    this.altHeld = altHeld;

    return outcomes;
  }

  /** Forgets held keys and any half-typed dead key or Alt code. */
  reset(): void {
    this.heldUsages = [];
    this.altHeld = false;
    this.typer.reset();
  }

  private press(usage: number, modifiers: number): KeyOutcome[] {
    const code = codeForUsage(usage);

    if (code === undefined) {
      const hex = `0x${usage.toString(16).padStart(2, '0')}`;

      return [
        {
          kind: 'error',
          error: scannerError(
            'scanner_unknown_key_usage',
            `Unknown key usage ${hex} in scan; the scan was discarded. Check that the scanner sends only characters and a suffix.`,
            { usage },
          ),
        },
      ];
    }

    return this.typer.press({
      code,
      shift: (modifiers & (MODIFIER.leftShift | MODIFIER.rightShift)) !== 0,
      altGr: (modifiers & MODIFIER.rightAlt) !== 0,
      ctrl: (modifiers & (MODIFIER.leftCtrl | MODIFIER.rightCtrl)) !== 0,
      alt: (modifiers & MODIFIER.leftAlt) !== 0,
      meta: (modifiers & (MODIFIER.leftGui | MODIFIER.rightGui)) !== 0,
    });
  }
}

function stripReportId(report: Uint8Array): Uint8Array {
  if (report.length === BOOT_REPORT_LENGTH) {
    return report;
  }

  if (report.length === BOOT_REPORT_LENGTH + 1) {
    return report.subarray(1);
  }

  throw scannerError(
    'scanner_invalid_report',
    `A keyboard report has ${report.length} bytes; expected 8 (or 9 with a report ID). Check that the device is a keyboard-mode scanner.`,
    { length: report.length },
  );
}
