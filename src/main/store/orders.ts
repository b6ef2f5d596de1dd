import { asc, eq } from 'drizzle-orm';

import { orderSchema } from '../../shared/domain';
import type { Order, OrderStatus } from '../../shared/domain';
import type { SyncEvent } from '../../shared/sync/protocol';
import { read, writeTransaction } from './context';
import type { StoreContext } from './context';
import { storeError } from './errors';
import { appendEvent } from './outbox';
import { millisecondsOf, parseRecord } from './records';
import { orderLines, orders } from './schema';

export interface ClaimOrderInput {
  orderNumber: string;
  stationId: string;
  at?: string;
}

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;

/** Orders cached from the server, and the station's claim on one. */
export function createOrdersRepository(context: StoreContext) {
  const { db } = context;

  function requireOrder(orderNumber: string): void {
    const row = db
      .select({ orderNumber: orders.orderNumber })
      .from(orders)
      .where(eq(orders.orderNumber, orderNumber))
      .get();
    if (row === undefined) {
      throw storeError(
        'order_not_found',
        `Order ${orderNumber} is not on this station. Check the number, or connect to the server to fetch it.`,
        { orderNumber },
      );
    }
  }

  return {
    /** Inserts or replaces orders with all their lines in one transaction. */
    upsert(items: readonly Order[]): void {
      const valid = items.map((item) => parseRecord('order', orderSchema, item));

      writeTransaction(context, 'orders.upsert', () => {
        for (const order of valid) {
          const row = {
            orderNumber: order.orderNumber,
            status: order.status,
            claimedBy: order.claimedBy,
            version: order.version,
          };
          db.insert(orders)
            .values(row)
            .onConflictDoUpdate({ target: orders.orderNumber, set: row })
            .run();

          db.delete(orderLines).where(eq(orderLines.orderNumber, order.orderNumber)).run();
          order.lines.forEach((line, position) => {
            db.insert(orderLines)
              .values({ ...line, orderNumber: order.orderNumber, position })
              .run();
          });
        }
      });
    },

    get(orderNumber: string): Order | null {
      return read(context, 'orders.get', () => {
        const row = db.select().from(orders).where(eq(orders.orderNumber, orderNumber)).get();
        if (row === undefined) {
          return null;
        }

        const lines = db
          .select({ lineId: orderLines.lineId, sku: orderLines.sku, quantity: orderLines.quantity })
          .from(orderLines)
          .where(eq(orderLines.orderNumber, orderNumber))
          .orderBy(asc(orderLines.position))
          .all();
        return { ...row, lines };
      });
    },

    /** Records this station's claim on a cached order and its `order.claim` event together. */
    claim(input: ClaimOrderInput): SyncEvent {
      const at = input.at === undefined ? context.now() : millisecondsOf('at', input.at);

      return writeTransaction(context, 'orders.claim', () => {
        requireOrder(input.orderNumber);
        db.update(orders)
          .set({ status: 'claimed', claimedBy: input.stationId })
          .where(eq(orders.orderNumber, input.orderNumber))
          .run();
        const event = appendEvent(
          context,
          {
            type: 'order.claim',
            payload: { orderNumber: input.orderNumber, stationId: input.stationId },
          },
          at,
        );

        context.logger.info({ orderNumber: input.orderNumber, seq: event.seq }, 'claimed order');
        return event;
      });
    },

    setStatus(orderNumber: string, status: OrderStatus): void {
      writeTransaction(context, 'orders.setStatus', () => {
        requireOrder(orderNumber);
        db.update(orders).set({ status }).where(eq(orders.orderNumber, orderNumber)).run();
      });
    },
  };
}
