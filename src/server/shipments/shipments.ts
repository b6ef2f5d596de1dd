import { randomInt } from 'node:crypto';

import { and, asc, eq, inArray, isNull } from 'drizzle-orm';

import type { Executor } from '../db/database';
import { nextVersion } from '../db/database';
import { orderLines, orders, packedUnits, products, shipments, shippedSerials } from '../db/schema';
import type { TokenIdentity } from '../auth/tokens';
import { serverError } from '../errors';
import { checkDigitOf } from '../rules';

export interface Shipment {
  trackingNumber: string;
  orderNumber: string;
  shippedAt: string;
}

/** The content of a label: the shipment and every line with its packed serials. */
export interface LabelData extends Shipment {
  items: { sku: string; name: string; quantity: number; serials: string[] }[];
}

/**
 * Ships a fully packed order: issues a tracking number, marks the order shipped and copies
 * its serials into the Serial Number Report, all in one transaction. An order shipped
 * already returns its existing shipment, so a station retrying after a lost response gets
 * the same tracking number.
 */
export async function createShipment(
  db: Executor,
  orderNumber: string,
  actor: TokenIdentity,
): Promise<{ shipment: Shipment; created: boolean }> {
  return db.transaction(async (tx) => {
    const locked = await tx
      .select()
      .from(orders)
      .where(eq(orders.orderNumber, orderNumber))
      .for('update');
    const order = locked[0];
    if (order === undefined) {
      throw serverError(
        'order_not_found',
        `Order ${orderNumber} not found. Check the order number.`,
        { orderNumber },
      );
    }
    if (order.status === 'shipped') {
      return { shipment: await requireShipmentOfOrder(tx, orderNumber), created: false };
    }
    requireShipper(order, actor);
    if (order.status === 'cancelled') {
      throw serverError(
        'order_not_open',
        `Order ${orderNumber} is cancelled and cannot be shipped.`,
        { orderNumber, status: order.status },
      );
    }

    const units = await checkFullyPacked(tx, orderNumber);
    const trackingNumber = newTrackingNumber();
    const shippedAt = new Date();
    await tx
      .insert(shipments)
      .values({ trackingNumber, orderNumber, shippedAt, createdBy: actor.name });
    await tx
      .update(orders)
      .set({ status: 'shipped', version: await nextVersion(tx) })
      .where(eq(orders.orderNumber, orderNumber));

    const serialRows = units
      .filter((unit) => unit.serial !== null && unit.serialKey !== null)
      .map((unit) => ({
        serial: unit.serial!,
        serialKey: unit.serialKey!,
        sku: unit.sku,
        productName: unit.productName,
        orderNumber,
        trackingNumber,
        shippedAt,
        packer: unit.packer,
        stationId: unit.stationId,
        unitId: unit.unitId,
      }));
    if (serialRows.length > 0) await tx.insert(shippedSerials).values(serialRows);

    return {
      shipment: { trackingNumber, orderNumber, shippedAt: shippedAt.toISOString() },
      created: true,
    };
  });
}

export async function getLabelData(db: Executor, trackingNumber: string): Promise<LabelData> {
  const rows = await db
    .select()
    .from(shipments)
    .where(eq(shipments.trackingNumber, trackingNumber))
    .limit(1);
  const shipment = rows[0];
  if (shipment === undefined) {
    throw serverError(
      'shipment_not_found',
      `No shipment has tracking number ${trackingNumber}. Check the number.`,
      { trackingNumber },
    );
  }

  const lines = await db
    .select({
      lineId: orderLines.lineId,
      sku: orderLines.sku,
      quantity: orderLines.quantity,
      name: products.name,
    })
    .from(orderLines)
    .leftJoin(products, eq(products.sku, orderLines.sku))
    .where(eq(orderLines.orderNumber, shipment.orderNumber))
    .orderBy(asc(orderLines.position));
  const units = await db
    .select({ lineId: packedUnits.lineId, serial: packedUnits.serial })
    .from(packedUnits)
    .where(and(eq(packedUnits.orderNumber, shipment.orderNumber), isNull(packedUnits.removedAt)))
    .orderBy(
      asc(packedUnits.recordedAt),
      asc(packedUnits.stationPackedAt),
      asc(packedUnits.unitId),
    );

  return {
    trackingNumber,
    orderNumber: shipment.orderNumber,
    shippedAt: shipment.shippedAt.toISOString(),
    items: lines.map((line) => ({
      sku: line.sku,
      name: line.name ?? line.sku,
      quantity: line.quantity,
      serials: units.flatMap((unit) =>
        unit.lineId === line.lineId && unit.serial !== null ? [unit.serial] : [],
      ),
    })),
  };
}

