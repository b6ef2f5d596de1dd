/**
 * The case-insensitive comparison key of a normalised serial: two serials are the same
 * when their keys are equal. The stored serial keeps its case; only the key is folded.
 *
 * TODO: switch to `serialKey` from src/shared/serial when it exists, and add a migration
 * that recomputes `packed_units.serial_key` if the two functions ever differ.
 */
export function serialKeyOf(value: string): string {
  return value.normalize('NFKC').toUpperCase();
}
