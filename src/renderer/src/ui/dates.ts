/**
 * Turns the value of an `<input type="date">` into the ISO time the contract expects: the
 * start of that local day, or with `endOfDay` the last millisecond of it. Empty stays
 * undefined so the filter is left out.
 */
export function dayToIso(day: string, endOfDay = false): string | undefined {
  if (day === '') return undefined;

  const [year, month, date] = day.split('-').map(Number);
  if (year === undefined || month === undefined || date === undefined) return undefined;

  const time = endOfDay
    ? new Date(year, month - 1, date, 23, 59, 59, 999)
    : new Date(year, month - 1, date);

  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** Returns the trimmed text of a filter field, or undefined when it is blank. */
export function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}
