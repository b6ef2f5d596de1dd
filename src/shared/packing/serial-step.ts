import { checkSerialFormat } from '../serial/format';
import { normalizeSerial, serialKey } from '../serial/normalize';
import { checkPreviouslyShipped, checkSerialUniqueInOrder } from '../serial/uniqueness';
import { isOrderComplete } from './progress';
import { packingError, reject, succeed } from './outcomes';
import type { PackingContext, PackingDecision, PackingState } from './types';

type AwaitingSerial = Extract<PackingState, { phase: 'awaiting_serial' }>;

/**
 * Takes a serial at the prompt: normalises it, checks the product's format, uniqueness in the
 * order and the cross-order policy, then packs the unit. Any failure keeps the prompt open so
 * the packer can scan or type again.
 *
 * Under the `warn` policy the first entry of a previously shipped serial only shows a
 * warning. The same serial entered again, or `confirm_serial`, packs it and records the
 * other order on the unit.
 */
export function acceptSerial(
  state: AwaitingSerial,
  raw: string,
  context: PackingContext,
): PackingDecision {
  const { orderNumber, prompt } = state;
  const normalised = normalizeSerial(raw);
  if (!normalised.ok) {
    return reject(state, normalised.error);
  }
  const serial = normalised.value;

  const product = context.products.bySku.get(prompt.sku);
  const format = checkSerialFormat(serial, product?.serialFormat ?? null, prompt.sku);
  if (!format.ok) {
    return reject(state, format.error);
  }

  const units = context.unitsFor(orderNumber);
  const unique = checkSerialUniqueInOrder({ serial, units, settings: context.settings });
  if (!unique.ok) {
    return reject(state, unique.error);
  }

  const shipped = checkPreviouslyShipped({
    serial,
    sku: prompt.sku,
    orderNumber,
    shipped: context.shippedSerials,
    policy: context.settings.crossOrderSerialPolicy,
  });
  let previouslyShippedIn: string | null = null;

  if (shipped.decision === 'block') {
    return reject(state, shipped.error);
  }
  if (shipped.decision === 'warn') {
    const confirmed =
      state.pendingWarning !== null && serialKey(state.pendingWarning.serial) === serialKey(serial);
    if (!confirmed) {
      const pendingWarning = { serial, shippedOrderNumber: shipped.match.orderNumber };
      return {
        state: { ...state, pendingWarning },
        effects: [
          { type: 'show_warning', error: shipped.error },
          { type: 'play_sound', sound: 'error' },
        ],
      };
    }
    previouslyShippedIn = shipped.match.orderNumber;
  }

  return packUnit(state, serial, previouslyShippedIn, context);
}

/** Packs the prompted unit with a serial and moves on to the order or to shipping. */
function packUnit(
  state: AwaitingSerial,
  serial: string,
  previouslyShippedIn: string | null,
  context: PackingContext,
): PackingDecision {
  const { orderNumber, prompt } = state;
  const order = context.findOrder(orderNumber);
  if (order === undefined) {
    return reject(state, orderMissing(orderNumber));
  }

  const packedAfter = [...context.unitsFor(orderNumber), { lineId: prompt.lineId }];
  const next: PackingState = isOrderComplete(order, packedAfter)
    ? { phase: 'ready_to_ship', orderNumber }
    : { phase: 'order_open', orderNumber };

  return succeed(next, [
    {
      type: 'pack_unit',
      orderNumber,
      lineId: prompt.lineId,
      sku: prompt.sku,
      serial,
      previouslyShippedIn,
    },
  ]);
}

export function orderMissing(orderNumber: string) {
  return packingError(
    'order_not_found',
    `Order ${orderNumber} is not on this station. Sync, then scan the order again.`,
    { orderNumber },
  );
}
