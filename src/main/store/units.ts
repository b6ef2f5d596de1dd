import { randomUUID } from 'node:crypto';

import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';

import { packedUnitSchema } from '../../shared/domain';
import type { PackedUnit } from '../../shared/domain';
import type { SyncEvent } from '../../shared/sync/protocol';
import { appendAudit } from './audit';
import { read, writeTransaction } from './context';
import type { StoreContext } from './context';
import { storeError } from './errors';
import { appendEvent } from './outbox';
import { isoOf, isoOrNull, millisecondsOf, parseRecord } from './records';
import { packedUnits } from './schema';

/** A packed unit as stored, with its removal and shipment state. */
export interface StoredUnit extends PackedUnit {
  status: 'packed' | 'removed';
  removedAt: string | null;
  removedBy: string | null;
  removalReason: string | null;
  /** Set once the order's label exists; the serial can then no longer be changed. */
  shipmentId: string | null;
}

/** A unit to pack. `unitId` and `packedAt` default to a new UUID and the store's clock. */
export type PackUnitInput = Omit<PackedUnit, 'unitId' | 'packedAt'> & {
  unitId?: string;
  packedAt?: string;
};

export interface RemoveUnitInput {
  unitId: string;
  reason: string;
  /** Name of the person who removed the unit. */
  packer: string;
  at?: string;
}

export interface ReplaceSerialInput {
  unitId: string;
  /** The new normalised serial. */
  serial: string;
  reason: string;
  packer: string;
  at?: string;
}

export interface UnitChange {
  unit: StoredUnit;
  event: SyncEvent;
}

export type UnitRow = typeof packedUnits.$inferSelect;

export type UnitsRepository = ReturnType<typeof createUnitsRepository>;

const reasonSchema = z.string().trim().min(1).max(500);

