import { useCallback } from 'react';
import type { RefObject } from 'react';

import type { Scan } from '../../../shared/scanner/scan';

interface ScanWedgeOptions {
  /** The input that receives the wedge's keystrokes: the scan bar or the serial prompt. */
  target: RefObject<HTMLInputElement | null>;
  enabled: boolean;
  onScan(scan: Scan): void;
}

/**
 * Connects the keyboard-wedge fallback to the focused input and returns the function that
 * sends one scan to main.
 */
export function useScanWedge({ onScan }: ScanWedgeOptions): (scan: Scan) => void {
  // TODO: mount the wedge adapter here once it exists, so a scanner burst is decoded with
  // the scanner's layout and its Enter never submits the focused form.
  return useCallback((scan: Scan) => onScan(scan), [onScan]);
}
