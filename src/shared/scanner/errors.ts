import { AppError } from '../errors';

/** Stable codes for every scanner failure a person or the UI can act on. */
export type ScannerErrorCode =
  | 'scanner_unknown_key_usage'
  | 'scanner_unknown_key_code'
  | 'scanner_unsupported_chord'
  | 'scanner_unsupported_alt_code'
  | 'scanner_invalid_report'
  | 'scanner_continuation_timeout'
  | 'scanner_device_lost'
  | 'scanner_read_failed'
  | 'scanner_open_failed'
  | 'scanner_unknown_layout'
  | 'scanner_invalid_config'
  | 'scanner_layout_mismatch';

export function scannerError(
  code: ScannerErrorCode,
  message: string,
  details?: Record<string, unknown>,
): AppError {
  return new AppError(code, message, details);
}
