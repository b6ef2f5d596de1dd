import { isOrderComplete, lineProgress } from './progress';
import { packingError, reject, succeed } from './outcomes';
import { decideScan } from './scan-step';
import { acceptSerial } from './serial-step';
import type { PackingContext, PackingDecision, PackingInput, PackingState } from './types';
import { removeUnit, replaceSerial } from './unit-edits';

/**
 * Decides what a scan or an intent does to the station's pack session. Pure: it reads only
 * its arguments and returns the next state and the effects, in the order the packing service
 * must apply them (persist first, then show and sound). A rejected input keeps the state.
 *
 * Phases: idle → order_open ⇄ awaiting_serial → ready_to_ship → shipped → (next order).
 */
export function decidePacking(
  state: PackingState,
  input: PackingInput,
  context: PackingContext,
): PackingDecision {
  switch (input.type) {
    case 'scan':
      return decideScan(state, input, context);

    case 'submit_serial':
      if (state.phase !== 'awaiting_serial') {
        return reject(state, noPrompt());
      }
      return acceptSerial(state, input.serial, context);

    case 'confirm_serial':
      if (state.phase !== 'awaiting_serial' || state.pendingWarning === null) {
        return reject(state, noPrompt());
      }
      return acceptSerial(state, state.pendingWarning.serial, context);

    case 'cancel_prompt':
      if (state.phase !== 'awaiting_serial') {
        return { state, effects: [] };
      }
      return { state: { phase: 'order_open', orderNumber: state.orderNumber }, effects: [] };

    case 'remove_unit':
      return removeUnit(state, input, context);

    case 'replace_serial':
      return replaceSerial(state, input, context);

    case 'ship':
      return ship(state, context);

    case 'close_order':
      return { state: { phase: 'idle' }, effects: [] };

    default:
      return assertNever(input);
  }
}

function ship(state: PackingState, context: PackingContext): PackingDecision {
  if (state.phase === 'ready_to_ship') {
    const { orderNumber } = state;
    return succeed({ phase: 'shipped', orderNumber }, [{ type: 'ship_order', orderNumber }]);
  }

  if (state.phase !== 'order_open' && state.phase !== 'awaiting_serial') {
    return reject(
      state,
      packingError('no_open_order', 'No order is open. Scan an order, pack it, then ship it.'),
    );
  }

  const { orderNumber } = state;
  const order = context.findOrder(orderNumber);
  const progress = order === undefined ? [] : lineProgress(order, context.unitsFor(orderNumber));

  // The phase can lag behind the store, e.g. after units arrived from a resumed session.
  if (
    state.phase === 'order_open' &&
    order !== undefined &&
    isOrderComplete(order, context.unitsFor(orderNumber))
  ) {
    return succeed({ phase: 'shipped', orderNumber }, [{ type: 'ship_order', orderNumber }]);
  }

  const short = progress
    .filter(({ line, packed }) => packed < line.quantity)
    .map(({ line, packed }) => `line ${line.lineId} (${line.sku}) ${packed} of ${line.quantity}`);
  return reject(
    state,
    packingError(
      'order_incomplete',
      `Order ${state.orderNumber} is not fully packed: ${short.join('; ')}. Pack the ` +
        'remaining units before shipping.',
      { orderNumber: state.orderNumber, lines: short },
    ),
  );
}

function noPrompt() {
  return packingError(
    'no_serial_prompt',
    'No serial is being asked for. Scan the item first, then its serial.',
  );
}

function assertNever(value: never): never {
  throw new Error(`Unhandled packing input: ${JSON.stringify(value)}`);
}
