import type { Product } from '../../shared/domain';
import type { PackLineView, PackState, PackView } from '../../shared/ipc/channels/pack';
import { lineProgress } from '../../shared/packing';
import type { StationStore } from '../store';
import { orderNumberOf } from './session';
import type { SessionData } from './session';

export interface ViewContext {
  store: StationStore;
  stationName: string;
  packer: string;
}

/**
 * Builds the pack screen's view from the session and the station store. An order the
 * state machine counts as shipped shows as `label_pending` until its shipment is stored.
 */
export function buildView(context: ViewContext, session: SessionData): PackView {
  const { store } = context;
  const orderNumber = orderNumberOf(session);
  const order = orderNumber === null ? null : store.orders.get(orderNumber);
  const units = order === null ? [] : store.units.forOrder(order.orderNumber);
  const shipment =
    order === null ? null : (store.shipments.forOrder(order.orderNumber).at(-1) ?? null);
  const products = new Map<string, Product | null>();
  const productOf = (sku: string): Product | null => {
    if (!products.has(sku)) products.set(sku, store.catalog.get(sku));
    return products.get(sku) ?? null;
  };

  return {
    state: packStateOf(session, shipment !== null),
    stationName: context.stationName,
    packer: context.packer,
    order:
      order === null
        ? null
        : {
            orderNumber: order.orderNumber,
            lines: lineProgress(order, units).map(({ line, packed }) =>
              lineView(line.lineId, line.sku, line.quantity, packed, productOf(line.sku)),
            ),
          },
    units: units.map((unit) => ({
      unitId: unit.unitId,
      lineId: unit.lineId,
      sku: unit.sku,
      serial: unit.serial,
      packer: unit.packer,
      packedAt: unit.packedAt,
    })),
    prompt:
      session.machine.phase === 'awaiting_serial'
        ? {
            ...session.machine.prompt,
            name: productOf(session.machine.prompt.sku)?.name ?? session.machine.prompt.sku,
            error: session.promptError,
            warning: session.promptWarning,
          }
        : null,
    shipment:
      shipment === null
        ? null
        : {
            trackingNumber: shipment.trackingNumber,
            shippedAt: shipment.shippedAt,
            hasLabel: true,
          },
    feedback: session.feedback,
  };
}

function packStateOf(session: SessionData, hasShipment: boolean): PackState {
  const phase = session.machine.phase;
  if (phase === 'shipped' && !hasShipment) return 'label_pending';

  return phase;
}

function lineView(
  lineId: string,
  sku: string,
  quantity: number,
  packed: number,
  product: Product | null,
): PackLineView {
  return {
    lineId,
    sku,
    name: product?.name ?? sku,
    kind: product?.kind ?? 'standard',
    needsSerialNumber: product?.needsSerialNumber ?? false,
    quantity,
    packed,
  };
}
