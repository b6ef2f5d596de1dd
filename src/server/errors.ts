import { AppError } from '../shared/errors';

/**
 * Error codes the server returns, each with its HTTP status. Codes raised by the shared
 * serial and product rules that are not listed here are answered 422.
 */
export const httpStatusByCode = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid_request: 400,
  invalid_json: 400,
  invalid_character: 400,
  client_token_mismatch: 403,
  sku_conflict: 409,
  invalid_sku: 422,
  invalid_cursor: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal_error: 500,
  database_too_new: 500,
  token_name_taken: 409,
  token_not_found: 404,
  product_not_found: 404,
  product_exists: 409,
  serial_tracking_locked: 409,
  serial_tracking_not_enabled: 409,
  serial_tracking_not_supported_for_kits: 422,
  invalid_barcode: 422,
  invalid_serial_format: 422,
  bulk_edit_rejected: 422,
  csv_invalid: 400,
  csv_missing_column: 400,
  csv_duplicate_column: 400,
  csv_too_many_rows: 413,
  order_not_found: 404,
  order_exists: 409,
  unknown_sku: 422,
  order_claimed_by_other_station: 409,
  order_not_open: 409,
  order_incomplete: 409,
  serial_missing: 409,
  shipment_not_found: 404,
  push_out_of_order: 400,
} as const;

export type ServerErrorCode = keyof typeof httpStatusByCode;

export function httpStatusFor(code: string): number {
  return (httpStatusByCode as Record<string, number>)[code] ?? 422;
}

export function serverError(
  code: ServerErrorCode,
  message: string,
  details?: Record<string, unknown>,
): AppError {
  return new AppError(code, message, details);
}
