import { z } from 'zod';

import type { Database } from '../../db/database';
import { parseOrdersCsv } from '../../orders/orders-csv';
import {
  claimOrder,
  createOrders,
  getOrderDetail,
  listOpenOrders,
  newOrderSchema,
} from '../../orders/orders';
import { route } from '../route';
import { pageLimit } from './query-values';

const orderParams = z.object({ orderNumber: z.string().min(1).max(64) });

export function orderRoutes({ db }: Database) {
  return [
    route({
      method: 'POST',
      url: '/orders',
      summary: 'Create an order',
      role: 'admin',
      body: newOrderSchema,
      responses: { 201: 'The order', 409: 'order_exists', 422: 'unknown_sku' },
      handler: async ({ body, reply }) =>
        reply.status(201).send((await createOrders(db, [body]))[0]),
    }),
    route({
      method: 'POST',
      url: '/orders/import.csv',
      summary:
        'Create orders from a CSV with one row per line (Order Number, SKU, Quantity, optional Line Id)',
      role: 'admin',
      bodyType: 'text/csv',
      bodyLimit: 32 * 1024 * 1024,
      responses: {
        201: '{orders}: the created orders',
        400: 'csv_invalid or csv_missing_column',
        409: 'order_exists',
        422: 'unknown_sku',
      },
      handler: async ({ body, reply }) =>
        reply.status(201).send({ orders: await createOrders(db, parseOrdersCsv(String(body))) }),
    }),
    route({
      method: 'GET',
      url: '/orders',
      summary: 'List orders still to pack (open, claimed or packed), by order number',
      role: 'station',
      query: z.object({ after: z.string().max(64).optional(), limit: pageLimit(500, 100) }),
      responses: { 200: '{orders, next}: `next` is the `after` value of the next page, or null' },
      handler: async ({ query }) => {
        const orders = await listOpenOrders(db, { after: query.after, limit: query.limit });
        const next = orders.length === query.limit ? (orders.at(-1)?.orderNumber ?? null) : null;
        return { orders, next };
      },
    }),
    route({
      method: 'GET',
      url: '/orders/:orderNumber',
      summary: 'Get an order with its packed units and shipment',
      role: 'station',
      params: orderParams,
      responses: { 200: 'The order, its units and its shipment (or null)', 404: 'order_not_found' },
      handler: async ({ params }) => getOrderDetail(db, params.orderNumber),
    }),
    route({
      method: 'POST',
      url: '/orders/:orderNumber/claim',
      summary: 'Claim an order for a station',
      role: 'station',
      params: orderParams,
      body: z.object({ stationId: z.string().min(1).max(128) }),
      responses: {
        200: 'The order',
        404: 'order_not_found',
        409: 'order_claimed_by_other_station or order_not_open',
      },
      handler: async ({ params, body, identity }) => {
        await db.transaction((tx) =>
          claimOrder(tx, params.orderNumber, body.stationId, identity.name),
        );
        return getOrderDetail(db, params.orderNumber);
      },
    }),
  ];
}
