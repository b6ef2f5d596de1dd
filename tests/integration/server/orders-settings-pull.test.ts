import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  call,
  createOrder,
  createProducts,
  drivers,
  push,
  StationOutbox,
  startTestServer,
} from './harness';
import type { TestServer } from './harness';

describe.each(drivers)('orders, settings and pull on %s', (driver) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    await server.reset();
    await createProducts(server, [
      { sku: 'WIDGET-01', needsSerialNumber: true },
      { sku: 'CABLE-01' },
    ]);
  });

  it('returns the default settings and saves new ones', async () => {
    const before = await call(server, 'GET', '/v1/settings', { token: server.stationToken });
    const saved = await call(server, 'PUT', '/v1/settings', {
      body: { allowDuplicateSerialsInOrder: true, crossOrderSerialPolicy: 'block' },
    });
    const invalid = await call(server, 'PUT', '/v1/settings', {
      body: { allowDuplicateSerialsInOrder: true, crossOrderSerialPolicy: 'sometimes' },
    });
    const after = await call(server, 'GET', '/v1/settings', { token: server.stationToken });

    expect(before.json).toMatchObject({
      allowDuplicateSerialsInOrder: false,
      crossOrderSerialPolicy: 'warn',
    });
    expect(saved.status).toBe(200);
    expect(invalid.status).toBe(400);
    expect(after.json).toMatchObject({
      allowDuplicateSerialsInOrder: true,
      crossOrderSerialPolicy: 'block',
    });
  });

  it('creates orders from JSON and rejects unknown SKUs', async () => {
    const created = await call(server, 'POST', '/v1/orders', {
      body: {
        orderNumber: 'ORD-1',
        lines: [
          { sku: 'WIDGET-01', quantity: 2 },
          { sku: 'CABLE-01', quantity: 1 },
        ],
      },
    });
    const again = await call(server, 'POST', '/v1/orders', {
      body: { orderNumber: 'ORD-1', lines: [{ sku: 'CABLE-01', quantity: 1 }] },
    });
    const unknown = await call(server, 'POST', '/v1/orders', {
      body: { orderNumber: 'ORD-2', lines: [{ sku: 'NOPE', quantity: 1 }] },
    });

    expect(created.status).toBe(201);
    expect(created.json.lines).toEqual([
      { lineId: '1', sku: 'WIDGET-01', quantity: 2 },
      { lineId: '2', sku: 'CABLE-01', quantity: 1 },
    ]);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('order_exists');
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.code).toBe('unknown_sku');
  });

  it('creates orders from a CSV with one row per line', async () => {
    const csv =
      '\uFEFFOrder Number,SKU,Quantity\r\nORD-10,WIDGET-01,2\r\nORD-10,CABLE-01,1\r\nORD-11,CABLE-01,3\r\n';

    const response = await call(server, 'POST', '/v1/orders/import.csv', { csv });
    const order = await call(server, 'GET', '/v1/orders/ORD-10');
    const badRow = await call(server, 'POST', '/v1/orders/import.csv', {
      csv: 'Order Number,SKU,Quantity\nORD-12,CABLE-01,two\n',
    });

    expect(response.status).toBe(201);
    expect(
      response.json.orders.map((created: { orderNumber: string }) => created.orderNumber),
    ).toEqual(['ORD-10', 'ORD-11']);
    expect(order.json.lines).toHaveLength(2);
    expect(badRow.status).toBe(400);
    expect(badRow.json.error.details.rows[0].row).toBe(2);
  });

  it('lists open orders and claims one for a station', async () => {
    await createOrder(server, 'ORD-1', [{ sku: 'CABLE-01', quantity: 1 }]);
    await createOrder(server, 'ORD-2', [{ sku: 'CABLE-01', quantity: 1 }]);

    const claimed = await call(server, 'POST', '/v1/orders/ORD-1/claim', {
      token: server.stationToken,
      body: { stationId: 'station-a' },
    });
    const taken = await call(server, 'POST', '/v1/orders/ORD-1/claim', {
      token: server.stationToken,
      body: { stationId: 'station-b' },
    });
    const open = await call(server, 'GET', '/v1/orders', { token: server.stationToken });
    const missing = await call(server, 'GET', '/v1/orders/ORD-404', { token: server.stationToken });

    expect(claimed.json).toMatchObject({ status: 'claimed', claimedBy: 'station-a' });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('order_claimed_by_other_station');
    expect(open.json.orders.map((order: { orderNumber: string }) => order.orderNumber)).toEqual([
      'ORD-1',
      'ORD-2',
    ]);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('order_not_found');
  });

  it('pulls changes since a cursor, page by page', async () => {
    await createOrder(server, 'ORD-1', [{ sku: 'CABLE-01', quantity: 1 }]);

    const first = await call(server, 'GET', '/v1/sync/pull?limit=1', {
      token: server.stationToken,
    });
    const second = await call(server, 'GET', `/v1/sync/pull?limit=1&cursor=${first.json.cursor}`, {
      token: server.stationToken,
    });
    const idle = await call(server, 'GET', `/v1/sync/pull?cursor=${second.json.cursor}`, {
      token: server.stationToken,
    });
    await call(server, 'PATCH', '/v1/products/CABLE-01', { body: { name: 'Cable, braided' } });
    const station = new StationOutbox('station-a');
    await push(server, station.clientId, [station.pack('ORD-1', '1', 'CABLE-01', null)]);
    await call(server, 'POST', '/v1/orders/ORD-1/shipment', { token: server.stationToken });
    const changed = await call(server, 'GET', `/v1/sync/pull?cursor=${idle.json.cursor}`, {
      token: server.stationToken,
    });

    expect(first.json.products.map((product: { sku: string }) => product.sku)).toEqual([
      'WIDGET-01',
    ]);
    expect(first.json.hasMore).toBe(true);
    expect(second.json.products.map((product: { sku: string }) => product.sku)).toEqual([
      'CABLE-01',
    ]);
    expect(second.json.orders.map((order: { orderNumber: string }) => order.orderNumber)).toEqual(
      [],
    );
    expect(first.json.orders.map((order: { orderNumber: string }) => order.orderNumber)).toEqual([
      'ORD-1',
    ]);
    expect(idle.json.products).toEqual([]);
    expect(idle.json.hasMore).toBe(false);
    expect(idle.json.settings).toEqual({
      allowDuplicateSerialsInOrder: false,
      crossOrderSerialPolicy: 'warn',
    });
    expect(changed.json.products.map((product: { name: string }) => product.name)).toEqual([
      'Cable, braided',
    ]);
    expect(changed.json.orders.map((order: { status: string }) => order.status)).toEqual([
      'shipped',
    ]);
  });

  it('rejects a pull cursor it did not issue', async () => {
    const response = await call(server, 'GET', '/v1/sync/pull?cursor=garbage', {
      token: server.stationToken,
    });

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_cursor');
  });

  it('answers unknown routes with a JSON error', async () => {
    const response = await call(server, 'GET', '/v1/nothing-here');

    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('not_found');
  });

  it('rejects a JSON body over the limit', async () => {
    const response = await call(server, 'PUT', '/v1/settings', {
      body: { padding: 'x'.repeat(3 * 1024 * 1024) },
    });

    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe('payload_too_large');
  });
});