export function createUnitsRepository(context: StoreContext) {
  const { db } = context;

  function findRow(unitId: string): UnitRow | undefined {
    return db.select().from(packedUnits).where(eq(packedUnits.unitId, unitId)).get();
  }

  function changeableRow(unitId: string, change: string): UnitRow {
    const row = findRow(unitId);
    if (row === undefined) {
      throw storeError(
        'unit_not_found',
        `No packed unit has id ${unitId}. Reload the order and try again.`,
        { unitId },
      );
    }

    if (row.status === 'removed') {
      throw storeError(
        'unit_already_removed',
        `Unit ${unitId} of order ${row.orderNumber} was already removed, so it cannot be ${change}.`,
        { unitId, orderNumber: row.orderNumber },
      );
    }

    if (row.shipmentId !== null) {
      throw storeError(
        'unit_already_shipped',
        `Unit ${unitId} of order ${row.orderNumber} is on shipment ${row.shipmentId}, so it cannot be ${change}. Void the label first.`,
        { unitId, orderNumber: row.orderNumber, shipmentId: row.shipmentId },
      );
    }

    return row;
  }

  return {
    /** Stores a unit and its `unit.pack` event in one transaction. */
    pack(input: PackUnitInput): UnitChange {
      const unit = parseRecord('packed unit', packedUnitSchema, {
        ...input,
        unitId: input.unitId ?? randomUUID(),
        packedAt: input.packedAt ?? isoOf(context.now()),
      });
      const packedAt = millisecondsOf('packedAt', unit.packedAt);

      return writeTransaction(context, 'units.pack', () => {
        if (findRow(unit.unitId) !== undefined) {
          throw storeError(
            'unit_already_packed',
            `Unit ${unit.unitId} is already packed. Scan the next item.`,
            { unitId: unit.unitId, orderNumber: unit.orderNumber },
          );
        }

        const row = db
          .insert(packedUnits)
          .values({
            ...unit,
            serialKey: unit.serial === null ? null : context.serialKey(unit.serial),
            packedAt,
          })
          .returning()
          .get();
        const event = appendEvent(
          context,
          {
            type: 'unit.pack',
            payload: {
              unitId: unit.unitId,
              orderNumber: unit.orderNumber,
              lineId: unit.lineId,
              sku: unit.sku,
              serial: unit.serial,
              packer: unit.packer,
              stationId: unit.stationId,
            },
          },
          packedAt,
        );

        context.logger.info(
          { orderNumber: unit.orderNumber, unitId: unit.unitId, seq: event.seq },
          'packed unit',
        );
        return { unit: storedUnitOf(row), event };
      });
    },

    /** Marks a unit removed (never deleted), with its event and an audit entry. */
    remove(input: RemoveUnitInput): UnitChange {
      const reason = parseRecord('removal reason', reasonSchema, input.reason);
      const at = input.at === undefined ? context.now() : millisecondsOf('at', input.at);

      return writeTransaction(context, 'units.remove', () => {
        const before = changeableRow(input.unitId, 'removed');
        const row = db
          .update(packedUnits)
          .set({ status: 'removed', removedAt: at, removedBy: input.packer, removalReason: reason })
          .where(eq(packedUnits.id, before.id))
          .returning()
          .get();
        const event = appendEvent(
          context,
          {
            type: 'unit.remove',
            payload: {
              unitId: before.unitId,
              orderNumber: before.orderNumber,
              reason,
              packer: input.packer,
            },
          },
          at,
        );
        appendAudit(
          context,
          {
            actor: input.packer,
            action: 'unit.remove',
            subject: before.unitId,
            details: {
              orderNumber: before.orderNumber,
              serial: before.serial,
              reason,
              seq: event.seq,
            },
          },
          at,
        );

        context.logger.info(
          { orderNumber: before.orderNumber, unitId: before.unitId, seq: event.seq },
          'removed unit',
        );
        return { unit: storedUnitOf(updated(row)), event };
      });
    },

    /** Replaces a unit's serial before its label exists; the old serial stays in the audit log. */
    replaceSerial(input: ReplaceSerialInput): UnitChange {
      const reason = parseRecord('replacement reason', reasonSchema, input.reason);
      const serial = parseRecord('serial', packedUnitSchema.shape.serial.unwrap(), input.serial);
      const at = input.at === undefined ? context.now() : millisecondsOf('at', input.at);

      return writeTransaction(context, 'units.replaceSerial', () => {
        const before = changeableRow(input.unitId, 'changed');
        const row = db
          .update(packedUnits)
          .set({ serial, serialKey: context.serialKey(serial) })
          .where(eq(packedUnits.id, before.id))
          .returning()
          .get();
        const event = appendEvent(
          context,
          {
            type: 'unit.replace_serial',
            payload: {
              unitId: before.unitId,
              orderNumber: before.orderNumber,
              serial,
              reason,
              packer: input.packer,
            },
          },
          at,
        );
        appendAudit(
          context,
          {
            actor: input.packer,
            action: 'unit.replace_serial',
            subject: before.unitId,
            details: {
              orderNumber: before.orderNumber,
              previousSerial: before.serial,
              serial,
              reason,
              seq: event.seq,
            },
          },
          at,
        );

        context.logger.info(
          { orderNumber: before.orderNumber, unitId: before.unitId, seq: event.seq },
          'replaced serial',
        );
        return { unit: storedUnitOf(updated(row)), event };
      });
    },

    get(unitId: string): StoredUnit | null {
      return read(context, 'units.get', () => {
        const row = findRow(unitId);
        return row === undefined ? null : storedUnitOf(row);
      });
    },

    /** Lists an order's units in packing order, with removed units only when asked for. */
    forOrder(orderNumber: string, options: { includeRemoved?: boolean } = {}): StoredUnit[] {
      return read(context, 'units.forOrder', () => {
        const condition =
          options.includeRemoved === true
            ? eq(packedUnits.orderNumber, orderNumber)
            : and(eq(packedUnits.orderNumber, orderNumber), eq(packedUnits.status, 'packed'));
        return db
          .select()
          .from(packedUnits)
          .where(condition)
          .orderBy(asc(packedUnits.id))
          .all()
          .map((row) => storedUnitOf(row));
      });
    },

    /**
     * Lists the units still packed whose serial equals `serial` case-insensitively, in any order.
     * The packing service uses it for the duplicate and cross-order checks.
     */
    withSerial(serial: string): StoredUnit[] {
      return read(context, 'units.withSerial', () =>
        db
          .select()
          .from(packedUnits)
          .where(
            and(
              eq(packedUnits.serialKey, context.serialKey(serial)),
              eq(packedUnits.status, 'packed'),
            ),
          )
          .orderBy(asc(packedUnits.id))
          .all()
          .map((row) => storedUnitOf(row)),
      );
    },
  };
}

/** The row an UPDATE … RETURNING produced; its row was just read in the same transaction. */
function updated(row: UnitRow | undefined): UnitRow {
  if (row === undefined) {
    throw new Error('packed_units row vanished inside its own transaction');
  }

  return row;
}

export function storedUnitOf(row: UnitRow): StoredUnit {
  return {
    unitId: row.unitId,
    orderNumber: row.orderNumber,
    lineId: row.lineId,
    sku: row.sku,
    serial: row.serial,
    packer: row.packer,
    stationId: row.stationId,
    packedAt: isoOf(row.packedAt),
    status: row.status,
    removedAt: isoOrNull(row.removedAt),
    removedBy: row.removedBy,
    removalReason: row.removalReason,
    shipmentId: row.shipmentId,
  };
}
