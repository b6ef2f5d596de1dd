/**
 * Short headlines for the serial rules' error codes, shown above main's message, which
 * names the value and the other unit or order. An unknown code gets a generic headline so a
 * new rule still shows its message.
 */
const headlines: Record<string, string> = {
  serial_empty: 'No serial number was entered',
  serial_too_long: 'Serial number is too long',
  serial_invisible_character: 'Serial number contains an invisible character',
  serial_control_character: 'Serial number contains a control character',
  serial_mixed_scripts: 'Serial number mixes letters from two alphabets',
  duplicate_serial_in_order: 'Serial number already used in this order',
  serial_previously_shipped: 'Serial number already shipped in another order',
  serial_format_mismatch: 'Serial number does not match the product format',
  serial_format_rule_invalid: 'The product serial format rule is broken',
};

export function serialProblemHeadline(code: string): string {
  return headlines[code] ?? 'Serial number not accepted';
}
