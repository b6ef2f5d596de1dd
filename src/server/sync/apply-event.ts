import { sql } from 'drizzle-orm';
import { eq } from 'drizzle-orm';

import type { SyncEvent } from '../../shared/sync/protocol';
import { AppError } from '../../shared/errors';
import { nextVersion } from '../db/database';
import { orders, packedUnits, serialChanges } from '../db/schema';
import { serverError } from '../errors';
import {
  checkShippedElsewhere,
  parseSerialOrThrow,
  requireSerialFormat,
  requireUniqueInOrder,
} from '../rules';
import type { NormalizedSerial } from '../rules';
import { findSerialElsewhere } from './push-context';
import type { LockedOrder, PushContext } from './push-context';

export type EventOutcome =
  | { status: 'applied'; warning?: { code: string; message: string } }
  | { status: 'rejected'; code: string; message: string };

type PackEvent = Extract<SyncEvent, { type: 'unit.pack' }>;
type RemoveEvent = Extract<SyncEvent, { type: 'unit.remove' }>;
type ReplaceEvent = Extract<SyncEvent, { type: 'unit.replace_serial' }>;
type ClaimEvent = Extract<SyncEvent, { type: 'order.claim' }>;

/**
 * Applies one event with every rule checked on the server. Each handler checks everything
 * before it writes, so a rejected event leaves nothing behind in the batch's transaction.
 */
export async function applyEvent(context: PushContext, event: SyncEvent): Promise<EventOutcome> {
  try {
    switch (event.type) {
      case 'order.claim':
        return await applyClaim(context, event);
      case 'unit.pack':
        return await applyPack(context, event);
      case 'unit.remove':
        return await applyRemove(context, event);
      case 'unit.replace_serial':
        return await applyReplaceSerial(context, event);
      default:
        return assertNever(event);
    }
  } catch (error) {
    if (error instanceof AppError) {
      return { status: 'rejected', code: error.code, message: error.message };
    }
    throw error;
  }
}

async function applyClaim(context: PushContext, event: ClaimEvent): Promise<EventOutcome> {
  const order = await requireWorkableOrder(context, event.payload.orderNumber);
  await claimFor(context, order, event.payload.stationId);
  return { status: 'applied' };
}

