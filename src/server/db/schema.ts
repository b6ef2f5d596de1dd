import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

import type { CrossOrderSerialPolicy, ProductKind, SerialFormat } from '../../shared/domain';

/**
 * The server's PostgreSQL schema, shared by PGlite and PostgreSQL. Migrations are generated
 * from this file by drizzle-kit (`npx drizzle-kit generate --config drizzle.server.config.ts`).
 *
 * `version` columns hold values of the single `change_clock` row, so every change to a
 * product, order or the settings gets a number that only grows and pull cursors compare them.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const changeClock = pgTable('change_clock', {
  id: integer('id').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull(),
});

export const apiTokens = pgTable('api_tokens', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull().unique(),
  role: text('role', { enum: ['station', 'admin'] }).notNull(),
  /** SHA-256 of the token, hex. The token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
});

export const products = pgTable(
  'products',
  {
    sku: text('sku').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<ProductKind>().notNull(),
    needsSerialNumber: boolean('needs_serial_number').notNull(),
    barcodes: jsonb('barcodes').$type<string[]>().notNull(),
    serialFormat: jsonb('serial_format').$type<SerialFormat>(),
    version: bigint('version', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('products_version_idx').on(table.version, table.sku),
    index('products_lower_name_idx').on(sql`lower(${table.name})`),
  ],
);

export const settings = pgTable('settings', {
  id: integer('id').primaryKey(),
  allowDuplicateSerialsInOrder: boolean('allow_duplicate_serials_in_order').notNull(),
  crossOrderSerialPolicy: text('cross_order_serial_policy')
    .$type<CrossOrderSerialPolicy>()
    .notNull(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

export const orders = pgTable(
  'orders',
  {
    orderNumber: text('order_number').primaryKey(),
    status: text('status', {
      enum: ['open', 'claimed', 'packed', 'shipped', 'cancelled'],
    }).notNull(),
    claimedBy: text('claimed_by'),
    /** Name of the token that claimed the order; null for claims stored before it was kept. */
    claimedByToken: text('claimed_by_token'),
    version: bigint('version', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index('orders_version_idx').on(table.version, table.orderNumber),
    index('orders_status_idx').on(table.status, table.orderNumber),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    orderNumber: text('order_number')
      .notNull()
      .references(() => orders.orderNumber),
    lineId: text('line_id').notNull(),
    position: integer('position').notNull(),
    sku: text('sku').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orderNumber, table.lineId] })],
);

/**
 * Units packed at stations. `serial` keeps the normalised value with its case;
 * `serial_key` is the comparison key (case-folded) that duplicate checks and lookups use.
 * A removed unit keeps its row with `removed_at` set, for the audit trail.
 */
export const packedUnits = pgTable(
  'packed_units',
  {
    unitId: uuid('unit_id').primaryKey(),
    orderNumber: text('order_number')
      .notNull()
      .references(() => orders.orderNumber),
    lineId: text('line_id').notNull(),
    sku: text('sku').notNull(),
    serial: text('serial'),
    serialKey: text('serial_key'),
    packer: text('packer').notNull(),
    stationId: text('station_id').notNull(),
    clientId: uuid('client_id').notNull(),
    /** The station's clock when the unit was packed; kept, but never used for ordering. */
    stationPackedAt: timestamp('station_packed_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: text('removed_by'),
    removedReason: text('removed_reason'),
  },
  (table) => [
    index('packed_units_order_idx').on(table.orderNumber),
    index('packed_units_sku_serial_idx').on(table.sku, table.serialKey),
  ],
);

/** Who replaced which serial, when and why. */
export const serialChanges = pgTable('serial_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  unitId: uuid('unit_id').notNull(),
  orderNumber: text('order_number').notNull(),
  oldSerial: text('old_serial'),
  newSerial: text('new_serial').notNull(),
  reason: text('reason').notNull(),
  packer: text('packer').notNull(),
  stationChangedAt: timestamp('station_changed_at', { withTimezone: true }).notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Highest seq applied per station client id; the row is locked while a push applies. */
export const syncClients = pgTable('sync_clients', {
  clientId: uuid('client_id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  /** Name of the token whose push first used this client id; later pushes must use it too. */
  tokenName: text('token_name'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every event at or below a client's lastSeq, with the result it got, so a repeated event
 * is given `duplicate` and a different event at a known seq `client_diverged`.
 */
export const syncEvents = pgTable(
  'sync_events',
  {
    clientId: uuid('client_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    eventId: uuid('event_id').notNull(),
    type: text('type').notNull(),
    status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
    code: text('code'),
    message: text('message'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.clientId, table.seq] })],
);

export const shipments = pgTable('shipments', {
  trackingNumber: text('tracking_number').primaryKey(),
  orderNumber: text('order_number')
    .notNull()
    .unique()
    .references(() => orders.orderNumber),
  shippedAt: timestamp('shipped_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
});

/**
 * The Serial Number Report: one row per serial shipped, written when the shipment is
 * created, with the product name of that moment. Rows stay when a product's tracking is
 * switched off later.
 */
export const shippedSerials = pgTable(
  'shipped_serials',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    serial: text('serial').notNull(),
    serialKey: text('serial_key').notNull(),
    sku: text('sku').notNull(),
    productName: text('product_name').notNull(),
    orderNumber: text('order_number').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    shippedAt: timestamp('shipped_at', { withTimezone: true }).notNull(),
    packer: text('packer').notNull(),
    stationId: text('station_id').notNull(),
    unitId: uuid('unit_id').notNull(),
  },
  (table) => [
    index('shipped_serials_key_idx').on(table.serialKey),
    index('shipped_serials_time_idx').on(table.shippedAt, table.id),
    index('shipped_serials_sku_idx').on(table.sku, table.shippedAt),
    index('shipped_serials_order_idx').on(table.orderNumber),
    uniqueIndex('shipped_serials_unit_idx').on(table.unitId),
  ],
);

/** Privileged operations: who did what to which record, and why. */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  subject: text('subject').notNull(),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
});
