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
  const neutralised = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${neutralised.replace(/"/g, '""')}"`;
}
