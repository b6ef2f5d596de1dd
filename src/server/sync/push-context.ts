import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';

import type { AccountSettings, OrderLine, Product } from '../../shared/domain';
import type { SyncEvent } from '../../shared/sync/protocol';
import type { Tx } from '../db/database';
import { nextVersion } from '../db/database';
import { orderLines, orders, packedUnits, products, shipments } from '../db/schema';
import { toProduct } from '../catalog/products';
import { parseSerialOrThrow } from '../rules';
import { getSettings } from '../settings';

/** An order loaded by one push batch; its row stays locked until the batch commits. */
export interface LockedOrder {
  orderNumber: string;
  status: 'open' | 'claimed' | 'packed' | 'shipped' | 'cancelled';
  claimedBy: string | null;
  /** Token that claimed the order, or null for a claim stored before tokens were kept. */
  claimedByToken: string | null;
  lines: OrderLine[];
  /** Units in the box (not removed), by unit id, in packing order. */
  units: Map<string, BoxedUnit>;
}

export interface BoxedUnit {
  lineId: string;
  sku: string;
  serial: string | null;
  serialKey: string | null;
}

/** A unit of some order that carries a given SKU and serial key. */
export interface SerialUse {
  unitId: string;
  orderNumber: string;
  /** ISO time the order shipped, or null while it is only packed. */
  shippedAt: string | null;
}

type NewUnit = typeof packedUnits.$inferInsert;

/**
 * The state one push batch works on, loaded with a few queries before the first event:
 * the settings, the batch's products, its orders locked with `SELECT ... FOR UPDATE` in
 * order-number order (so two batches that share orders lock them in the same order), the unit ids
 * already stored, and every other use of the batch's serials. Handlers read and update
 * this state, so later events of the batch see earlier ones; new units are inserted in
 * one statement when the batch ends.
 */
export class PushContext {
  settings: AccountSettings = {
    allowDuplicateSerialsInOrder: false,
    crossOrderSerialPolicy: 'warn',
  };
  private readonly products = new Map<string, Product>();
  private readonly orders = new Map<string, LockedOrder>();
  private readonly knownUnitIds = new Set<string>();
  private readonly serialUses = new Map<string, SerialUse[]>();
  private readonly pendingUnits: NewUnit[] = [];
  private readonly changedOrders = new Set<string>();

  constructor(
    readonly tx: Tx,
    readonly clientId: string,
    /** Name of the token that sent the batch. */
    readonly tokenName: string,
  ) {}

  /** Loads everything the events will read; call once, before applying them. */
  async load(events: SyncEvent[]): Promise<void> {
    this.settings = await getSettings(this.tx);

    const orderNumbers = [...new Set(events.map((event) => event.payload.orderNumber))].sort();
    await this.lockOrders(orderNumbers);

    const skus = new Set<string>();
    for (const order of this.orders.values()) for (const line of order.lines) skus.add(line.sku);
    for (const event of events) if (event.type === 'unit.pack') skus.add(event.payload.sku);
    if (skus.size > 0) {
      const rows = await this.tx
        .select()
        .from(products)
        .where(inArray(products.sku, [...skus]));
      for (const row of rows) this.products.set(row.sku, toProduct(row));
    }

    const unitIds = events.flatMap((event) =>
      event.type === 'unit.pack' ? [event.payload.unitId] : [],
    );
    if (unitIds.length > 0) {
      const rows = await this.tx
        .select({ unitId: packedUnits.unitId })
        .from(packedUnits)
        .where(inArray(packedUnits.unitId, unitIds));
      for (const row of rows) this.knownUnitIds.add(row.unitId);
    }

    if (this.settings.crossOrderSerialPolicy !== 'off') await this.loadSerialUses(events);
  }

  product(sku: string): Product | null {
    return this.products.get(sku) ?? null;
  }

  order(orderNumber: string): LockedOrder | null {
    return this.orders.get(orderNumber) ?? null;
  }

  isKnownUnit(unitId: string): boolean {
    return this.knownUnitIds.has(unitId);
  }

