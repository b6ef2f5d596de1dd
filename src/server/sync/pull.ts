import { and, asc, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';

import type { PullResponse } from '../../shared/sync/protocol';
import type { Executor } from '../db/database';
import { orders, products } from '../db/schema';
import { serverError } from '../errors';
import { toProduct } from '../catalog/products';
import { loadOrders, workableStatuses } from '../orders/orders';
import { getSettings } from '../settings';

/**
 * Position of a station in the change stream: the last (version, key) it received for
 * products and for orders. `initial` stays true until the first complete pull has ended.
 * Until then only orders still to pack are sent. Afterwards every changed order is sent,
 * so a station learns when an order is shipped or cancelled elsewhere.
 */
const cursorSchema = z.object({
  p: z.tuple([z.number().int().nonnegative(), z.string()]),
  o: z.tuple([z.number().int().nonnegative(), z.string()]),
  initial: z.boolean(),
});
type Cursor = z.infer<typeof cursorSchema>;

const startCursor: Cursor = { p: [0, ''], o: [0, ''], initial: true };

/** Products, orders and settings changed since `cursorText`, at most `limit` of each kind. */
export async function pullChanges(
  db: Executor,
  cursorText: string | undefined,
  limit: number,
): Promise<PullResponse> {
  const cursor = cursorText === undefined ? startCursor : decodeCursor(cursorText);

  const productRows = await db
    .select()
    .from(products)
    .where(sql`(${products.version}, ${products.sku}) > (${cursor.p[0]}, ${cursor.p[1]})`)
    .orderBy(asc(products.version), asc(products.sku))
    .limit(limit + 1);

  const orderConditions = [
    sql`(${orders.version}, ${orders.orderNumber}) > (${cursor.o[0]}, ${cursor.o[1]})`,
  ];
  if (cursor.initial) orderConditions.push(inArray(orders.status, workableStatuses));
  const orderRows = await db
    .select({ orderNumber: orders.orderNumber, version: orders.version })
    .from(orders)
    .where(and(...orderConditions))
    .orderBy(asc(orders.version), asc(orders.orderNumber))
    .limit(limit + 1);

  const hasMore = productRows.length > limit || orderRows.length > limit;
  const sentProducts = productRows.slice(0, limit);
  const sentOrders = orderRows.slice(0, limit);
  const lastProduct = sentProducts.at(-1);
  const lastOrder = sentOrders.at(-1);
  const next: Cursor = {
    p: lastProduct === undefined ? cursor.p : [lastProduct.version, lastProduct.sku],
    o: lastOrder === undefined ? cursor.o : [lastOrder.version, lastOrder.orderNumber],
    initial: cursor.initial && hasMore,
  };

  const settings = await getSettings(db);
  return {
    cursor: Buffer.from(JSON.stringify(next)).toString('base64url'),
    products: sentProducts.map(toProduct),
    orders: await loadOrders(
      db,
      sentOrders.map((row) => row.orderNumber),
    ),
    settings: {
      allowDuplicateSerialsInOrder: settings.allowDuplicateSerialsInOrder,
      crossOrderSerialPolicy: settings.crossOrderSerialPolicy,
    },
    hasMore,
  };
}

function decodeCursor(text: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw serverError(
      'invalid_cursor',
      'The pull cursor is not one this server issued. Pull again without a cursor.',
      { cursor: text.slice(0, 100) },
    );
  }
}
