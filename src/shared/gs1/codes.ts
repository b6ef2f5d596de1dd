/** Error codes of the GS1 element string parser. */
export type Gs1ErrorCode =
  | 'gs1_empty'
  | 'gs1_not_gs1_symbology'
  | 'gs1_unknown_ai'
  | 'gs1_check_digit'
  | 'gs1_invalid_value'
  | 'gs1_invalid_date'
  | 'gs1_field_too_short'
  | 'gs1_field_too_long'
  | 'gs1_separator_missing'
  | 'gs1_duplicate_ai'
  | 'gs1_ambiguous_brackets';

/** The ASCII group separator, which transmits FNC1 between elements. */
export const GS = '\u001D';

/** U+241D SYMBOL FOR GROUP SEPARATOR, which some scanners and fonts send in place of GS. */
export const GS_SYMBOL = '\u241D';