  /** Other units with this SKU and serial key, shipped ones first. */
  serialUsesOf(sku: string, serialKey: string, exceptOrderNumber: string): SerialUse[] {
    const uses = this.serialUses.get(useKey(sku, serialKey)) ?? [];
    return uses
      .filter((use) => use.orderNumber !== exceptOrderNumber)
      .sort((a, b) => (a.shippedAt === null ? 1 : 0) - (b.shippedAt === null ? 1 : 0));
  }

  /** Records a packed unit; it is inserted when the batch ends. */
  addUnit(order: LockedOrder, unit: NewUnit & BoxedUnit): void {
    this.pendingUnits.push(unit);
    this.knownUnitIds.add(unit.unitId);
    order.units.set(unit.unitId, {
      lineId: unit.lineId,
      sku: unit.sku,
      serial: unit.serial,
      serialKey: unit.serialKey,
    });
    if (unit.serialKey !== null)
      this.trackSerialUse(unit.sku, unit.serialKey, {
        unitId: unit.unitId,
        orderNumber: order.orderNumber,
        shippedAt: null,
      });
  }

  /** Forgets a unit's serial use, after it was removed or its serial replaced. */
  dropSerialUse(unitId: string, sku: string, serialKey: string | null): void {
    if (serialKey === null) return;
    const key = useKey(sku, serialKey);
    this.serialUses.set(
      key,
      (this.serialUses.get(key) ?? []).filter((use) => use.unitId !== unitId),
    );
  }

  trackSerialUse(sku: string, serialKey: string, use: SerialUse): void {
    const key = useKey(sku, serialKey);
    this.serialUses.set(key, [...(this.serialUses.get(key) ?? []), use]);
  }

  /** Marks an order as changed, so it gets a new version when the batch ends. */
  markOrderChanged(orderNumber: string): void {
    this.changedOrders.add(orderNumber);
  }

  /**
   * Writes units not inserted yet; call before an UPDATE that may touch one of them. The
   * rows travel as one JSON parameter, which is far cheaper to build than a multi-row
   * INSERT with a parameter per value.
   */
  async flushUnits(): Promise<void> {
    if (this.pendingUnits.length === 0) return;
    const rows = this.pendingUnits.splice(0).map((unit) => ({
      unit_id: unit.unitId,
      order_number: unit.orderNumber,
      line_id: unit.lineId,
      sku: unit.sku,
      serial: unit.serial,
      serial_key: unit.serialKey,
      packer: unit.packer,
      station_id: unit.stationId,
      client_id: unit.clientId,
      station_packed_at: unit.stationPackedAt,
    }));
    await this.tx.execute(sql`
      insert into packed_units
        (unit_id, order_number, line_id, sku, serial, serial_key, packer, station_id, client_id, station_packed_at)
      select unit_id, order_number, line_id, sku, serial, serial_key, packer, station_id, client_id, station_packed_at
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
        unit_id uuid, order_number text, line_id text, sku text, serial text, serial_key text,
        packer text, station_id text, client_id uuid, station_packed_at timestamptz)`);
  }

  /**
   * Writes what the batch kept in memory. Changed orders get one new version, taken last
   * so the change clock row is locked only until the commit that follows.
   */
  async finish(): Promise<void> {
    await this.flushUnits();
    if (this.changedOrders.size === 0) return;

    const version = await nextVersion(this.tx);
    await this.tx
      .update(orders)
      .set({ version })
      .where(inArray(orders.orderNumber, [...this.changedOrders]));
  }

