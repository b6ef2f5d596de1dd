import { and, asc, eq, isNull } from 'drizzle-orm';

import { read, writeTransaction } from './context';
import type { StoreContext } from './context';
import { storeError } from './errors';
import { isoOf, millisecondsOf } from './records';
import { orders, packedUnits, shipments } from './schema';

export interface Shipment {
  shipmentId: string;
  orderNumber: string;
  trackingNumber: string;
  carrier: string;
  shippedAt: string;
}

export type ShipmentsRepository = ReturnType<typeof createShipmentsRepository>;

export function createShipmentsRepository(context: StoreContext) {
  const { db } = context;

  return {
    /**
     * Records a label the server created and puts every unit of the order still packed
     * and not yet shipped on it; returns how many units it linked. The order is marked
     * shipped when it is cached.
     */
    record(shipment: Shipment): number {
      const shippedAt = millisecondsOf('shippedAt', shipment.shippedAt);

      return writeTransaction(context, 'shipments.record', () => {
        const existing = db
          .select()
          .from(shipments)
          .where(eq(shipments.shipmentId, shipment.shipmentId))
          .get();
        if (existing !== undefined) {
          throw storeError(
            'shipment_already_recorded',
            `Shipment ${shipment.shipmentId} is already recorded for order ${existing.orderNumber}.`,
            { shipmentId: shipment.shipmentId, orderNumber: existing.orderNumber },
          );
        }

        db.insert(shipments)
          .values({ ...shipment, shippedAt })
          .run();
        const linked = db
          .update(packedUnits)
          .set({ shipmentId: shipment.shipmentId })
          .where(
            and(
              eq(packedUnits.orderNumber, shipment.orderNumber),
              eq(packedUnits.status, 'packed'),
              isNull(packedUnits.shipmentId),
            ),
          )
          .run().changes;
        db.update(orders)
          .set({ status: 'shipped' })
          .where(eq(orders.orderNumber, shipment.orderNumber))
          .run();

        context.logger.info(
          { orderNumber: shipment.orderNumber, shipmentId: shipment.shipmentId, units: linked },
          'recorded shipment',
        );
        return linked;
      });
    },

    forOrder(orderNumber: string): Shipment[] {
      return read(context, 'shipments.forOrder', () =>
        db
          .select()
          .from(shipments)
          .where(eq(shipments.orderNumber, orderNumber))
          .orderBy(asc(shipments.shippedAt))
          .all()
          .map((row) => ({ ...row, shippedAt: isoOf(row.shippedAt) })),
      );
    },
  };
}
