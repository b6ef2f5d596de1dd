import { and, eq, isNull, ne, sql } from 'drizzle-orm';

import type { AccountSettings, OrderLine, Product } from '../../shared/domain';
import type { Tx } from '../db/database';
import { orderLines, orders, packedUnits, products, shipments } from '../db/schema';
import { getSettings } from '../settings';

/** An order as one push batch sees it: its row is locked until the batch commits. */
export interface LockedOrder {
  orderNumber: string;
  status: 'open' | 'claimed' | 'packed' | 'shipped' | 'cancelled';
  claimedBy: string | null;
  lines: OrderLine[];
  /** Units in the box (not removed), by unit id. */
  units: Map<
    string,
    { lineId: string; sku: string; serial: string | null; serialKey: string | null }
  >;
}

/**
 * What one push batch reads more than once: settings, products and locked orders, loaded
 * on first use inside the batch's transaction. Event handlers update the cached orders as
 * they write, so later events of the same batch see earlier ones.
 */
export class PushContext {
  private settings: AccountSettings | undefined;
  private readonly products = new Map<string, Product | null>();
  private readonly orders = new Map<string, LockedOrder | null>();

  constructor(
    readonly tx: Tx,
    readonly clientId: string,
  ) {}

  async accountSettings(): Promise<AccountSettings> {
    this.settings ??= await getSettings(this.tx);
    return this.settings;
  }

  async product(sku: string): Promise<Product | null> {
    if (!this.products.has(sku)) {
      const rows = await this.tx.select().from(products).where(eq(products.sku, sku)).limit(1);
      const row = rows[0];
      this.products.set(
        sku,
        row === undefined
          ? null
          : {
              sku: row.sku,
              name: row.name,
              kind: row.kind,
              needsSerialNumber: row.needsSerialNumber,
              barcodes: row.barcodes,
              serialFormat: row.serialFormat ?? null,
              version: row.version,
            },
      );
    }
    return this.products.get(sku) ?? null;
  }

  /** Loads and locks an order (`SELECT ... FOR UPDATE`) the first time the batch needs it. */
  async order(orderNumber: string): Promise<LockedOrder | null> {
    if (!this.orders.has(orderNumber))
      this.orders.set(orderNumber, await this.lockOrder(orderNumber));
    return this.orders.get(orderNumber) ?? null;
  }

  private async lockOrder(orderNumber: string): Promise<LockedOrder | null> {
    const rows = await this.tx
      .select()
      .from(orders)
      .where(eq(orders.orderNumber, orderNumber))
      .for('update');
    const row = rows[0];
    if (row === undefined) return null;

    const lines = await this.tx
      .select({ lineId: orderLines.lineId, sku: orderLines.sku, quantity: orderLines.quantity })
      .from(orderLines)
      .where(eq(orderLines.orderNumber, orderNumber))
      .orderBy(orderLines.position);
    const units = await this.tx
      .select({
        unitId: packedUnits.unitId,
        lineId: packedUnits.lineId,
        sku: packedUnits.sku,
        serial: packedUnits.serial,
        serialKey: packedUnits.serialKey,
      })
      .from(packedUnits)
      .where(and(eq(packedUnits.orderNumber, orderNumber), isNull(packedUnits.removedAt)))
      .orderBy(packedUnits.recordedAt, packedUnits.unitId);

    return {
      orderNumber,
      status: row.status,
      claimedBy: row.claimedBy,
      lines,
      units: new Map(units.map(({ unitId, ...unit }) => [unitId, unit])),
    };
  }
}

/**
 * A unit of another order (not cancelled, not removed) with the same SKU and serial key;
 * a shipped one is preferred, with its shipping time.
 */
export async function findSerialElsewhere(
  tx: Tx,
  sku: string,
  serialKey: string,
  orderNumber: string,
): Promise<{ orderNumber: string; shippedAt: string | null } | null> {
  const rows = await tx
    .select({ orderNumber: packedUnits.orderNumber, shippedAt: shipments.shippedAt })
    .from(packedUnits)
    .innerJoin(orders, eq(orders.orderNumber, packedUnits.orderNumber))
    .leftJoin(shipments, eq(shipments.orderNumber, packedUnits.orderNumber))
    .where(
      and(
        eq(packedUnits.sku, sku),
        eq(packedUnits.serialKey, serialKey),
        isNull(packedUnits.removedAt),
        ne(packedUnits.orderNumber, orderNumber),
        ne(orders.status, 'cancelled'),
      ),
    )
    .orderBy(sql`${shipments.shippedAt} nulls last`)
    .limit(1);
  const row = rows[0];
  if (row === undefined) return null;
  return { orderNumber: row.orderNumber, shippedAt: row.shippedAt?.toISOString() ?? null };
}
