/**
 * CSV writing for exports opened in spreadsheet programs (RFC 4180: every field quoted,
 * quotes doubled, CRLF line ends). A cell that starts with `=`, `+`, `-`, `@`, TAB or CR is
 * prefixed with an apostrophe, because spreadsheets run such a cell as a formula even when
 * it is quoted. Digit strings are written as they are, so leading zeros stay in the file.
 */
export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvCell(value: string): string {
  const guarded = startsLikeFormula(value) ? `'${value}` : value;
  return guarded.includes('"') ? `"${guarded.replace(/"/g, '""')}"` : `"${guarded}"`;
}

/** `=`, `+`, `-`, `@`, TAB or CR first; compared by code unit because exports call it per cell. */
function startsLikeFormula(value: string): boolean {
  const first = value.charCodeAt(0);
  return (
    first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13
  );
}
