/** Error codes of the serial rules. The UI switches on these; they never change meaning. */
export type SerialErrorCode =
  | 'serial_empty'
  | 'serial_too_long'
  | 'serial_invisible_character'
  | 'serial_control_character'
  | 'serial_mixed_scripts'
  | 'duplicate_serial_in_order'
  | 'serial_previously_shipped'
  | 'serial_format_mismatch'
  | 'serial_format_rule_invalid';

/** Maximum serial length in UTF-16 code units, the unit `PackedUnit.serial` is checked in. */
export const MAX_SERIAL_LENGTH = 64;
