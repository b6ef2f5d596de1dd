import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse/sync';

import { orderLineSchema, orderSchema } from '../../shared/domain';
import { serverError } from '../errors';
import { describeBadCharacter, findInString } from '../http/text-safety';
import type { NewOrder } from './orders';

/**
 * Reads an orders CSV with one row per order line: `Order Number`, `SKU`, `Quantity` and an
 * optional `Line Id`, headers matched ignoring a BOM, case and surrounding spaces. Rows of
 * the same order number form one order, lines in file order. Any bad row rejects the file.
 */
export function parseOrdersCsv(text: string): NewOrder[] {
  const records = readRecords(text);
  const header = records[0];
  if (header === undefined) {
    throw serverError(
      'csv_invalid',
      'The CSV file is empty. Send a header row with Order Number, SKU and Quantity.',
    );
  }

  const columnIndex = mapColumns(header);
  const byNumber = new Map<string, NewOrder>();
  const problems: { row: number; column: string; message: string }[] = [];

  const columnName = (index: number) => (header[index] ?? '').replace(/^\uFEFF/, '').trim();
  records.slice(1).forEach((record, index) => {
    const row = index + 2;
    const problem = (column: number, message: string) =>
      problems.push({
        row,
        column: columnName(column),
        message: `Row ${row}, column ${columnName(column)}: ${message}`,
      });

    const used = [columnIndex.orderNumber, columnIndex.sku, columnIndex.quantity];
    if (columnIndex.lineId !== undefined) used.push(columnIndex.lineId);
    for (const column of used) {
      const found = findInString(record[column] ?? '', 'the cell');
      if (found !== null) {
        problem(column, describeBadCharacter(found));
        return;
      }
    }

    const orderNumber = (record[columnIndex.orderNumber] ?? '').trim();
    const sku = (record[columnIndex.sku] ?? '').trim();
    const quantityText = (record[columnIndex.quantity] ?? '').trim();
    const lineId =
      columnIndex.lineId === undefined ? '' : (record[columnIndex.lineId] ?? '').trim();

    if (!orderSchema.shape.orderNumber.safeParse(orderNumber).success) {
      problem(
        columnIndex.orderNumber,
        `the order number "${shown(orderNumber)}" must be 1 to 64 characters.`,
      );
      return;
    }
    if (!orderLineSchema.shape.sku.safeParse(sku).success) {
      problem(columnIndex.sku, `the SKU "${shown(sku)}" must be 1 to 64 characters.`);
      return;
    }
    const quantity = /^\d+$/.test(quantityText) ? Number(quantityText) : Number.NaN;
    if (!orderLineSchema.shape.quantity.safeParse(quantity).success) {
      problem(
        columnIndex.quantity,
        `the quantity "${shown(quantityText)}" must be a whole number from 1 to 10000.`,
      );
      return;
    }
    if (
      columnIndex.lineId !== undefined &&
      lineId !== '' &&
      !orderLineSchema.shape.lineId.safeParse(lineId).success
    ) {
      problem(columnIndex.lineId, `the line id "${shown(lineId)}" must be 1 to 64 characters.`);
      return;
    }

    const order = byNumber.get(orderNumber) ?? { orderNumber, lines: [] };
    order.lines.push(lineId === '' ? { sku, quantity } : { lineId, sku, quantity });
    byNumber.set(orderNumber, order);
  });

  if (problems.length > 0) {
    throw serverError(
      'csv_invalid',
      `${problems.length} rows of the orders CSV are invalid, so no order was created. Fix them and retry.`,
      { rows: problems.slice(0, 100) },
    );
  }
  return [...byNumber.values()];
}

/** Shortens a cell for a message, so a huge cell does not make a huge answer. */
function shown(value: string): string {
  return value.length > 70 ? `${value.slice(0, 70)}…` : value;
}

function readRecords(text: string): string[][] {
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

function mapColumns(header: string[]): {
  orderNumber: number;
  sku: number;
  quantity: number;
  lineId?: number;
} {
  const normalized = header.map((name) =>
    name
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase()
      .replace(/\s+/g, ' '),
  );
  const find = (...names: string[]) => {
    const matches = normalized.flatMap((name, index) => (names.includes(name) ? [index] : []));
    if (matches.length > 1) {
      throw serverError(
        'csv_duplicate_column',
        `The CSV header has the column "${names[0]}" twice. Remove one of them and retry.`,
        { column: names[0] },
      );
    }
    return matches[0];
  };

  const orderNumber = find('order number', 'order');
  const sku = find('sku');
  const quantity = find('quantity', 'qty');
  const lineId = find('line id', 'line');
  if (orderNumber === undefined || sku === undefined || quantity === undefined) {
    throw serverError(
      'csv_missing_column',
      'The orders CSV needs the columns Order Number, SKU and Quantity. Add the missing ones and retry.',
    );
  }
  return lineId === undefined
    ? { orderNumber, sku, quantity }
    : { orderNumber, sku, quantity, lineId };
}