async function requireShipmentOfOrder(db: Executor, orderNumber: string): Promise<Shipment> {
  const rows = await db
    .select()
    .from(shipments)
    .where(eq(shipments.orderNumber, orderNumber))
    .limit(1);
  const row = rows[0];
  if (row === undefined) {
    throw serverError(
      'shipment_not_found',
      `Order ${orderNumber} is marked shipped but has no shipment.`,
      { orderNumber },
    );
  }
  return {
    trackingNumber: row.trackingNumber,
    orderNumber,
    shippedAt: row.shippedAt.toISOString(),
  };
}

/** Rejects an order with a unit or a required serial missing; returns its units otherwise. */
async function checkFullyPacked(db: Executor, orderNumber: string) {
  const lines = await db
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderNumber, orderNumber))
    .orderBy(asc(orderLines.position));
  const units = await db
    .select()
    .from(packedUnits)
    .where(and(eq(packedUnits.orderNumber, orderNumber), isNull(packedUnits.removedAt)));
  const skus = [...new Set(lines.map((line) => line.sku))];
  const productRows =
    skus.length === 0 ? [] : await db.select().from(products).where(inArray(products.sku, skus));
  const productBySku = new Map(productRows.map((row) => [row.sku, row]));

  const missingUnits = lines.flatMap((line) => {
    const packed = units.filter((unit) => unit.lineId === line.lineId).length;
    return packed < line.quantity
      ? [{ lineId: line.lineId, sku: line.sku, packed, quantity: line.quantity }]
      : [];
  });
  if (missingUnits.length > 0) {
    const first = missingUnits[0]!;
    throw serverError(
      'order_incomplete',
      `Order ${orderNumber} is not fully packed: line ${first.lineId} (${first.sku}) has ${first.packed} of ${first.quantity} units. Pack the rest before shipping.`,
      { orderNumber, missing: missingUnits },
    );
  }

  const missingSerials = units.filter(
    (unit) => unit.serial === null && productBySku.get(unit.sku)?.needsSerialNumber === true,
  );
  if (missingSerials.length > 0) {
    const first = missingSerials[0]!;
    throw serverError(
      'serial_missing',
      `Order ${orderNumber} has a unit of ${first.sku} without its serial number (line ${first.lineId}). Scan the serial before shipping.`,
      {
        orderNumber,
        units: missingSerials.map((unit) => ({
          unitId: unit.unitId,
          lineId: unit.lineId,
          sku: unit.sku,
        })),
      },
    );
  }

  return units.map((unit) => ({
    ...unit,
    productName: productBySku.get(unit.sku)?.name ?? unit.sku,
  }));
}

/** `PS` and 11 random digits plus a mod-10 check digit; the reference server's own numbers. */
function newTrackingNumber(): string {
  let digits = '';
  for (let index = 0; index < 11; index += 1) digits += String(randomInt(10));
  return `PS${digits}${checkDigitOf(digits)}`;
}

/**
 * Rejects a station token shipping an order that another token claimed. Admin tokens may
 * ship any packed order, for example when a station broke down after packing.
 */
function requireShipper(
  order: { orderNumber: string; claimedBy: string | null; claimedByToken: string | null },
  actor: TokenIdentity,
): void {
  if (actor.role === 'admin') return;
  if (order.claimedByToken === null || order.claimedByToken === actor.name) return;

  throw serverError(
    'order_claimed_by_other_station',
    `Order ${order.orderNumber} was packed at station ${order.claimedBy ?? 'unknown'} and only that station or an admin can ship it.`,
    { orderNumber: order.orderNumber, claimedBy: order.claimedBy },
  );
}
