import type { BackendClient } from '../backend';
import { BackendError, isRetryable } from '../backend';
import type { Logger } from '../logger';
import type { StationStore } from '../store';
import { clearLabelPending, labelPendingOrders, markLabelPending } from './records';

/** A label the server created for an order, as the station recorded it. */
export interface ShipmentRecord {
  shipmentId: string;
  orderNumber: string;
  trackingNumber: string;
  shippedAt: string;
}

/**
 * The outcome of asking for a label. `label_pending` means the server could not be reached
 * or has not yet received the order's events; the engine then keeps trying on its own.
 */
export type ShipOutcome =
  { status: 'shipped'; shipment: ShipmentRecord } | { status: 'label_pending'; reason: string };

/** The carrier name stored with shipments whose tracking numbers the server issued. */
const serverCarrier = 'reference';

export interface LabelDeps {
  store: StationStore;
  client: BackendClient;
  logger: Logger;
  now: () => number;
  /** Cancels a shipment request in flight when the engine stops. */
  signal?: AbortSignal;
}

/** Returns the shipment already recorded for an order on this station, or null. */
export function recordedShipment(store: StationStore, orderNumber: string): ShipmentRecord | null {
  const shipment = store.shipments.forOrder(orderNumber)[0];
  return shipment === undefined
    ? null
    : {
        shipmentId: shipment.shipmentId,
        orderNumber: shipment.orderNumber,
        trackingNumber: shipment.trackingNumber,
        shippedAt: shipment.shippedAt,
      };
}

/**
 * Asks the server for the order's shipment and records it. Call it only after the order's
 * events are acknowledged. A transport failure puts the order on the label-pending list and
 * is returned as `failure`, so the caller can schedule a retry.
 * A rule the server enforces (an incomplete order, say) is thrown and the order leaves the
 * list, because retrying the same request cannot succeed.
 */
export async function requestShipment(
  deps: LabelDeps,
  orderNumber: string,
): Promise<{ outcome: ShipOutcome; failure: unknown }> {
  const { store, client, logger } = deps;

  try {
    const answer = await client.createShipment(orderNumber, { signal: deps.signal });
    const shipment = recordShipment(store, answer);
    clearLabelPending(store, orderNumber);
    logger.info({ orderNumber, trackingNumber: answer.trackingNumber }, 'label created');
    return { outcome: { status: 'shipped', shipment }, failure: null };
  } catch (error) {
    if (isRetryable(error)) {
      const reason = waitingReason(error);
      markLabelPending(store, { orderNumber, reason, blocked: false }, isoNow(deps));
      logger.warn({ orderNumber, code: (error as BackendError).code }, 'label pending');
      return { outcome: { status: 'label_pending', reason }, failure: error };
    }

    clearLabelPending(store, orderNumber);
    throw error;
  }
}

/** Puts an order on the label-pending list because its events have not all reached the server. */
export function waitForEvents(
  deps: Pick<LabelDeps, 'store' | 'logger' | 'now'>,
  orderNumber: string,
  reason: string,
): ShipOutcome {
  markLabelPending(deps.store, { orderNumber, reason, blocked: false }, isoNow(deps));
  deps.logger.warn({ orderNumber }, 'label pending until the events are uploaded');
  return { status: 'label_pending', reason };
}

/**
 * Creates the labels of orders waiting for one, oldest first. Stops at the first transport
 * failure and returns it. A refusal by the server's rules marks that order blocked with the server's
 * message, so it stays listed but waits for the packer instead of being retried.
 */
export async function completePendingLabels(
  deps: LabelDeps,
): Promise<{ completed: number; failure: unknown }> {
  const { store, client, logger } = deps;
  let completed = 0;

  for (const entry of labelPendingOrders(store)) {
    if (entry.blocked) {
      continue;
    }

    if (recordedShipment(store, entry.orderNumber) !== null) {
      clearLabelPending(store, entry.orderNumber);
      continue;
    }

    try {
      const answer = await client.createShipment(entry.orderNumber, { signal: deps.signal });
      recordShipment(store, answer);
      clearLabelPending(store, entry.orderNumber);
      completed += 1;
      logger.info(
        { orderNumber: entry.orderNumber, trackingNumber: answer.trackingNumber },
        'label created for an order that was waiting',
      );
    } catch (error) {
      if (isRetryable(error)) {
        markLabelPending(store, { ...entry, reason: waitingReason(error) }, entry.since);
        return { completed, failure: error };
      }

      const message = error instanceof Error ? error.message : String(error);
      markLabelPending(store, { ...entry, reason: message, blocked: true }, entry.since);
      logger.warn(
        { orderNumber: entry.orderNumber, err: error },
        'server refused the label of a waiting order; it waits for the packer',
      );
    }
  }

  return { completed, failure: null };
}

function recordShipment(
  store: StationStore,
  answer: { trackingNumber: string; orderNumber: string; shippedAt: string },
): ShipmentRecord {
  const existing = recordedShipment(store, answer.orderNumber);
  if (existing !== null) {
    return existing;
  }

  const shipment = {
    shipmentId: answer.trackingNumber,
    orderNumber: answer.orderNumber,
    trackingNumber: answer.trackingNumber,
    carrier: serverCarrier,
    shippedAt: answer.shippedAt,
  };
  store.shipments.record(shipment);
  return {
    shipmentId: shipment.shipmentId,
    orderNumber: shipment.orderNumber,
    trackingNumber: shipment.trackingNumber,
    shippedAt: shipment.shippedAt,
  };
}

function waitingReason(error: unknown): string {
  const detail = error instanceof BackendError ? ` (${error.code})` : '';
  return `The server cannot be reached${detail}. The label is created as soon as it is back.`;
}

function isoNow(deps: Pick<LabelDeps, 'now'>): string {
  return new Date(deps.now()).toISOString();
}
