/**
 * Resolves a two-digit GS1 year with GS1's sliding century rule. A year 51 to 99 years ahead
 * of the current year is in the previous century. A year 50 to 99 years behind it is in the
 * next century. Any other year is in the current century.
 */
export function resolveGs1Year(twoDigitYear: number, now: Date): number {
  const currentYear = now.getUTCFullYear();
  const currentCentury = currentYear - (currentYear % 100);
  const difference = twoDigitYear - (currentYear % 100);

  if (difference >= 51) {
    return currentCentury - 100 + twoDigitYear;
  }
  if (difference <= -50) {
    return currentCentury + 100 + twoDigitYear;
  }
  return currentCentury + twoDigitYear;
}

/**
 * Converts a GS1 `YYMMDD` date to ISO `YYYY-MM-DD`, or null when it is not a real date. Day
 * `00` means the last day of the month, as GS1 allows for dates such as best-before.
 */
export function parseGs1Date(yymmdd: string, now: Date): string | null {
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (match === null) {
    return null;
  }

  const year = resolveGs1Year(Number(match[1]), now);
  const month = Number(match[2]);
  const dayGiven = Number(match[3]);
  if (month < 1 || month > 12) {
    return null;
  }

  const lastDay = daysInMonth(year, month);
  const day = dayGiven === 0 ? lastDay : dayGiven;
  if (day > lastDay) {
    return null;
  }

  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Converts a GS1 date with a time (`YYMMDDHH`, `YYMMDDHHMM` or `YYMMDDHHMMSS`) to ISO
 * `YYYY-MM-DDTHH:MM[:SS]`, or null when it is not a real time. Day `00` is not allowed here.
 */
export function parseGs1DateTime(digits: string, now: Date): string | null {
  const match = /^(\d{6})(\d{2})(\d{2})?(\d{2})?$/.exec(digits);
  if (match === null || digits.slice(4, 6) === '00') {
    return null;
  }

  const date = parseGs1Date(match[1] ?? '', now);
  const hours = Number(match[2]);
  const minutes = match[3] === undefined ? 0 : Number(match[3]);
  const seconds = match[4] === undefined ? null : Number(match[4]);
  if (date === null || hours > 23 || minutes > 59 || (seconds !== null && seconds > 59)) {
    return null;
  }

  const time = `${pad(hours)}:${pad(minutes)}`;
  return seconds === null ? `${date}T${time}` : `${date}T${time}:${pad(seconds)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
