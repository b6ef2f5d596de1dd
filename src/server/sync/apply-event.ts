import { eq, sql } from 'drizzle-orm';

import { AppError } from '../../shared/errors';
import type { SyncEvent } from '../../shared/sync/protocol';
import { orders, packedUnits, serialChanges } from '../db/schema';
import { serverError } from '../errors';
import {
  checkShippedElsewhere,
  parseSerialOrThrow,
  requireSerialFormat,
  requireUniqueInOrder,
} from '../rules';
import type { NormalizedSerial } from '../rules';
import type { LockedOrder, PushContext } from './push-context';

export type EventOutcome =
  | { status: 'applied'; warning?: { code: string; message: string } }
  | { status: 'rejected'; code: string; message: string };

type PackEvent = Extract<SyncEvent, { type: 'unit.pack' }>;
type RemoveEvent = Extract<SyncEvent, { type: 'unit.remove' }>;
type ReplaceEvent = Extract<SyncEvent, { type: 'unit.replace_serial' }>;
type ClaimEvent = Extract<SyncEvent, { type: 'order.claim' }>;

type Warning = { code: string; message: string } | undefined;

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
        return applied(await applyPack(context, event));
      case 'unit.remove':
        return await applyRemove(context, event);
      case 'unit.replace_serial':
        return applied(await applyReplaceSerial(context, event));
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
  const order = requireWorkableOrder(context, event.payload.orderNumber);
  await claimFor(context, order, event.payload.stationId);
  return { status: 'applied' };
}

async function applyPack(context: PushContext, event: PackEvent): Promise<Warning> {
  const payload = event.payload;
  const order = requireWorkableOrder(context, payload.orderNumber);
  requireOwnClaim(context, order, payload.stationId);

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
  if (context.isKnownUnit(payload.unitId)) {
    throw new AppError(
      'unit_already_packed',
      `Unit ${payload.unitId} is already packed; each packed unit needs its own unit id.`,
      { unitId: payload.unitId },
    );
  }
  let packedOnLine = 0;
  for (const unit of order.units.values()) if (unit.lineId === line.lineId) packedOnLine += 1;
  if (packedOnLine >= line.quantity) {
    throw new AppError(
      'line_already_complete',
      `Line ${line.lineId} of order ${order.orderNumber} already has all ${line.quantity} units of ${line.sku}. Remove a unit before packing another.`,
      { orderNumber: order.orderNumber, lineId: line.lineId, quantity: line.quantity },
    );
  }

  const product = context.product(payload.sku);
  if (product === null) {
    throw serverError('product_not_found', `No product has SKU ${payload.sku}. Check the item.`, {
      sku: payload.sku,
    });
  }

  let serial: NormalizedSerial | null = null;
  let warning: Warning;
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
    checkDuplicateInOrder(context, order, serial, null);
    warning = checkOtherOrders(context, order, product.sku, serial);
  }

  if (order.claimedBy === null) await claimFor(context, order, payload.stationId);
  context.addUnit(order, {
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
  });
  return warning;
}

async function applyRemove(context: PushContext, event: RemoveEvent): Promise<EventOutcome> {
  const payload = event.payload;
  const order = requireWorkableOrder(context, payload.orderNumber);
  requireOwnClaim(context, order, null);
  const unit = requireUnit(order, payload.unitId);

  await context.flushUnits();
  await context.tx
    .update(packedUnits)
    .set({ removedAt: sql`now()`, removedBy: payload.packer, removedReason: payload.reason })
    .where(eq(packedUnits.unitId, payload.unitId));

  order.units.delete(payload.unitId);
  context.dropSerialUse(payload.unitId, unit.sku, unit.serialKey);
  return { status: 'applied' };
}

async function applyReplaceSerial(context: PushContext, event: ReplaceEvent): Promise<Warning> {
  const payload = event.payload;
  const order = requireWorkableOrder(context, payload.orderNumber);
  requireOwnClaim(context, order, null);
  const unit = requireUnit(order, payload.unitId);

  const product = context.product(unit.sku);
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
  checkDuplicateInOrder(context, order, serial, payload.unitId);
  const warning = checkOtherOrders(context, order, unit.sku, serial);

  await context.flushUnits();
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

  context.dropSerialUse(payload.unitId, unit.sku, unit.serialKey);
  context.trackSerialUse(unit.sku, serial.key, {
    unitId: payload.unitId,
    orderNumber: order.orderNumber,
    shippedAt: null,
  });
  unit.serial = serial.serial;
  unit.serialKey = serial.key;
  return warning;
}

function requireWorkableOrder(context: PushContext, orderNumber: string): LockedOrder {
  const order = context.order(orderNumber);
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
  requireOwnClaim(context, order, stationId);
  if (order.claimedBy === stationId) return;

  await context.tx
    .update(orders)
    .set({ status: 'claimed', claimedBy: stationId, claimedByToken: context.tokenName })
    .where(eq(orders.orderNumber, order.orderNumber));
  context.markOrderChanged(order.orderNumber);
  order.claimedBy = stationId;
  order.claimedByToken = context.tokenName;
  order.status = 'claimed';
}

/**
 * Rejects an event on an order claimed by another station: another station id, or the
 * same station id sent with another token. `stationId` is null for events whose payload
 * names no station (remove, replace), which only the claiming token may send.
 */
function requireOwnClaim(context: PushContext, order: LockedOrder, stationId: string | null): void {
  if (order.claimedBy === null) return;
  if (stationId !== null && order.claimedBy !== stationId) throw claimedElsewhere(order);
  if (order.claimedByToken !== null && order.claimedByToken !== context.tokenName) {
    throw claimedElsewhere(order);
  }
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

/**
 * Runs the shared uniqueness rule when a unit of the order already has the same stored
 * serial key. Comparing stored keys first means a 500-event batch does not normalise every
 * unit of the order again for every event. The shared rule still decides and words the error.
 */
function checkDuplicateInOrder(
  context: PushContext,
  order: LockedOrder,
  serial: NormalizedSerial,
  exceptUnitId: string | null,
): void {
  if (context.settings.allowDuplicateSerialsInOrder) return;

  let clash = false;
  for (const [unitId, unit] of order.units) {
    if (unitId !== exceptUnitId && unit.serialKey === serial.key) clash = true;
  }
  if (!clash) return;

  const units = [...order.units].map(([unitId, unit]) => ({
    unitId,
    lineId: unit.lineId,
    serial: unit.serial,
  }));
  requireUniqueInOrder(serial.serial, units, false, exceptUnitId ?? undefined);
}

/**
 * Applies the cross-order policy to a unit of the same SKU and serial in another order:
 * rejected under `block`, applied with a warning under `warn`, not looked up under `off`.
 * A shipped unit gets the shared rule's `serial_previously_shipped`; a unit packed but not
 * yet shipped (for example by another station that was offline) gets
 * `serial_packed_in_other_order`.
 */
function checkOtherOrders(
  context: PushContext,
  order: LockedOrder,
  sku: string,
  serial: NormalizedSerial,
): Warning {
  const policy = context.settings.crossOrderSerialPolicy;
  if (policy === 'off') return undefined;

  const other = context.serialUsesOf(sku, serial.key, order.orderNumber)[0];
  if (other === undefined) return undefined;

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

function applied(warning: Warning): EventOutcome {
  return warning === undefined ? { status: 'applied' } : { status: 'applied', warning };
}

function assertNever(value: never): never {
  throw new Error(`Unhandled sync event: ${JSON.stringify(value)}`);
}
