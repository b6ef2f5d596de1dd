import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createToken } from '../../../src/server/auth/tokens';
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

describe.each(drivers)('sync push isolation on %s', (driver) => {
  let server: TestServer;
  let otherToken: string;

  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    await server.reset();
    otherToken = (await createToken(server.database.db, 'test-station-2', 'station')).token;
    await createProducts(server, [
      { sku: 'WIDGET-01', needsSerialNumber: true },
      { sku: 'CABLE-01' },
    ]);
    await createOrder(server, 'ORD-1', [{ lineId: '1', sku: 'WIDGET-01', quantity: 3 }]);
    await createOrder(server, 'ORD-2', [{ lineId: '1', sku: 'CABLE-01', quantity: 1 }]);
  });

  const statuses = (json: { results: { status: string; code?: string }[] }) =>
    json.results.map((result) => `${result.status}:${result.code ?? ''}`);

  it('rejects an over-long serial per event and moves on', async () => {
    const station = new StationOutbox('station-a');
    const events = [
      station.claim('ORD-1'),
      station.pack('ORD-1', '1', 'WIDGET-01', 'A'.repeat(65)),
      station.pack('ORD-1', '1', 'WIDGET-01', 'SN-2'),
    ];

    const response = await push(server, station.clientId, events);

    expect(response.status).toBe(200);
    expect(statuses(response.json)).toEqual(['applied:', 'rejected:serial_too_long', 'applied:']);
    expect(response.json.lastSeq).toBe(3);
  });

  it('trims a serial before checking its length', async () => {
    const station = new StationOutbox('station-a');
    const events = [
      station.claim('ORD-1'),
      station.pack('ORD-1', '1', 'WIDGET-01', `${'A'.repeat(64)} `),
    ];

    const response = await push(server, station.clientId, events);
    const order = await call(server, 'GET', '/v1/orders/ORD-1');

    expect(statuses(response.json)).toEqual(['applied:', 'applied:']);
    expect(order.json.units[0].serial).toBe('A'.repeat(64));
  });

  it('rejects U+0000 in a payload per event', async () => {
    const station = new StationOutbox('station-a', 'pack\u0000er');
    const events = [station.claim('ORD-2'), station.pack('ORD-2', '1', 'CABLE-01', null)];

    const response = await push(server, station.clientId, events);
    const rejected = response.json.results[1];

    expect(response.status).toBe(200);
    expect(statuses(response.json)).toEqual(['applied:', 'rejected:invalid_character']);
    expect(rejected.message).toContain('payload.packer');
    expect(response.json.lastSeq).toBe(2);
  });

  it('rejects a malformed payload as invalid_event', async () => {
    const station = new StationOutbox('station-a');
    const claim = station.claim('ORD-2');
    const pack = station.pack('ORD-2', '1', 'CABLE-01', null);
    (pack.payload as Record<string, unknown>).unitId = 'not-a-uuid';

    const response = await push(server, station.clientId, [claim, pack]);
    const again = await push(server, station.clientId, [claim, pack]);

    expect(statuses(response.json)).toEqual(['applied:', 'rejected:invalid_event']);
    expect(response.json.results[1].message).toContain('payload.unitId');
    expect(again.json.results[1].rejection.code).toBe('invalid_event');
  });

  it('still rejects a malformed envelope as a whole', async () => {
    const station = new StationOutbox('station-a');
    const claim = { ...station.claim('ORD-2'), id: 'not-a-uuid' };

    const response = await push(server, station.clientId, [claim]);

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_request');
  });

  it('refuses a client id pushed before with another token', async () => {
    const station = new StationOutbox('station-a');
    await push(server, station.clientId, [station.claim('ORD-1')]);

    const response = await push(server, station.clientId, [station.claim('ORD-2')], otherToken);

    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('client_token_mismatch');
    expect(response.json.error.message).toContain('test-station');
  });

  it('rejects events on an order another token claimed', async () => {
    const owner = new StationOutbox('station-a');
    const unitId = randomUUID();
    await push(server, owner.clientId, [
      owner.claim('ORD-1'),
      owner.pack('ORD-1', '1', 'WIDGET-01', 'SN-1', unitId),
    ]);
    const impostor = new StationOutbox('station-a');
    const events = [
      impostor.pack('ORD-1', '1', 'WIDGET-01', 'SN-9'),
      impostor.remove('ORD-1', unitId),
      impostor.replaceSerial('ORD-1', unitId, 'SN-8'),
    ];

    const response = await push(server, impostor.clientId, events, otherToken);
    const order = await call(server, 'GET', '/v1/orders/ORD-1');

    expect(statuses(response.json)).toEqual([
      'rejected:order_claimed_by_other_station',
      'rejected:order_claimed_by_other_station',
      'rejected:order_claimed_by_other_station',
    ]);
    expect(response.json.results[0].message).toContain('station-a');
    expect(order.json.units).toHaveLength(1);
    expect(order.json.units[0].serial).toBe('SN-1');
  });

  it('refuses a shipment of an order another token claimed', async () => {
    const owner = new StationOutbox('station-a');
    await push(server, owner.clientId, [
      owner.claim('ORD-2'),
      owner.pack('ORD-2', '1', 'CABLE-01', null),
    ]);

    const other = await call(server, 'POST', '/v1/orders/ORD-2/shipment', { token: otherToken });
    const own = await call(server, 'POST', '/v1/orders/ORD-2/shipment', {
      token: server.stationToken,
    });

    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('order_claimed_by_other_station');
    expect(own.status).toBe(201);
  });

  it('rejects an HTTP claim with another token for the same station id', async () => {
    await call(server, 'POST', '/v1/orders/ORD-1/claim', {
      token: server.stationToken,
      body: { stationId: 'station-a' },
    });

    const response = await call(server, 'POST', '/v1/orders/ORD-1/claim', {
      token: otherToken,
      body: { stationId: 'station-a' },
    });

    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('order_claimed_by_other_station');
  });
});
