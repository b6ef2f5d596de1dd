import type { AppError } from '../../shared/errors';
import type { DecodedBarcode } from '../../shared/scanner/scan';

/** A finished barcode, or a scan that was abandoned and must not be used. */
export type AssemblyOutput =
  | { kind: 'barcode'; barcode: DecodedBarcode }
  | { kind: 'discarded'; error: AppError; partialLength: number };

/**
 * Why reading stopped: the input ended (decode CLI), the device was unplugged, a read
 * failed, or the station closed the device. Only "end-of-input" lets a scan without
 * terminator through, as the idle timeout would have; the others discard a scan in progress.
 */
export type EndReason = 'end-of-input' | InterruptReason;
export type InterruptReason = 'unplugged' | 'read-error' | 'closed';

/**
 * Turns a device's reports into barcodes. `now` is a monotonic time in milliseconds. The
 * owner calls `poll` at `nextDeadline()` so timeouts fire without another report.
 */
export interface ScanAssembler {
  push(report: Uint8Array, now: number): AssemblyOutput[];
  poll(now: number): AssemblyOutput[];
  nextDeadline(): number | null;
  end(reason: EndReason): AssemblyOutput[];
}
