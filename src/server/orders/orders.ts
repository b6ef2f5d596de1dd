import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';

import { orderLineSchema, orderSchema } from '../../shared/domain';
import type { Order, OrderLine, OrderStatus, PackedUnit } from '../../shared/domain';
import type { Executor } from '../db/database';
import { nextVersion } from '../db/database';
import { orderLines, orders, packedUnits, products, shipments } from '../db/schema';
import { serverError } from '../errors';

export const newOrderSchema = z.object({
  orderNumber: orderSchema.shape.orderNumber,
  lines: z
    .array(orderLineSchema.extend({ lineId: orderLineSchema.shape.lineId.optional() }))
    .min(1)
    .max(1_000),
});
export type NewOrder = z.infer<typeof newOrderSchema>;

/** An order with its packed units and, once shipped, its shipment. */
export interface OrderDetail extends Order {
  units: PackedUnit[];
  shipment: { trackingNumber: string; shippedAt: string } | null;
}

/** Statuses a station still works on; pulls and the open-orders list show these. */
export const workableStatuses: OrderStatus[] = ['open', 'claimed', 'packed'];

/**
 * Creates orders in one transaction: every SKU must exist and every order number must be
 * new, otherwise nothing is created. Lines without an id are numbered 1, 2, 3, ...
 */
export async function createOrders(db: Executor, input: NewOrder[]): Promise<Order[]> {
  const prepared = input.map(prepareOrder);
  await requireKnownSkus(db, prepared);

  return db.transaction(async (tx) => {
    const version = await nextVersion(tx);
    const created: Order[] = [];
    for (const order of prepared) {
      const inserted = await tx
        .insert(orders)
        .values({ orderNumber: order.orderNumber, status: 'open', claimedBy: null, version })
        .onConflictDoNothing({ target: orders.orderNumber })
        .returning({ orderNumber: orders.orderNumber });
      if (inserted.length === 0) {
        throw serverError(
          'order_exists',
          `Order ${order.orderNumber} already exists. Use another order number.`,
          { orderNumber: order.orderNumber },
        );
      }
      await tx.insert(orderLines).values(
        order.lines.map((line, position) => ({
          orderNumber: order.orderNumber,
          position,
          ...line,
        })),
      );
      created.push({
        orderNumber: order.orderNumber,
        status: 'open',
        claimedBy: null,
        lines: order.lines,
        version,
      });
    }
    return created;
  });
}

export async function getOrder(db: Executor, orderNumber: string): Promise<Order | null> {
  const found = await loadOrders(db, [orderNumber]);
  return found[0] ?? null;
}

export async function getOrderDetail(db: Executor, orderNumber: string): Promise<OrderDetail> {
  const order = await getOrder(db, orderNumber);
  if (order === null) throw orderNotFound(orderNumber);

  const units = await db
    .select()
    .from(packedUnits)
    .where(and(eq(packedUnits.orderNumber, orderNumber), isNull(packedUnits.removedAt)))
    .orderBy(
      asc(packedUnits.recordedAt),
      asc(packedUnits.stationPackedAt),
      asc(packedUnits.unitId),
    );
  const shipment = await db
    .select({ trackingNumber: shipments.trackingNumber, shippedAt: shipments.shippedAt })
    .from(shipments)
    .where(eq(shipments.orderNumber, orderNumber))
    .limit(1);

  return {
    ...order,
    units: units.map((unit) => ({
      unitId: unit.unitId,
      orderNumber: unit.orderNumber,
      lineId: unit.lineId,
      sku: unit.sku,
      serial: unit.serial,
      packer: unit.packer,
      stationId: unit.stationId,
      packedAt: unit.stationPackedAt.toISOString(),
    })),
    shipment:
      shipment[0] === undefined
        ? null
        : {
            trackingNumber: shipment[0].trackingNumber,
            shippedAt: shipment[0].shippedAt.toISOString(),
          },
  };
}

/** Orders still to pack (open, claimed or packed), by order number after `after`. */
export async function listOpenOrders(
  db: Executor,
  options: { after?: string; limit: number },
): Promise<Order[]> {
  const conditions = [inArray(orders.status, workableStatuses)];
  if (options.after !== undefined) conditions.push(gt(orders.orderNumber, options.after));

  const numbers = await db
    .select({ orderNumber: orders.orderNumber })
    .from(orders)
    .where(and(...conditions))
    .orderBy(asc(orders.orderNumber))
    .limit(options.limit);
  return loadOrders(
    db,
    numbers.map((row) => row.orderNumber),
  );
}

