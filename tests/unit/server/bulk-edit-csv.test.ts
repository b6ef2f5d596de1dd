import { describe, expect, it } from 'vitest';

import { parseBulkEditCsv } from '../../../src/server/catalog/bulk-edit-csv';
import { isAppError } from '../../../src/shared/errors';

function errorCodeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('parseBulkEditCsv', () => {
  it('matches headers ignoring a BOM, case and spaces', () => {
    const parsed = parseBulkEditCsv('\uFEFF sku ,TITLE,needs  serial number\r\nA-1,Name,1\r\n');

    expect(parsed.rows).toEqual([
      { row: 2, sku: 'A-1', change: { name: 'Name', needsSerialNumber: true } },
    ]);
    expect(parsed.columnFor('needsSerialNumber')).toBe('needs  serial number');
  });

  it.each([
    ['1', true],
    [' 1', true],
    ['0', false],
  ])('reads Needs Serial Number %j', (cell, expected) => {
    const parsed = parseBulkEditCsv(`SKU,Needs Serial Number\nA-1,${cell}\n`);

    expect(parsed.rows[0]!.change.needsSerialNumber).toBe(expected);
  });

  it.each(['yes', '1.0', 'true', '2'])('rejects Needs Serial Number %j with the row', (cell) => {
    const parsed = parseBulkEditCsv(`SKU,Needs Serial Number\nA-1,${cell}\n`);

    expect(parsed.rows[0]!.rejection).toMatchObject({
      column: 'Needs Serial Number',
      code: 'invalid_value',
    });
    expect(parsed.rows[0]!.rejection!.message).toContain('Row 2');
    expect(parsed.rows[0]!.rejection!.message).toContain('must be 1 or 0');
  });

  it('leaves a blank cell out of the change', () => {
    const parsed = parseBulkEditCsv('SKU,Title,Needs Serial Number\nA-1,,\n');

    expect(parsed.rows[0]!.change).toEqual({});
  });

  it('counts rows as records across quoted line breaks', () => {
    const parsed = parseBulkEditCsv('SKU,Title\r\nA-1,"Two\r\nlines"\r\nA-2,"Rail 12"" long"\r\n');

    expect(parsed.rows.map((row) => [row.row, row.change.name])).toEqual([
      [2, 'Two\r\nlines'],
      [3, 'Rail 12" long'],
    ]);
  });

  it('rejects a row with a wrong cell count', () => {
    const parsed = parseBulkEditCsv('SKU,Title\nA-1,Name,extra\n');

    expect(parsed.rows[0]!.rejection!.code).toBe('csv_wrong_column_count');
  });

  it('rejects duplicate columns and a missing SKU column', () => {
    expect(
      errorCodeOf(() => parseBulkEditCsv('SKU,Title,Needs Serial Number,Needs Serial Number\n')),
    ).toBe('csv_duplicate_column');
    expect(errorCodeOf(() => parseBulkEditCsv('SKU,Name,Title\n'))).toBe('csv_duplicate_column');
    expect(errorCodeOf(() => parseBulkEditCsv('Title\nA\n'))).toBe('csv_missing_column');
    expect(errorCodeOf(() => parseBulkEditCsv(''))).toBe('csv_invalid');
    expect(errorCodeOf(() => parseBulkEditCsv('SKU,Title\n"A-1,unterminated\n'))).toBe(
      'csv_invalid',
    );
  });

  it('lists unknown columns', () => {
    const parsed = parseBulkEditCsv('SKU,Colour,Weight\nA-1,red,2\n');

    expect(parsed.ignoredColumns).toEqual(['Colour', 'Weight']);
    expect(parsed.rows[0]!.change).toEqual({});
  });
});