async function applyPack(context: PushContext, event: PackEvent): Promise<EventOutcome> {
  const payload = event.payload;
  const order = await requireWorkableOrder(context, payload.orderNumber);
  if (order.claimedBy !== null && order.claimedBy !== payload.stationId) {
    throw claimedElsewhere(order);
  }

  const line = order.lines.find((candidate) => candidate.lineId === payload.lineId);
  if (line === undefined) {
    throw new AppError(
      'order_line_not_found',
      `Order ${order.orderNumber} has no line ${payload.lineId}. Reload the order.`,
      { orderNumber: order.orderNumber, lineId: payload.lineId },
    );
  }
  if (line.sku !== payload.sku) {
    throw new AppError(
      'order_line_sku_mismatch',
      `Line ${line.lineId} of order ${order.orderNumber} is for ${line.sku}, not ${payload.sku}. Scan the item on the pick list.`,
      {
        orderNumber: order.orderNumber,
        lineId: line.lineId,
        expected: line.sku,
        scanned: payload.sku,
      },
    );
  }
  if (order.units.has(payload.unitId)) {
    throw new AppError(
      'unit_already_packed',
      `Unit ${payload.unitId} is already packed in order ${order.orderNumber}.`,
      { unitId: payload.unitId },
    );
  }
  const packedOnLine = [...order.units.values()].filter(
    (unit) => unit.lineId === line.lineId,
  ).length;
  if (packedOnLine >= line.quantity) {
    throw new AppError(
      'line_already_complete',
      `Line ${line.lineId} of order ${order.orderNumber} already has all ${line.quantity} units of ${line.sku}. Remove a unit before packing another.`,
      { orderNumber: order.orderNumber, lineId: line.lineId, quantity: line.quantity },
    );
  }

  const product = await context.product(payload.sku);
  if (product === null) {
    throw serverError('product_not_found', `No product has SKU ${payload.sku}. Check the item.`, {
      sku: payload.sku,
    });
  }

  let serial: { serial: string; key: string } | null = null;
  let warning: { code: string; message: string } | undefined;
  if (payload.serial === null) {
    if (product.needsSerialNumber) {
      throw new AppError(
        'serial_required',
        `${product.sku} needs a serial number for every unit, and order ${order.orderNumber} got a unit without one. Scan its serial.`,
        { sku: product.sku, orderNumber: order.orderNumber },
      );
    }
  } else {
    if (product.kind !== 'standard') {
      throw new AppError(
        'serial_not_supported_for_kits',
        `${product.sku} is a kit; kits do not take serial numbers. Pack it without a serial.`,
        { sku: product.sku },
      );
    }
    serial = parseSerialOrThrow(payload.serial);
    if (product.needsSerialNumber) {
      requireSerialFormat(serial.serial, product.serialFormat, product.sku);
    }
    await checkDuplicateInOrder(context, order, serial, null);
    warning = await checkOtherOrders(context, order, product.sku, serial);
  }

  const inserted = await context.tx
    .insert(packedUnits)
    .values({
      unitId: payload.unitId,
      orderNumber: order.orderNumber,
      lineId: line.lineId,
      sku: payload.sku,
      serial: serial?.serial ?? null,
      serialKey: serial?.key ?? null,
      packer: payload.packer,
      stationId: payload.stationId,
      clientId: context.clientId,
      stationPackedAt: new Date(event.occurredAt),
    })
    .onConflictDoNothing({ target: packedUnits.unitId })
    .returning({ unitId: packedUnits.unitId });
  if (inserted.length === 0) {
    throw new AppError(
      'unit_already_packed',
      `Unit ${payload.unitId} was already packed in another order.`,
      { unitId: payload.unitId },
    );
  }

  if (order.claimedBy === null) await claimFor(context, order, payload.stationId);
  order.units.set(payload.unitId, {
    lineId: line.lineId,
    sku: payload.sku,
    serial: serial?.serial ?? null,
    serialKey: serial?.key ?? null,
  });
  return warning === undefined ? { status: 'applied' } : { status: 'applied', warning };
}

async function applyRemove(context: PushContext, event: RemoveEvent): Promise<EventOutcome> {
  const payload = event.payload;
  const order = await requireWorkableOrder(context, payload.orderNumber);
  requireUnit(order, payload.unitId);

  await context.tx
    .update(packedUnits)
    .set({ removedAt: sql`now()`, removedBy: payload.packer, removedReason: payload.reason })
    .where(eq(packedUnits.unitId, payload.unitId));

  order.units.delete(payload.unitId);
  return { status: 'applied' };
}

async function applyReplaceSerial(
  context: PushContext,
  event: ReplaceEvent,
): Promise<EventOutcome> {
  const payload = event.payload;
  const order = await requireWorkableOrder(context, payload.orderNumber);
  const unit = requireUnit(order, payload.unitId);

  const product = await context.product(unit.sku);
  if (product !== null && product.kind !== 'standard') {
    throw new AppError(
      'serial_not_supported_for_kits',
      `${product.sku} is a kit; kits do not take serial numbers.`,
      { sku: product.sku },
    );
  }
  const serial = parseSerialOrThrow(payload.serial);
  if (product?.needsSerialNumber === true) {
    requireSerialFormat(serial.serial, product.serialFormat, product.sku);
  }
  await checkDuplicateInOrder(context, order, serial, payload.unitId);
  const warning = await checkOtherOrders(context, order, unit.sku, serial);

  await context.tx
    .update(packedUnits)
    .set({ serial: serial.serial, serialKey: serial.key })
    .where(eq(packedUnits.unitId, payload.unitId));
  await context.tx.insert(serialChanges).values({
    unitId: payload.unitId,
    orderNumber: order.orderNumber,
    oldSerial: unit.serial,
    newSerial: serial.serial,
    reason: payload.reason,
    packer: payload.packer,
    stationChangedAt: new Date(event.occurredAt),
  });

  unit.serial = serial.serial;
  unit.serialKey = serial.key;
  return warning === undefined ? { status: 'applied' } : { status: 'applied', warning };
}

