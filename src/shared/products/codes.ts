/** Error codes of the product rules. */
export type ProductRuleErrorCode =
  | 'serial_tracking_locked'
  | 'serial_tracking_not_supported_for_kits'
  | 'serial_tracked_in_bulk_ship'
  | 'product_not_found';