/** Loads orders with their lines, in the order of `orderNumbers`. */
export async function loadOrders(db: Executor, orderNumbers: string[]): Promise<Order[]> {
  if (orderNumbers.length === 0) return [];

  const orderRows = await db.select().from(orders).where(inArray(orders.orderNumber, orderNumbers));
  const lineRows = await db
    .select()
    .from(orderLines)
    .where(inArray(orderLines.orderNumber, orderNumbers))
    .orderBy(asc(orderLines.orderNumber), asc(orderLines.position));

  const linesByOrder = new Map<string, OrderLine[]>();
  for (const line of lineRows) {
    const list = linesByOrder.get(line.orderNumber) ?? [];
    list.push({ lineId: line.lineId, sku: line.sku, quantity: line.quantity });
    linesByOrder.set(line.orderNumber, list);
  }

  const byNumber = new Map(
    orderRows.map((row) => [
      row.orderNumber,
      {
        orderNumber: row.orderNumber,
        status: row.status,
        claimedBy: row.claimedBy,
        lines: linesByOrder.get(row.orderNumber) ?? [],
        version: row.version,
      } satisfies Order,
    ]),
  );
  return orderNumbers.flatMap((number) => byNumber.get(number) ?? []);
}

/**
 * Claims an order for a station, locking its row so two stations cannot both claim it.
 * Claiming an order that the same station already claimed with the same token succeeds
 * again; the same station id sent with another token counts as another station.
 */
export async function claimOrder(
  tx: Executor,
  orderNumber: string,
  stationId: string,
  tokenName: string,
): Promise<void> {
  const rows = await tx
    .select()
    .from(orders)
    .where(eq(orders.orderNumber, orderNumber))
    .for('update');
  const row = rows[0];
  if (row === undefined) throw orderNotFound(orderNumber);

  if (row.status === 'shipped' || row.status === 'cancelled') {
    throw serverError(
      'order_not_open',
      `Order ${orderNumber} is ${row.status} and cannot be packed.`,
      { orderNumber, status: row.status },
    );
  }
  const tokenDiffers = row.claimedByToken !== null && row.claimedByToken !== tokenName;
  if (row.claimedBy !== null && (row.claimedBy !== stationId || tokenDiffers)) {
    throw serverError(
      'order_claimed_by_other_station',
      `Order ${orderNumber} is already being packed at station ${row.claimedBy}. Pick another order.`,
      { orderNumber, claimedBy: row.claimedBy },
    );
  }
  if (row.claimedBy === stationId) return;

  await tx
    .update(orders)
    .set({
      status: 'claimed',
      claimedBy: stationId,
      claimedByToken: tokenName,
      version: await nextVersion(tx),
    })
    .where(eq(orders.orderNumber, orderNumber));
}

export function orderNotFound(orderNumber: string) {
  return serverError('order_not_found', `Order ${orderNumber} not found. Check the order number.`, {
    orderNumber,
  });
}

function prepareOrder(order: NewOrder): { orderNumber: string; lines: OrderLine[] } {
  const lines = order.lines.map((line, index) => ({
    lineId: line.lineId ?? String(index + 1),
    sku: line.sku,
    quantity: line.quantity,
  }));

  const ids = new Set<string>();
  for (const line of lines) {
    if (ids.has(line.lineId)) {
      throw serverError(
        'invalid_request',
        `Order ${order.orderNumber} has line id ${line.lineId} twice. Give each line its own id.`,
        { orderNumber: order.orderNumber, lineId: line.lineId },
      );
    }
    ids.add(line.lineId);
  }
  return { orderNumber: order.orderNumber, lines };
}

async function requireKnownSkus(
  db: Executor,
  prepared: { orderNumber: string; lines: OrderLine[] }[],
): Promise<void> {
  const skus = [...new Set(prepared.flatMap((order) => order.lines.map((line) => line.sku)))];
  const known = new Set<string>();
  for (let start = 0; start < skus.length; start += 5_000) {
    const chunk = skus.slice(start, start + 5_000);
    const rows = await db
      .select({ sku: products.sku })
      .from(products)
      .where(inArray(products.sku, chunk));
    for (const row of rows) known.add(row.sku);
  }

  const unknown = skus.filter((sku) => !known.has(sku));
  if (unknown.length > 0) {
    throw serverError(
      'unknown_sku',
      `No product has SKU ${unknown.slice(0, 5).join(', ')}. Create the products before the orders.`,
      { skus: unknown },
    );
  }
}