async function requireWorkableOrder(
  context: PushContext,
  orderNumber: string,
): Promise<LockedOrder> {
  const order = await context.order(orderNumber);
  if (order === null) {
    throw serverError(
      'order_not_found',
      `Order ${orderNumber} not found. Check the order number.`,
      { orderNumber },
    );
  }
  if (order.status === 'shipped' || order.status === 'cancelled') {
    throw serverError(
      'order_not_open',
      `Order ${orderNumber} is already ${order.status}; its units cannot change.`,
      { orderNumber, status: order.status },
    );
  }
  return order;
}

async function claimFor(
  context: PushContext,
  order: LockedOrder,
  stationId: string,
): Promise<void> {
  if (order.claimedBy === stationId) return;
  if (order.claimedBy !== null) throw claimedElsewhere(order);

  await context.tx
    .update(orders)
    .set({ status: 'claimed', claimedBy: stationId, version: await nextVersion(context.tx) })
    .where(eq(orders.orderNumber, order.orderNumber));
  order.claimedBy = stationId;
  order.status = 'claimed';
}

function claimedElsewhere(order: LockedOrder): AppError {
  return serverError(
    'order_claimed_by_other_station',
    `Order ${order.orderNumber} is being packed at station ${order.claimedBy}. Pick another order.`,
    { orderNumber: order.orderNumber, claimedBy: order.claimedBy },
  );
}

function requireUnit(order: LockedOrder, unitId: string) {
  const unit = order.units.get(unitId);
  if (unit === undefined) {
    throw new AppError(
      'unit_not_found',
      `Order ${order.orderNumber} has no packed unit ${unitId}; it may have been removed already.`,
      { orderNumber: order.orderNumber, unitId },
    );
  }
  return unit;
}

async function checkDuplicateInOrder(
  context: PushContext,
  order: LockedOrder,
  serial: NormalizedSerial,
  exceptUnitId: string | null,
): Promise<void> {
  const settings = await context.accountSettings();
  const units = [...order.units].map(([unitId, unit]) => ({
    unitId,
    lineId: unit.lineId,
    serial: unit.serial,
  }));
  requireUniqueInOrder(
    serial.serial,
    units,
    settings.allowDuplicateSerialsInOrder,
    exceptUnitId ?? undefined,
  );
}

/**
 * Applies the cross-order policy to a unit of the same SKU and serial in another order:
 * rejected under `block`, applied with a warning under `warn`, not looked up under `off`.
 * A shipped unit gets the shared rule's `serial_previously_shipped`; a unit packed but not
 * yet shipped (for example by another station that was offline) gets
 * `serial_packed_in_other_order`. Under `block` a transaction-scoped advisory lock on the
 * SKU and serial makes two batches that pack the same serial at once wait for each other.
 */
async function checkOtherOrders(
  context: PushContext,
  order: LockedOrder,
  sku: string,
  serial: NormalizedSerial,
): Promise<{ code: string; message: string } | undefined> {
  const policy = (await context.accountSettings()).crossOrderSerialPolicy;
  if (policy === 'off') return undefined;

  if (policy === 'block') {
    await context.tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${sku}), hashtext(${serial.key}))`,
    );
  }
  const other = await findSerialElsewhere(context.tx, sku, serial.key, order.orderNumber);
  if (other === null) return undefined;

  if (other.shippedAt !== null) {
    const warning = checkShippedElsewhere(
      { serial: serial.serial, sku, orderNumber: order.orderNumber, policy },
      { serial: serial.serial, sku, orderNumber: other.orderNumber, shippedAt: other.shippedAt },
    );
    return warning === null ? undefined : { code: warning.code, message: warning.message };
  }

  const message = `Serial "${serial.serial}" of ${sku} is already packed in order ${other.orderNumber}.`;
  if (policy === 'block') {
    throw new AppError(
      'serial_packed_in_other_order',
      `${message} Scan the serial of another unit, or ask a supervisor.`,
      { sku, serial: serial.serial, otherOrderNumber: other.orderNumber },
    );
  }
  return {
    code: 'serial_packed_in_other_order',
    message: `${message} Packed anyway because the account setting only warns.`,
  };
}

function assertNever(value: never): never {
  throw new Error(`Unhandled sync event: ${JSON.stringify(value)}`);
}
