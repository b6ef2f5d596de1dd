import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse/sync';

import { productKindSchema, productSchema } from '../../shared/domain';
import { serverError } from '../errors';
import { describeBadCharacter, escapeBadCharacters, findInString } from '../http/text-safety';
import type { BadCharacter } from '../http/text-safety';
import type { BulkEditRow } from './bulk-edit';
import type { ProductChange, ProductField } from './products';

/**
 * Reading a Bulk Edit CSV: one row per existing product, `SKU` required, other known
 * columns optional. Headers match ignoring a leading BOM, case and surrounding spaces.
 * A blank cell leaves that field as it is.
 */
export interface ParsedBulkEditCsv {
  rows: BulkEditRow[];
  ignoredColumns: string[];
  /** The header as written in the file for each field, for row rejections. */
  columnFor: (field: ProductField | 'sku') => string;
}

export const maxBulkEditRows = 200_000;

type CsvField = ProductField | 'sku';

const headerAliases: Record<string, CsvField> = {
  sku: 'sku',
  name: 'name',
  title: 'name',
  'product name': 'name',
  kind: 'kind',
  'product kind': 'kind',
  'needs serial number': 'needsSerialNumber',
  barcodes: 'barcodes',
  barcode: 'barcodes',
};

const fieldLabels: Record<CsvField, string> = {
  sku: 'SKU',
  name: 'Name',
  kind: 'Kind',
  needsSerialNumber: 'Needs Serial Number',
  barcodes: 'Barcodes',
  serialFormat: 'Serial Format',
};

/**
 * Parses the file. Throws for a file that cannot be used at all (not CSV, no SKU column,
 * a duplicate column, too many rows); problems in a single row become that row's rejection.
 */
export function parseBulkEditCsv(text: string): ParsedBulkEditCsv {
  const records = parseRecords(text);
  const header = records[0];
  if (header === undefined) {
    throw serverError(
      'csv_invalid',
      'The CSV file is empty. Send a header row with SKU and the columns to change.',
    );
  }
  if (records.length - 1 > maxBulkEditRows) {
    throw serverError(
      'csv_too_many_rows',
      `The CSV file has ${records.length - 1} rows; the limit is ${maxBulkEditRows}. Split it into smaller files.`,
      { rows: records.length - 1, maxRows: maxBulkEditRows },
    );
  }

  const columns = mapHeader(header);
  const rows: BulkEditRow[] = [];
  for (let index = 1; index < records.length; index += 1) {
    rows.push(readRow(records[index]!, index + 1, columns));
  }

  const headerOf = new Map(columns.known.map((column) => [column.field, column.header]));
  return {
    rows,
    ignoredColumns: columns.ignored,
    columnFor: (field) => headerOf.get(field) ?? fieldLabels[field],
  };
}

interface KnownColumn {
  index: number;
  field: CsvField;
  header: string;
}

function parseRecords(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      throw serverError(
        'csv_invalid',
        `The CSV file could not be read: ${error.message}. Save it again as CSV and retry.`,
        { reason: error.code },
      );
    }
    throw error;
  }
}

function mapHeader(header: string[]): { known: KnownColumn[]; ignored: string[]; width: number } {
  const known: KnownColumn[] = [];
  const ignored: string[] = [];
  const seen = new Map<string, string>();

  header.forEach((raw, index) => {
    const written = raw.replace(/^\uFEFF/, '').trim();
    const normalized = written.toLowerCase().replace(/\s+/g, ' ');
    const field = headerAliases[normalized];
    const identity = field ?? `unknown:${normalized}`;

    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      throw serverError(
        'csv_duplicate_column',
        `The CSV header has the column "${written}" twice (also as "${earlier}"). Remove one of them and retry.`,
        { column: written },
      );
    }
    seen.set(identity, written);

    if (field === undefined) ignored.push(written);
    else known.push({ index, field, header: written });
  });

  if (!known.some((column) => column.field === 'sku')) {
    throw serverError(
      'csv_missing_column',
      'The CSV header has no SKU column. Add a column named SKU and retry.',
      { column: 'SKU' },
    );
  }
  return { known, ignored, width: header.length };
}

