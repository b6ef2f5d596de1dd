import { splitAimPrefix } from '../../../shared/gs1/aim';
import { parseGs1Fields } from '../../../shared/scanner/gs1-fields';
import { buildScan } from '../../../shared/scanner/scan';
import type { Scan } from '../../../shared/scanner/scan';

/**
 * Builds the Scan for text entered in the scan input. A leading AIM identifier such as
 * `]d2` becomes the symbology, so a scanner set to send it, or a packer typing a GS1
 * element string after it, gets the same GS1 reading as a HID scan.
 */
export function manualScan(text: string, time: Date = new Date()): Scan {
  const { aim, data } = splitAimPrefix(text);
  const hasData = aim !== null && data !== '';

  return buildScan(
    { text: hasData ? data : text, symbology: hasData ? aim : null, terminator: 'cr' },
    { source: 'manual', device: null, time, parseGs1: parseGs1Fields },
  );
}
