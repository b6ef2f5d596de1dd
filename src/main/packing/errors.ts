import { AppError } from '../../shared/errors';

/**
 * Error codes the packing service adds to those of the shared packing, serial and GS1
 * rules and of the station store.
 */
export type PackingServiceErrorCode =
  /** An uncached order was scanned and the server could not be asked for it. */
  | 'order_unreachable'
  /** A label was asked for an order that has none yet. */
  | 'not_shipped'
  /** Shipping is waiting for the server; the sync engine completes it by itself. */
  | 'label_pending'
  /** A removal or replacement reason contains a control or invisible character. */
  | 'invalid_reason';

/**
 * Codes of the feedback the packing service shows besides errors and warnings, so the
 * screen can react to them (for example, focus the serial input on `serial_needed`).
 */
export type PackingFeedbackCode =
  'serial_needed' | 'serial_prompt_cancelled' | 'unit_removed' | 'label_created' | 'label_pending';

export function packingError(
  code: PackingServiceErrorCode,
  message: string,
  details?: Record<string, unknown>,
): AppError {
  return new AppError(code, message, details);
}
