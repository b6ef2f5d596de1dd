/**
 * Plain-words fixes for events the server rejected, by rejection code, for the supervisor.
 * A fix is always a new action on the station (pack again, replace a
 * serial, remove a unit); the rejected event itself is never sent again.
 */
const fixesByCode: Record<string, string> = {
  order_claimed_by_other_station:
    'Another station is packing this order. Take the units out of the box and give them to that station, or ask an admin to release the order, then pack them again here.',
  order_not_found:
    'The server does not know this order. Check the order number on the pick list; if it is right, ask the office to create the order, then pack the units again.',
  order_not_open:
    'The order was shipped or cancelled on the server before these units arrived. Take the units out of the box and check the order with the office.',
  order_line_not_found:
    'The order changed on the server and no longer has this line. Reload the order and pack its units again.',
  order_line_sku_mismatch:
    'The item does not belong to this line of the order. Remove the unit and scan the item that the pick list shows.',
  line_already_complete:
    'The line already has all its units on the server. Remove the extra unit from the box.',
  unit_already_packed:
    'This unit was already recorded on the server. Check the order; nothing needs sending again.',
  unit_not_found:
    'The unit is not in the order on the server, so the change cannot apply. Reload the order and check its units.',
  product_not_found:
    'The server does not know this product. Ask an admin to create it, then pack the unit again.',
  serial_required:
    'The product needs a serial number for every unit. Open the order, replace the serial of the unit with the one on the item, and ship again.',
  serial_missing:
    'The product needs a serial number for every unit. Open the order and scan the missing serial.',
  duplicate_serial_in_order:
    'The same serial number is on two units of this order. Check both items and replace the wrong serial.',
  serial_packed_in_other_order:
    'This serial number is already packed in another order. Check the item, scan its own serial, and tell a supervisor if both items carry the same number.',
  serial_previously_shipped:
    'This serial number was already shipped in another order. Check the item and scan its own serial.',
  serial_format_mismatch:
    "The serial number does not match the product's serial format. Scan the serial again from the item's label.",
  serial_not_supported_for_kits:
    'Kits do not take serial numbers. Remove the unit and pack it again without a serial.',
  serial_empty: 'The serial number was empty. Scan the serial from the item and replace it.',
  serial_too_long:
    'The serial number is longer than 64 characters, probably two scans run together. Scan it again.',
  serial_invisible_character:
    'The serial number contains an invisible character. Scan it again, or type it by hand.',
  serial_control_character:
    'The serial number contains a control character. Scan it again, or type it by hand.',
  serial_mixed_scripts:
    'The serial number mixes letters of two alphabets, such as a Cyrillic look-alike. Type it again with the right letters.',
};

const fallbackFix =
  'Read the message, correct the order on this station (replace the serial or remove and pack the unit again), then mark this entry as handled.';

export function fixFor(code: string): string {
  return fixesByCode[code] ?? fallbackFix;
}