function readRow(
  record: string[],
  rowNumber: number,
  columns: { known: KnownColumn[]; width: number },
): BulkEditRow {
  const skuColumn = columns.known.find((column) => column.field === 'sku')!;
  let sku = (record[skuColumn.index] ?? '').trim();
  const badCell = findBadCell(record, columns.known);
  if (badCell !== null) sku = escapeBadCharacters(sku);
  const reject = (column: string | null, code: string, message: string): BulkEditRow => ({
    row: rowNumber,
    sku,
    change: {},
    rejection: { column, code, message },
  });

  if (record.length !== columns.width) {
    return reject(
      null,
      'csv_wrong_column_count',
      `Row ${rowNumber} has ${cellCount(record.length)} but the header has ${columns.width}. Check for a missing or extra comma.`,
    );
  }
  if (badCell !== null) {
    return reject(
      badCell.column,
      'invalid_character',
      `Row ${rowNumber}: ${describeBadCharacter(badCell.found)}`,
    );
  }
  if (sku === '') {
    return reject(
      skuColumn.header,
      'missing_sku',
      `Row ${rowNumber} has no SKU. Fill in the SKU or delete the row.`,
    );
  }

  const change: ProductChange = {};
  for (const column of columns.known) {
    const cell = record[column.index] ?? '';
    const problem = readCell(change, column.field, cell);
    if (problem !== null) {
      return reject(
        column.header,
        problem.code,
        `Row ${rowNumber}: ${column.header} ${problem.message}`,
      );
    }
  }
  return { row: rowNumber, sku, change };
}

/** Finds the first cell of a known column that contains U+0000 or a lone surrogate. */
function findBadCell(
  record: string[],
  known: KnownColumn[],
): { column: string; found: BadCharacter } | null {
  for (const column of known) {
    const found = findInString(record[column.index] ?? '', `column ${column.header}`);
    if (found !== null) return { column: column.header, found };
  }
  return null;
}

/** Copies one cell into `change`; returns a problem for a value the field cannot take. */
function readCell(
  change: ProductChange,
  field: CsvField,
  cell: string,
): { code: string; message: string } | null {
  const value = cell.trim();
  if (value === '' || field === 'sku') return null;

  switch (field) {
    case 'needsSerialNumber':
      if (value === '1') change.needsSerialNumber = true;
      else if (value === '0') change.needsSerialNumber = false;
      else return { code: 'invalid_value', message: `must be 1 or 0, not "${value}".` };
      return null;
    case 'name':
      if (!productSchema.shape.name.safeParse(value).success) {
        return { code: 'invalid_value', message: 'must be 1 to 200 characters.' };
      }
      change.name = value;
      return null;
    case 'kind': {
      const kind = productKindSchema.safeParse(value.toLowerCase().replace(/\s+/g, '_'));
      if (!kind.success) {
        return {
          code: 'invalid_value',
          message: `must be standard, kit or built kit, not "${value}".`,
        };
      }
      change.kind = kind.data;
      return null;
    }
    case 'barcodes': {
      const barcodes = value
        .split(';')
        .map((part) => part.trim())
        .filter((part) => part !== '');
      if (!productSchema.shape.barcodes.safeParse(barcodes).success) {
        return {
          code: 'invalid_value',
          message: 'must be up to 20 barcodes of at most 64 characters, separated by ";".',
        };
      }
      change.barcodes = barcodes;
      return null;
    }
    case 'serialFormat':
      return null;
    default:
      return assertNever(field);
  }
}

function cellCount(count: number): string {
  return count === 1 ? '1 cell' : `${count} cells`;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled CSV field: ${String(value)}`);
}