  private async lockOrders(orderNumbers: string[]): Promise<void> {
    if (orderNumbers.length === 0) return;

    const rows = await this.tx
      .select()
      .from(orders)
      .where(inArray(orders.orderNumber, orderNumbers))
      .orderBy(asc(orders.orderNumber))
      .for('update');
    const lines = await this.tx
      .select()
      .from(orderLines)
      .where(inArray(orderLines.orderNumber, orderNumbers))
      .orderBy(asc(orderLines.orderNumber), asc(orderLines.position));
    const units = await this.tx
      .select()
      .from(packedUnits)
      .where(and(inArray(packedUnits.orderNumber, orderNumbers), isNull(packedUnits.removedAt)))
      .orderBy(
        asc(packedUnits.recordedAt),
        asc(packedUnits.stationPackedAt),
        asc(packedUnits.unitId),
      );

    for (const row of rows) {
      this.orders.set(row.orderNumber, {
        orderNumber: row.orderNumber,
        status: row.status,
        claimedBy: row.claimedBy,
        claimedByToken: row.claimedByToken,
        lines: lines
          .filter((line) => line.orderNumber === row.orderNumber)
          .map((line) => ({ lineId: line.lineId, sku: line.sku, quantity: line.quantity })),
        units: new Map(),
      });
    }
    for (const unit of units) {
      this.orders.get(unit.orderNumber)?.units.set(unit.unitId, {
        lineId: unit.lineId,
        sku: unit.sku,
        serial: unit.serial,
        serialKey: unit.serialKey,
      });
    }
  }

  /**
   * Loads the units of other orders that share a SKU and serial key with the batch. Under
   * `block`, transaction-scoped advisory locks on each SKU and serial are taken first (in a
   * fixed order), so two batches packing the same serial at once cannot both pass.
   */
  private async loadSerialUses(events: SyncEvent[]): Promise<void> {
    const packedInBatch = new Map<string, string>();
    for (const event of events) {
      if (event.type === 'unit.pack') packedInBatch.set(event.payload.unitId, event.payload.sku);
    }
    const pairs = new Map<string, { sku: string; key: string }>();
    for (const event of events) {
      const target = this.serialTarget(event, packedInBatch);
      if (target !== null) pairs.set(useKey(target.sku, target.key), target);
    }
    if (pairs.size === 0) return;

    const list = [...pairs.values()].sort((a, b) =>
      useKey(a.sku, a.key).localeCompare(useKey(b.sku, b.key)),
    );
    const listJson = JSON.stringify(list);
    if (this.settings.crossOrderSerialPolicy === 'block') {
      await this.tx.execute(sql`
        select pg_advisory_xact_lock(hashtext(p.sku), hashtext(p.key))
        from (
          select sku, key from jsonb_to_recordset(${listJson}::jsonb) as r(sku text, key text)
          order by sku, key
        ) as p`);
    }

    const rows = await this.tx
      .select({
        unitId: packedUnits.unitId,
        sku: packedUnits.sku,
        serialKey: packedUnits.serialKey,
        orderNumber: packedUnits.orderNumber,
        shippedAt: shipments.shippedAt,
      })
      .from(packedUnits)
      .innerJoin(orders, eq(orders.orderNumber, packedUnits.orderNumber))
      .leftJoin(shipments, eq(shipments.orderNumber, packedUnits.orderNumber))
      .where(
        and(
          sql`(${packedUnits.sku}, ${packedUnits.serialKey}) in (select p.sku, p.key from jsonb_to_recordset(${listJson}::jsonb) as p(sku text, key text))`,
          isNull(packedUnits.removedAt),
          ne(orders.status, 'cancelled'),
        ),
      );
    for (const row of rows) {
      this.trackSerialUse(row.sku, row.serialKey!, {
        unitId: row.unitId,
        orderNumber: row.orderNumber,
        shippedAt: row.shippedAt?.toISOString() ?? null,
      });
    }
  }

  /** The SKU and serial key an event would record, or null when it records no serial. */
  private serialTarget(
    event: SyncEvent,
    packedInBatch: Map<string, string>,
  ): { sku: string; key: string } | null {
    let sku: string | undefined;
    let raw: string | null = null;
    if (event.type === 'unit.pack') {
      sku = event.payload.sku;
      raw = event.payload.serial;
    } else if (event.type === 'unit.replace_serial') {
      sku =
        this.orders.get(event.payload.orderNumber)?.units.get(event.payload.unitId)?.sku ??
        packedInBatch.get(event.payload.unitId);
      raw = event.payload.serial;
    }
    if (sku === undefined || raw === null) return null;

    try {
      return { sku, key: parseSerialOrThrow(raw).key };
    } catch {
      return null;
    }
  }
}

function useKey(sku: string, serialKey: string): string {
  return `${sku}\n${serialKey}`;
}
