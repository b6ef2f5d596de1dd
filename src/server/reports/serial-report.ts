import { Readable } from 'node:stream';

import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { z } from 'zod';

import type { Executor } from '../db/database';
import { queryRows } from '../db/database';
import { serverError } from '../errors';
import { searchKeyOf } from '../rules';
import { csvLine } from './csv-cells';

/** Maximum serial values in one report request, so one query stays small. */
const maxSerialFilters = 1_000;

const serialFilterValue = z
  .string()
  .min(1, 'a serial value is empty')
  .max(200, 'a serial value has more than 200 characters');

export const serialReportQuerySchema = z.object({
  /** One or more serials; matched like duplicates are, ignoring case after normalising. */
  serial: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(serialFilterValue).max(maxSerialFilters, {
      error: (issue) =>
        `at most ${maxSerialFilters} serial values are allowed, but the request has ${(issue.input as unknown[]).length}`,
    }),
  ),
  sku: z.string().min(1).max(64).optional(),
  orderNumber: z.string().min(1).max(64).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});
export type SerialReportQuery = z.infer<typeof serialReportQuerySchema>;

export interface SerialReportRow {
  serial: string;
  sku: string;
  productName: string;
  orderNumber: string;
  trackingNumber: string;
  shippedAt: string;
  packer: string;
  stationId: string;
}

export const serialReportCsvHeader = [
  'Serial Number',
  'SKU',
  'Product Name',
  'Order Number',
  'Tracking Number',
  'Shipped At',
  'Packer',
  'Station',
];

const exportPageSize = 10_000;

/**
 * Reads one page of the Serial Number Report, sorted by shipped time then row id. `nextCursor`
 * is null on the last page.
 */
export async function readSerialReportPage(
  db: Executor,
  query: SerialReportQuery,
): Promise<{ rows: SerialReportRow[]; nextCursor: string | null }> {
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const page = await selectRows(db, query, after, query.limit + 1);
  const rows = page.slice(0, query.limit);
  const last = rows.at(-1);
  const nextCursor =
    page.length > query.limit && last !== undefined ? encodeCursor(last.position) : null;
  return { rows: rows.map((row) => row.row), nextCursor };
}

/**
 * Streams the whole report as UTF-8 CSV (a BOM first so spreadsheets detect the encoding).
 * Rows are read 10,000 at a time, and the next page is requested before the current one
 * is formatted, so the database and the CSV writer work at the same time. At most two
 * pages are in memory, whatever the size of the result.
 */
export function streamSerialReportCsv(db: Executor, query: SerialReportQuery): Readable {
  // Decoded before the first byte is sent, so a bad cursor is still answered with a 400.
  const start: Position | null = query.cursor === undefined ? null : decodeCursor(query.cursor);

  async function* generate() {
    yield `\uFEFF${csvLine(serialReportCsvHeader)}`;

    let pending: Promise<ReportPage> | null = selectRows(db, query, start, exportPageSize);
    while (pending !== null) {
      const page: ReportPage = await pending;
      const last = page.at(-1);
      pending =
        page.length === exportPageSize && last !== undefined
          ? selectRows(db, query, last.position, exportPageSize)
          : null;

      if (page.length > 0) yield page.map(({ row }) => csvLine(csvCells(row))).join('');
    }
  }
  return Readable.from(generate());
}

function csvCells(row: SerialReportRow): string[] {
  return [
    row.serial,
    row.sku,
    row.productName,
    row.orderNumber,
    row.trackingNumber,
    row.shippedAt,
    row.packer,
    row.stationId,
  ];
}

type ReportPage = { row: SerialReportRow; position: Position }[];

interface Position {
  shippedAt: string;
  id: number;
}

interface RawRow {
  id: string | number;
  serial: string;
  sku: string;
  product_name: string;
  order_number: string;
  tracking_number: string;
  /** PostgreSQL's text form, exact to the microsecond; PGlite may hand back a Date. */
  shipped_at: string | Date;
  packer: string;
  station_id: string;
}

async function selectRows(
  db: Executor,
  query: SerialReportQuery,
  after: Position | null,
  limit: number,
): Promise<ReportPage> {
  const conditions: SQL[] = [];
  if (query.serial.length > 0) {
    const keys = [...new Set(query.serial.map(searchKeyOf))];
    conditions.push(
      sql`serial_key in (${sql.join(
        keys.map((key) => sql`${key}`),
        sql`, `,
      )})`,
    );
  }
  if (query.sku !== undefined) conditions.push(sql`sku = ${query.sku}`);
  if (query.orderNumber !== undefined) conditions.push(sql`order_number = ${query.orderNumber}`);
  if (query.from !== undefined) conditions.push(sql`shipped_at >= ${query.from}::timestamptz`);
  if (query.to !== undefined) conditions.push(sql`shipped_at < ${query.to}::timestamptz`);
  if (after !== null)
    conditions.push(sql`(shipped_at, id) > (${after.shippedAt}::timestamptz, ${after.id})`);
  const where = conditions.length === 0 ? sql`` : sql`where ${sql.join(conditions, sql` and `)}`;

  const rows = await queryRows<RawRow>(
    db,
    sql`select id, serial, sku, product_name, order_number, tracking_number, packer, station_id, shipped_at
        from shipped_serials ${where}
        order by shipped_at, id
        limit ${limit}`,
  );
  return rows.map((raw) => ({
    position: { shippedAt: exactTime(raw.shipped_at), id: Number(raw.id) },
    row: {
      serial: raw.serial,
      sku: raw.sku,
      productName: raw.product_name,
      orderNumber: raw.order_number,
      trackingNumber: raw.tracking_number,
      shippedAt: toIsoTime(raw.shipped_at),
      packer: raw.packer,
      stationId: raw.station_id,
    },
  }));
}

/** Returns the time as PostgreSQL wrote it, so a cursor keeps microseconds. */
function exactTime(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}

/** ISO 8601 in UTC with milliseconds, from PostgreSQL's `2026-03-01 00:01:29.28+00` form. */
function toIsoTime(value: string | Date): string {
  if (value instanceof Date) return value.toISOString();
  const iso = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  return new Date(iso).toISOString();
}

function encodeCursor(position: Position): string {
  return Buffer.from(`${position.shippedAt}|${position.id}`).toString('base64url');
}

function decodeCursor(text: string): Position {
  const [shippedAt, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (
    shippedAt === undefined ||
    id === undefined ||
    Number.isNaN(Date.parse(shippedAt)) ||
    !/^\d+$/.test(id)
  ) {
    throw serverError(
      'invalid_cursor',
      'The report cursor is not one this server issued. Start again without a cursor.',
      { cursor: text.slice(0, 100) },
    );
  }
  return { shippedAt, id: Number(id) };
}
