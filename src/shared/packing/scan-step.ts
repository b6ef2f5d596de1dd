import { classifyScan, type ScanClassification } from '../barcode/classify';
import type { Order, Product } from '../domain';
import type { Gs1Message } from '../gs1/types';
import { isOrderComplete, nextOpenLine } from './progress';
import { packingError, reject, succeed } from './outcomes';
import { acceptSerial, orderMissing } from './serial-step';
import type { PackingContext, PackingDecision, PackingState } from './types';

type Scan = { text: string; symbology?: string | null; gs1?: Gs1Message };

/** Decides what a scan means in the current phase. */
export function decideScan(
  state: PackingState,
  scan: Scan,
  context: PackingContext,
): PackingDecision {
  const scanned = classify(scan, context);

  switch (state.phase) {
    case 'idle':
    case 'shipped':
      if (scanned.kind === 'order') {
        return openOrder(state, scanned.orderNumber, context);
      }
      return reject(
        state,
        packingError(
          'scan_order_first',
          `"${scan.text}" is not an order number on this station. Scan the order's barcode first.`,
          { text: scan.text },
        ),
      );

    case 'order_open':
    case 'ready_to_ship':
      return scanInOrder(state, scan, scanned, context);

    case 'awaiting_serial':
      return scanAtPrompt(state, scanned, context);

    default:
      return assertNever(state);
  }
}

function classify(scan: Scan, context: PackingContext): ScanClassification {
  if (scan.gs1 !== undefined) {
    const gtin = scan.gs1.gtin;
    const product = gtin === undefined ? null : (context.products.byGtin14.get(gtin) ?? null);
    return { kind: 'gs1', gs1: scan.gs1, product };
  }
  const catalog = {
    index: context.products,
    isOrderNumber: (text: string) => context.findOrder(text) !== undefined,
  };
  // The AIM identifier goes back in front of the text, where classifyScan reads it.
  const text = (scan.symbology ?? '') + scan.text;
  return classifyScan(text, catalog, context.gs1Options);
}

/**
 * Opens an order for packing. A shipped or cancelled order, or one claimed by another
 * station, is rejected. An order whose lines are already full opens ready to ship.
 */
export function openOrder(
  state: PackingState,
  orderNumber: string,
  context: PackingContext,
): PackingDecision {
  const order = context.findOrder(orderNumber);
  if (order === undefined) {
    return reject(state, orderMissing(orderNumber));
  }

  if (order.status === 'shipped' || order.status === 'cancelled') {
    return reject(
      state,
      packingError(
        'order_not_packable',
        `Order ${orderNumber} is ${order.status} and cannot be packed. Scan another order.`,
        { orderNumber, status: order.status },
      ),
    );
  }

  if (order.claimedBy !== null && order.claimedBy !== context.stationId) {
    return reject(
      state,
      packingError(
        'order_claimed_elsewhere',
        `Order ${orderNumber} is being packed at station ${order.claimedBy}. Finish it there, ` +
          'or ask a supervisor to release it.',
        { orderNumber, claimedBy: order.claimedBy },
      ),
    );
  }

  const complete = isOrderComplete(order, context.unitsFor(orderNumber));
  const next: PackingState = complete
    ? { phase: 'ready_to_ship', orderNumber }
    : { phase: 'order_open', orderNumber };
  return succeed(next, [{ type: 'open_order', orderNumber }]);
}

function scanInOrder(
  state: Extract<PackingState, { phase: 'order_open' | 'ready_to_ship' }>,
  scan: Scan,
  scanned: ScanClassification,
  context: PackingContext,
): PackingDecision {
  switch (scanned.kind) {
    case 'order': {
      if (scanned.orderNumber === state.orderNumber) {
        return { state, effects: [] };
      }
      if (context.unitsFor(state.orderNumber).length === 0) {
        return openOrder(state, scanned.orderNumber, context);
      }
      return reject(
        state,
        packingError(
          'order_in_progress',
          `Order ${state.orderNumber} is still open with packed units. Ship or close it ` +
            `before opening order ${scanned.orderNumber}.`,
          { orderNumber: state.orderNumber, scannedOrderNumber: scanned.orderNumber },
        ),
      );
    }

    case 'product':
      return packProduct(state, scanned.product, null, context);

    case 'gs1':
      if (scanned.product === null) {
        return reject(state, unknownGtin(scanned.gs1));
      }
      return packProduct(state, scanned.product, scanned.gs1, context);

    case 'invalid_gs1':
      return reject(state, scanned.error);

    case 'unknown':
      return reject(
        state,
        packingError(
          'item_not_recognised',
          `"${scanned.text}" is not a product barcode, SKU or order number known to this ` +
            'station. Scan the item barcode, or sync the catalog.',
          { text: scan.text },
        ),
      );

    default:
      return assertNever(scanned);
  }
}

/**
 * Packs one unit of a product into the order's first line of that SKU that is not full.
 * A product without serial tracking, and every kit, is packed at once. A serial-tracked
 * product opens the prompt, or, when a GS1 scan carried AI (21), is packed with that serial.
 */
