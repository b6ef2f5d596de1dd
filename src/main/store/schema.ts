import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/**
 * The station database. Times are integers in milliseconds since the Unix epoch (UTC), so
 * they sort correctly whatever offset the station clock reported. JSON columns hold values
 * that the repositories parse with the shared zod schemas on the way out.
 *
 * Changing this file: run `npm run db:generate:store` and commit the generated migration.
 */

/** Products cached from the server's catalog. */
export const products = sqliteTable('products', {
  sku: text('sku').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['standard', 'kit', 'built_kit'] }).notNull(),
  needsSerialNumber: integer('needs_serial_number', { mode: 'boolean' }).notNull(),
  /** JSON array of strings, the product's barcodes as the server sent them. */
  barcodes: text('barcodes').notNull(),
  /** JSON object (SerialFormat) or null. */
  serialFormat: text('serial_format'),
  version: integer('version').notNull(),
});

/** One row per barcode so a scanned barcode finds its product through an index. */
export const productBarcodes = sqliteTable(
  'product_barcodes',
  {
    barcode: text('barcode').notNull(),
    sku: text('sku')
      .notNull()
      .references(() => products.sku, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.barcode, table.sku] })],
);

/** Orders cached from the server. */
export const orders = sqliteTable('orders', {
  orderNumber: text('order_number').primaryKey(),
  status: text('status', {
    enum: ['open', 'claimed', 'packed', 'shipped', 'cancelled'],
  }).notNull(),
  claimedBy: text('claimed_by'),
  version: integer('version').notNull(),
});

export const orderLines = sqliteTable(
  'order_lines',
  {
    orderNumber: text('order_number')
      .notNull()
      .references(() => orders.orderNumber, { onDelete: 'cascade' }),
    lineId: text('line_id').notNull(),
    /** Position of the line in the order as the server sent it. */
    position: integer('position').notNull(),
    sku: text('sku').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orderNumber, table.lineId] })],
);

/** Key-value settings; `value` is JSON. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** The station's current pack session, one row per station id, so a restart resumes it. */
export const packSessions = sqliteTable('pack_sessions', {
  stationId: text('station_id').primaryKey(),
  orderNumber: text('order_number'),
  state: text('state').notNull(),
  /** JSON object owned by the packing service. */
  data: text('data').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Units put in a box at this station. A unit is never deleted: removal sets `status` to
 * `removed` with who, when and why, and a replaced serial is kept in the audit log.
 */
export const packedUnits = sqliteTable(
  'packed_units',
  {
    /** Row id: gives history a stable tie-break when two units share a packed time. */
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: text('unit_id').notNull(),
    orderNumber: text('order_number').notNull(),
    lineId: text('line_id').notNull(),
    sku: text('sku').notNull(),
    /** Normalised serial, stored with the case it was scanned in. */
    serial: text('serial'),
    /** Case-insensitive comparison key of `serial`; every serial lookup uses this column. */
    serialKey: text('serial_key'),
    packer: text('packer').notNull(),
    stationId: text('station_id').notNull(),
    packedAt: integer('packed_at').notNull(),
    status: text('status', { enum: ['packed', 'removed'] })
      .notNull()
      .default('packed'),
    removedAt: integer('removed_at'),
    removedBy: text('removed_by'),
    removalReason: text('removal_reason'),
    shipmentId: text('shipment_id'),
  },
  (table) => [
    uniqueIndex('packed_units_unit_id').on(table.unitId),
    index('packed_units_serial_key').on(table.serialKey, table.packedAt),
    index('packed_units_order').on(table.orderNumber, table.packedAt),
    index('packed_units_sku').on(table.sku, table.packedAt),
    index('packed_units_packer').on(table.packer, table.packedAt),
    index('packed_units_packed_at').on(table.packedAt),
  ],
);

/** Shipments (labels) the server created for orders packed at this station. */
export const shipments = sqliteTable(
  'shipments',
  {
    shipmentId: text('shipment_id').primaryKey(),
    orderNumber: text('order_number').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    carrier: text('carrier').notNull(),
    shippedAt: integer('shipped_at').notNull(),
  },
  (table) => [index('shipments_order').on(table.orderNumber)],
);

/**
 * The transactional outbox: one row per sync event, written in the same transaction as the
 * change it describes. `seq` increases by one per database with no gaps. Rows are marked,
 * never deleted, once the server has answered.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull(),
    type: text('type', {
      enum: ['order.claim', 'unit.pack', 'unit.remove', 'unit.replace_serial'],
    }).notNull(),
    occurredAt: integer('occurred_at').notNull(),
    /** JSON payload, exactly as it will be pushed. */
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'acknowledged', 'rejected'] })
      .notNull()
      .default('pending'),
    answeredAt: integer('answered_at'),
    rejectCode: text('reject_code'),
    rejectMessage: text('reject_message'),
  },
  (table) => [
    uniqueIndex('outbox_id').on(table.id),
    index('outbox_pending')
      .on(table.seq)
      .where(sql`status = 'pending'`),
    index('outbox_rejected')
      .on(table.seq)
      .where(sql`status = 'rejected'`),
  ],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    /** What the entry is about: a unit id, an order number, a setting key. */
    subject: text('subject').notNull(),
    /** JSON object with the before and after values. */
    details: text('details').notNull(),
  },
  (table) => [index('audit_log_subject').on(table.subject, table.at)],
);

/** One row (id 1): the client id created with the database and the last seq used. */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  clientId: text('client_id').notNull(),
  lastSeq: integer('last_seq').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Pull cursors per stream (`catalog`, `orders`, `settings`), opaque strings from the server. */
export const pullCursors = sqliteTable('pull_cursors', {
  stream: text('stream').primaryKey(),
  cursor: text('cursor').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
