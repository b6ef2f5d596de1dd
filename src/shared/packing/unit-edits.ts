import type { PackedUnit } from '../domain';
import { checkSerialFormat } from '../serial/format';
import { normalizeSerial } from '../serial/normalize';
import { checkPreviouslyShipped, checkSerialUniqueInOrder } from '../serial/uniqueness';
import { packingError, reject, succeed } from './outcomes';
import type { PackingContext, PackingDecision, PackingEffect, PackingState } from './types';

type OpenPhase = Extract<PackingState, { phase: 'order_open' | 'ready_to_ship' }>;

/**
 * Removes a packed unit before the label exists, for example a mis-scanned item. The reason
 * is required because the removal is audited. The order goes back to `order_open`.
 */
export function removeUnit(
  state: PackingState,
  input: { unitId: string; reason: string },
  context: PackingContext,
): PackingDecision {
  const found = findEditableUnit(state, input, context);
  if ('decision' in found) {
    return found.decision;
  }

  const { orderNumber } = found.state;
  return succeed({ phase: 'order_open', orderNumber }, [
    { type: 'remove_unit', orderNumber, unitId: input.unitId, reason: input.reason.trim() },
  ]);
}

/**
 * Replaces the serial of a packed unit before the label exists. The new serial passes the
 * same checks as at the prompt, with the unit itself left out of the duplicate check. Under
 * the `warn` policy a previously shipped serial is replaced and the warning shown, because
 * the supervisor making the fix has already looked at the unit.
 */
export function replaceSerial(
  state: PackingState,
  input: { unitId: string; serial: string; reason: string },
  context: PackingContext,
): PackingDecision {
  const found = findEditableUnit(state, input, context);
  if ('decision' in found) {
    return found.decision;
  }
  const { unit } = found;
  const { orderNumber } = found.state;

  const product = context.products.bySku.get(unit.sku);
  if (product === undefined || product.kind !== 'standard' || !product.needsSerialNumber) {
    return reject(
      found.state,
      packingError(
        'serial_not_tracked',
        `${unit.sku} does not need serial numbers, so this unit has no serial to replace.`,
        { unitId: unit.unitId, sku: unit.sku },
      ),
    );
  }

  const normalised = normalizeSerial(input.serial);
  if (!normalised.ok) {
    return reject(found.state, normalised.error);
  }
  const serial = normalised.value;

  const format = checkSerialFormat(serial, product.serialFormat, unit.sku);
  if (!format.ok) {
    return reject(found.state, format.error);
  }

  const unique = checkSerialUniqueInOrder({
    serial,
    units: context.unitsFor(orderNumber),
    settings: context.settings,
    excludeUnitId: unit.unitId,
  });
  if (!unique.ok) {
    return reject(found.state, unique.error);
  }

  const shipped = checkPreviouslyShipped({
    serial,
    sku: unit.sku,
    orderNumber,
    shipped: context.shippedSerials,
    policy: context.settings.crossOrderSerialPolicy,
  });
  if (shipped.decision === 'block') {
    return reject(found.state, shipped.error);
  }

  const effects: PackingEffect[] = [
    {
      type: 'replace_serial',
      orderNumber,
      unitId: unit.unitId,
      serial,
      previousSerial: unit.serial,
      reason: input.reason.trim(),
    },
  ];
  if (shipped.decision === 'warn') {
    effects.push({ type: 'show_warning', error: shipped.error });
  }
  return succeed(found.state, effects);
}

function findEditableUnit(
  state: PackingState,
  input: { unitId: string; reason: string },
  context: PackingContext,
): { state: OpenPhase; unit: PackedUnit } | { decision: PackingDecision } {
  if (state.phase !== 'order_open' && state.phase !== 'ready_to_ship') {
    const error = packingError(
      'no_open_order',
      state.phase === 'awaiting_serial'
        ? 'Finish or cancel the serial prompt before changing packed units.'
        : 'Open the order before changing its packed units.',
    );
    return { decision: reject(state, error) };
  }

  if (input.reason.trim().length === 0) {
    const error = packingError(
      'reason_required',
      'Enter a reason for the change; it is kept in the audit log.',
      { unitId: input.unitId },
    );
    return { decision: reject(state, error) };
  }

  const unit = context.unitsFor(state.orderNumber).find((each) => each.unitId === input.unitId);
  if (unit === undefined) {
    const error = packingError(
      'unit_not_found',
      `Unit ${input.unitId} is not packed in order ${state.orderNumber}. Refresh the packed ` +
        'items and try again.',
      { unitId: input.unitId, orderNumber: state.orderNumber },
    );
    return { decision: reject(state, error) };
  }

  return { state, unit };
}