function packProduct(
  state: Extract<PackingState, { phase: 'order_open' | 'ready_to_ship' }>,
  product: Product,
  gs1: Gs1Message | null,
  context: PackingContext,
): PackingDecision {
  const { orderNumber } = state;
  const order = context.findOrder(orderNumber);
  if (order === undefined) {
    return reject(state, orderMissing(orderNumber));
  }

  const units = context.unitsFor(orderNumber);
  if (!order.lines.some((line) => line.sku === product.sku)) {
    return reject(
      state,
      packingError(
        'item_not_in_order',
        `${product.sku} (${product.name}) is not in order ${orderNumber}. Put it aside and ` +
          'scan an item of this order.',
        { orderNumber, sku: product.sku },
      ),
    );
  }

  const open = nextOpenLine(order, units, product.sku);
  if (open === null) {
    return reject(state, lineComplete(order, product));
  }

  const tracked = product.kind === 'standard' && product.needsSerialNumber;
  if (!tracked) {
    const packedAfter = [...units, { lineId: open.line.lineId }];
    const next: PackingState = isOrderComplete(order, packedAfter)
      ? { phase: 'ready_to_ship', orderNumber }
      : { phase: 'order_open', orderNumber };
    return succeed(next, [
      {
        type: 'pack_unit',
        orderNumber,
        lineId: open.line.lineId,
        sku: product.sku,
        serial: null,
        previouslyShippedIn: null,
      },
    ]);
  }

  const prompting: Extract<PackingState, { phase: 'awaiting_serial' }> = {
    phase: 'awaiting_serial',
    orderNumber,
    prompt: {
      lineId: open.line.lineId,
      sku: product.sku,
      unitNumber: open.packed + 1,
      unitCount: open.line.quantity,
    },
    pendingWarning: null,
  };

  if (gs1?.serial !== undefined) {
    return acceptSerial(prompting, gs1.serial, context);
  }
  return succeed(prompting, []);
}

/**
 * Handles a scan while the serial prompt is open. Plain text is the serial. A GS1 scan
 * fills the serial from AI (21) when its GTIN is the prompted product. An order number or a
 * product barcode is rejected, because storing it as a serial would be a silent mistake.
 */
function scanAtPrompt(
  state: Extract<PackingState, { phase: 'awaiting_serial' }>,
  scanned: ScanClassification,
  context: PackingContext,
): PackingDecision {
  const { prompt } = state;

  switch (scanned.kind) {
    case 'unknown':
      return acceptSerial(state, scanned.text, context);

    case 'gs1': {
      if (scanned.product !== null && scanned.product.sku !== prompt.sku) {
        return reject(
          state,
          packingError(
            'gs1_wrong_product',
            `This barcode is for ${scanned.product.sku}, but the serial prompt is for ` +
              `${prompt.sku}. Scan the serial of the ${prompt.sku} unit.`,
            { scannedSku: scanned.product.sku, sku: prompt.sku },
          ),
        );
      }
      if (scanned.gs1.serial === undefined) {
        return reject(
          state,
          packingError(
            'gs1_serial_missing',
            `This GS1 barcode has no serial number (AI 21). Scan the serial barcode of the ` +
              `${prompt.sku} unit, or type the serial.`,
            { sku: prompt.sku, ais: Object.keys(scanned.gs1.values) },
          ),
        );
      }
      return acceptSerial(state, scanned.gs1.serial, context);
    }

    case 'invalid_gs1':
      return reject(state, scanned.error);

    case 'order':
      return reject(
        state,
        packingError(
          'serial_prompt_open',
          `"${scanned.orderNumber}" is an order number. Scan the serial of unit ` +
            `${prompt.unitNumber} of ${prompt.unitCount} (${prompt.sku}), or cancel the prompt.`,
          { orderNumber: scanned.orderNumber },
        ),
      );

    case 'product':
      return reject(
        state,
        packingError(
          'serial_is_product_barcode',
          `That is the product barcode of ${scanned.product.sku}, not a serial. Scan the serial ` +
            `of unit ${prompt.unitNumber} of ${prompt.unitCount}.`,
          { sku: scanned.product.sku },
        ),
      );

    default:
      return assertNever(scanned);
  }
}

function lineComplete(order: Order, product: Product) {
  const lines = order.lines.filter((line) => line.sku === product.sku);
  const quantity = lines.reduce((sum, line) => sum + line.quantity, 0);
  const lineIds = lines.map((line) => line.lineId).join(', ');
  return packingError(
    'line_complete',
    `All ${quantity} units of ${product.sku} in order ${order.orderNumber} are already ` +
      `packed (line ${lineIds}). Put this item back.`,
    { orderNumber: order.orderNumber, sku: product.sku, quantity },
  );
}

function unknownGtin(gs1: Gs1Message) {
  const gtin = gs1.gtin ?? '(none)';
  return packingError(
    'item_not_recognised',
    `GTIN ${gtin} in this GS1 barcode is not in the catalog. Scan the item's product ` +
      'barcode, or sync the catalog.',
    { gtin: gs1.gtin ?? null },
  );
}

function assertNever(value: never): never {
  throw new Error(`Unhandled packing case: ${JSON.stringify(value)}`);
}
