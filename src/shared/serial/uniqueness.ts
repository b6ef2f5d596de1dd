import type { ErrorBody } from '../errors';
import type { AccountSettings, CrossOrderSerialPolicy, PackedUnit } from '../domain';
import { fail, ok, type Result } from './result';
import { serialKey } from './normalize';

/** The fields of a packed unit that the uniqueness rule reads. */
export type UnitSerial = Pick<PackedUnit, 'unitId' | 'lineId' | 'serial'>;

/** A serial that left the warehouse in a shipped order, from the server or the local store. */
export interface ShippedSerial {
  serial: string;
  sku: string;
  orderNumber: string;
  /** ISO 8601 time of shipping, shown in the message when present. */
  shippedAt?: string;
}

export interface UniqueInOrderInput {
  /** The normalised serial about to be stored. */
  serial: string;
  /** Every unit already packed in the order, across all its lines. */
  units: readonly UnitSerial[];
  settings: Pick<AccountSettings, 'allowDuplicateSerialsInOrder'>;
  /** The unit whose serial is being replaced, which is not its own duplicate. */
  excludeUnitId?: string;
}

/**
 * Checks that no other unit of the order carries the same serial, compared by `serialKey`
 * (case-insensitive after NFKC). All lines count, so two lines of the same SKU cannot share
 * a serial. The account setting `allowDuplicateSerialsInOrder` turns the rule off.
 */
export function checkSerialUniqueInOrder(input: UniqueInOrderInput): Result<string> {
  if (input.settings.allowDuplicateSerialsInOrder) {
    return ok(input.serial);
  }

  const key = serialKey(input.serial);
  const other = input.units.find(
    (unit) =>
      unit.unitId !== input.excludeUnitId && unit.serial !== null && serialKey(unit.serial) === key,
  );
  if (other === undefined) {
    return ok(input.serial);
  }

  const unitNumber = input.units.filter((unit) => unit.lineId === other.lineId).indexOf(other) + 1;
  return fail(
    'duplicate_serial_in_order',
    `Serial "${input.serial}" is already recorded in this order as "${other.serial}" on unit ` +
      `${unitNumber} of line ${other.lineId}. Each unit needs a different serial: scan the ` +
      'serial of this unit, or remove the other unit first.',
    {
      serial: input.serial,
      otherUnitId: other.unitId,
      otherLineId: other.lineId,
      otherUnitNumber: unitNumber,
      otherSerial: other.serial,
    },
  );
}

export interface PreviouslyShippedInput {
  serial: string;
  sku: string;
  /** The order being packed; its own units are not "previously shipped". */
  orderNumber: string;
  shipped: Iterable<ShippedSerial>;
}

/** Finds a shipped unit of another order with the same SKU and the same `serialKey`. */
export function findPreviouslyShipped(input: PreviouslyShippedInput): ShippedSerial | null {
  const key = serialKey(input.serial);
  for (const candidate of input.shipped) {
    const sameUnit = candidate.sku === input.sku && serialKey(candidate.serial) === key;
    if (sameUnit && candidate.orderNumber !== input.orderNumber) {
      return candidate;
    }
  }
  return null;
}

export type PreviouslyShippedDecision =
  { decision: 'allow' } | { decision: 'warn' | 'block'; match: ShippedSerial; error: ErrorBody };

/**
 * Applies the account's cross-order policy to `findPreviouslyShipped`. `warn` lets the packer
 * confirm and pack anyway, `block` rejects, `off` skips the lookup. The error is the same for
 * both so the UI shows one message.
 */
export function checkPreviouslyShipped(
  input: PreviouslyShippedInput & { policy: CrossOrderSerialPolicy },
): PreviouslyShippedDecision {
  if (input.policy === 'off') {
    return { decision: 'allow' };
  }

  const match = findPreviouslyShipped(input);
  if (match === null) {
    return { decision: 'allow' };
  }

  const when = match.shippedAt === undefined ? '' : ` on ${match.shippedAt}`;
  const next =
    input.policy === 'block'
      ? 'Scan the serial of another unit, or ask a supervisor.'
      : 'Check the unit; scan the same serial again to pack it anyway.';
  const { error } = fail(
    'serial_previously_shipped',
    `Serial "${input.serial}" of ${input.sku} was already shipped in order ` +
      `${match.orderNumber}${when}. ${next}`,
    {
      serial: input.serial,
      sku: input.sku,
      shippedOrderNumber: match.orderNumber,
      shippedAt: match.shippedAt ?? null,
      policy: input.policy,
    },
  );
  return { decision: input.policy, match, error };
}
