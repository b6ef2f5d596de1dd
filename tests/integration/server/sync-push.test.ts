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

describe.each(drivers)('sync push on %s', (driver) => {
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
      { sku: 'KIT-01', kind: 'kit' },
    ]);
    await createOrder(server, 'ORD-1003', [
      { lineId: '1', sku: 'WIDGET-01', quantity: 2 },
      { lineId: '2', sku: 'WIDGET-01', quantity: 3 },
    ]);
  });

  it('applies events once and answers repeats as duplicate', async () => {
    const station = new StationOutbox('station-a');
    const events = [station.claim('ORD-1003'), station.pack('ORD-1003', '1', 'WIDGET-01', 'SN-1')];

    const first = await push(server, station.clientId, events);
    const again = await push(server, station.clientId, events);

    expect(first.status).toBe(200);
    expect(first.json.results.map((result: { status: string }) => result.status)).toEqual([
      'applied',
      'applied',
    ]);
    expect(first.json.lastSeq).toBe(2);
    expect(again.json.results.map((result: { status: string }) => result.status)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    expect(again.json.lastSeq).toBe(2);
    const order = await call(server, 'GET', '/v1/orders/ORD-1003');
    expect(order.json.units).toHaveLength(1);
  });

  it('answers an event after a gap with gap and applies nothing after it', async () => {
    const station = new StationOutbox('station-a');
    const claim = station.claim('ORD-1003');
    const skipped = station.pack('ORD-1003', '1', 'WIDGET-01', 'SN-1');
    const later = station.pack('ORD-1003', '1', 'WIDGET-01', 'SN-2');

    const response = await push(server, station.clientId, [claim, later]);

    expect(response.json.lastSeq).toBe(1);
    expect(response.json.results[1]).toMatchObject({ seq: later.seq, status: 'gap' });
    const resent = await push(server, station.clientId, [skipped, later]);
    expect(resent.json.results.map((result: { status: string }) => result.status)).toEqual([
      'applied',
      'applied',
    ]);
    expect(resent.json.lastSeq).toBe(3);
  });

  it('answers client_diverged for another event at an applied seq', async () => {
    const station = new StationOutbox('station-a');
    const claim = station.claim('ORD-1003');
    await push(server, station.clientId, [claim]);

    const restored = { ...station.pack('ORD-1003', '1', 'WIDGET-01', 'SN-1'), seq: 1 };
    const response = await push(server, station.clientId, [restored]);

    expect(response.json.results[0].status).toBe('client_diverged');
    expect(response.json.results[0].message).toContain('seq 1');
    expect(response.json.lastSeq).toBe(1);
  });

  it('applies two identical concurrent pushes once', async () => {
    await call(server, 'PUT', '/v1/settings', {
      body: { allowDuplicateSerialsInOrder: false, crossOrderSerialPolicy: 'off' },
    });
    const station = new StationOutbox('station-a');
    const tracked = [
      station.claim('ORD-1003'),
      ...[0, 1, 2].map((index) => station.pack('ORD-1003', '2', 'WIDGET-01', `SN-C${index}`)),
    ];

    const [first, second] = await Promise.all([
      push(server, station.clientId, tracked),
      push(server, station.clientId, tracked),
    ]);

    const statuses = [...first.json.results, ...second.json.results].map(
      (result: { status: string }) => result.status,
    );
    expect(statuses.filter((status) => status === 'applied')).toHaveLength(4);
    expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(4);
    const order = await call(server, 'GET', '/v1/orders/ORD-1003');
    expect(order.json.units).toHaveLength(3);
  });

  it('rejects the second station claiming an order', async () => {
    const stationA = new StationOutbox('station-a');
    const stationB = new StationOutbox('station-b');
    await push(server, stationA.clientId, [stationA.claim('ORD-1003')]);

    const response = await push(server, stationB.clientId, [
      stationB.claim('ORD-1003'),
      stationB.pack('ORD-1003', '1', 'WIDGET-01', 'SN-9'),
    ]);

    expect(response.json.results[0]).toMatchObject({
      status: 'rejected',
      code: 'order_claimed_by_other_station',
    });
    expect(response.json.results[1]).toMatchObject({
      status: 'rejected',
      code: 'order_claimed_by_other_station',
    });
    expect(response.json.lastSeq).toBe(2);
  });

  it('rejects a tracked unit without a serial and a kit with one', async () => {
    await createOrder(server, 'ORD-2000', [
      { lineId: '1', sku: 'WIDGET-01', quantity: 1 },
      { lineId: '2', sku: 'KIT-01', quantity: 1 },
    ]);
    const station = new StationOutbox('station-a');

    const response = await push(server, station.clientId, [
      station.pack('ORD-2000', '1', 'WIDGET-01', null),
      station.pack('ORD-2000', '2', 'KIT-01', 'SN-KIT'),
      station.pack('ORD-2000', '2', 'KIT-01', null),
    ]);

    expect(response.json.results[0]).toMatchObject({ status: 'rejected', code: 'serial_required' });
    expect(response.json.results[1]).toMatchObject({
      status: 'rejected',
      code: 'serial_not_supported_for_kits',
    });
    expect(response.json.results[2]).toMatchObject({ status: 'applied' });
  });

  it('normalises serials and finds duplicates across lines of an order', async () => {
    const station = new StationOutbox('station-a');
    const entries: [string, string][] = [
      ['1', 'SN-0042'],
      ['2', 'SN-0042 '],
      ['2', '\u00A0SN-0042'],
      ['2', 'SN-\u200B0042'],
      ['2', '\uFEFFSN-0043'],
      ['2', 'sn-0042'],
      ['2', 'SN - 123 - 2021'],
      ['1', '\u0405N-0044'],
      ['1', '\uFF33\uFF2E-0045'],
      ['2', 'SN-0046\n'],
    ];
    const events = [
      station.claim('ORD-1003'),
      ...entries.map(([line, serial]) => station.pack('ORD-1003', line, 'WIDGET-01', serial)),
    ];

    const response = await push(server, station.clientId, events);
    const results = response.json.results.slice(1);

    expect(results[0].status).toBe('applied');
    expect(results[1]).toMatchObject({ status: 'rejected', code: 'duplicate_serial_in_order' });
    expect(results[2]).toMatchObject({ status: 'rejected', code: 'duplicate_serial_in_order' });
    expect(results[3]).toMatchObject({ status: 'rejected', code: 'serial_invisible_character' });
    expect(results[3].message).toContain('U+200B');
    expect(results[4].status).toBe('applied');
    expect(results[5]).toMatchObject({ status: 'rejected', code: 'duplicate_serial_in_order' });
    expect(results[6].status).toBe('applied');
    expect(results[7]).toMatchObject({ status: 'rejected', code: 'serial_mixed_scripts' });
    expect(results[8].status).toBe('applied');
    expect(results[9].status).toBe('applied');
    expect(results).toHaveLength(10);
    const order = await call(server, 'GET', '/v1/orders/ORD-1003');
    const serials = order.json.units.map((unit: { serial: string }) => unit.serial).sort();
    expect(serials).toEqual(['SN - 123 - 2021', 'SN-0042', 'SN-0043', 'SN-0045', 'SN-0046'].sort());
  });

  it('rejects a blank serial and keeps the queue moving', async () => {
    const station = new StationOutbox('station-a');

    const response = await push(server, station.clientId, [
      station.pack('ORD-1003', '1', 'WIDGET-01', '   '),
      station.pack('ORD-1003', '1', 'WIDGET-01', 'SN-0047'),
    ]);

    expect(response.json.results[0]).toMatchObject({ status: 'rejected', code: 'serial_empty' });
    expect(response.json.results[1].status).toBe('applied');
    expect(response.json.lastSeq).toBe(2);
  });

  it('accepts duplicates in an order when the setting allows them', async () => {
    await call(server, 'PUT', '/v1/settings', {
      body: { allowDuplicateSerialsInOrder: true, crossOrderSerialPolicy: 'warn' },
    });
    const station = new StationOutbox('station-a');

    const response = await push(server, station.clientId, [
      station.pack('ORD-1003', '1', 'WIDGET-01', 'SN-0042'),
      station.pack('ORD-1003', '2', 'WIDGET-01', 'SN-0042 '),
      station.pack('ORD-1003', '2', 'WIDGET-01', '\u00A0SN-0042'),
      station.pack('ORD-1003', '2', 'WIDGET-01', 'sn-0042'),
    ]);

    expect(response.json.results.map((result: { status: string }) => result.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    const order = await call(server, 'GET', '/v1/orders/ORD-1003');
    expect(order.json.units.map((unit: { serial: string }) => unit.serial)).toContain('sn-0042');
  });

  it('replays a lost acknowledgement without a second record', async () => {
    await createOrder(server, 'ORD-1004', [{ lineId: '1', sku: 'WIDGET-01', quantity: 2 }]);
    const station = new StationOutbox('station-a');
    const row1 = station.pack('ORD-1004', '1', 'WIDGET-01', 'SN-0060');
    const row2 = station.pack('ORD-1004', '1', 'WIDGET-01', 'SN-0061');

    await push(server, station.clientId, [row1]);
    await push(server, station.clientId, [row1, row2]);
    const replay = await push(server, station.clientId, [row1, row2]);

    expect(replay.json.results.map((result: { status: string }) => result.status)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    const order = await call(server, 'GET', '/v1/orders/ORD-1004');
    expect(order.json.units.map((unit: { serial: string }) => unit.serial).sort()).toEqual([
      'SN-0060',
      'SN-0061',
    ]);
  });

  it('blocks a serial packed in another order for the same SKU', async () => {
    await call(server, 'PUT', '/v1/settings', {
      body: { allowDuplicateSerialsInOrder: false, crossOrderSerialPolicy: 'block' },
    });
    await createOrder(server, 'ORD-1004', [{ lineId: '1', sku: 'WIDGET-01', quantity: 1 }]);
    await createOrder(server, 'ORD-1005', [{ lineId: '1', sku: 'WIDGET-01', quantity: 1 }]);
    const stationA = new StationOutbox('station-a');
    const stationB = new StationOutbox('station-b');
    await push(server, stationA.clientId, [stationA.pack('ORD-1004', '1', 'WIDGET-01', 'SN-0060')]);

    const response = await push(server, stationB.clientId, [
      stationB.pack('ORD-1005', '1', 'WIDGET-01', 'SN-0060'),
    ]);

    expect(response.json.results[0]).toMatchObject({
      status: 'rejected',
      code: 'serial_packed_in_other_order',
    });
    expect(response.json.results[0].message).toContain('ORD-1004');
    expect(response.json.lastSeq).toBe(1);
  });

  it('lets one of two stations pushing the same serial at once win', async () => {
    await call(server, 'PUT', '/v1/settings', {
      body: { allowDuplicateSerialsInOrder: false, crossOrderSerialPolicy: 'block' },
    });
    await createOrder(server, 'ORD-1004', [{ lineId: '1', sku: 'WIDGET-01', quantity: 1 }]);
    await createOrder(server, 'ORD-1005', [{ lineId: '1', sku: 'WIDGET-01', quantity: 1 }]);
    const stationA = new StationOutbox('station-a');
    const stationB = new StationOutbox('station-b');

    const [first, second] = await Promise.all([
      push(server, stationA.clientId, [stationA.pack('ORD-1004', '1', 'WIDGET-01', 'SN-0080')]),
      push(server, stationB.clientId, [stationB.pack('ORD-1005', '1', 'WIDGET-01', 'sn-0080')]),
    ]);

    const outcomes = [first.json.results[0], second.json.results[0]];
    expect(outcomes.filter((result) => result.status === 'applied')).toHaveLength(1);
    expect(
      outcomes.filter((result) => result.code === 'serial_packed_in_other_order'),
    ).toHaveLength(1);
  });

  it('warns about a serial shipped in another order and packs it', async () => {
    await createOrder(server, 'ORD-1004', [{ lineId: '1', sku: 'WIDGET-01', quantity: 1 }]);
    await createOrder(server, 'ORD-1005', [{ lineId: '1', sku: 'WIDGET-01', quantity: 1 }]);
    const station = new StationOutbox('station-a');
    await push(server, station.clientId, [station.pack('ORD-1004', '1', 'WIDGET-01', 'SN-0070')]);
    await call(server, 'POST', '/v1/orders/ORD-1004/shipment', { token: server.stationToken });

    const response = await push(server, station.clientId, [
      station.pack('ORD-1005', '1', 'WIDGET-01', 'sn-0070'),
    ]);

    expect(response.json.results[0].status).toBe('applied');
    expect(response.json.results[0].warning.code).toBe('serial_previously_shipped');
    expect(response.json.results[0].warning.message).toContain('ORD-1004');
  });

  it('removes a unit and replaces a serial with an audit trail', async () => {
    const station = new StationOutbox('station-a');
    const packA = station.pack('ORD-1003', '1', 'WIDGET-01', 'SN-A');
    const packB = station.pack('ORD-1003', '1', 'WIDGET-01', 'SN-B');
    const unitA = (packA.payload as { unitId: string }).unitId;
    const unitB = (packB.payload as { unitId: string }).unitId;

    const response = await push(server, station.clientId, [
      packA,
      packB,
      station.replaceSerial('ORD-1003', unitA, 'sn-b'),
      station.replaceSerial('ORD-1003', unitA, 'SN-A2'),
      station.remove('ORD-1003', unitB),
      station.remove('ORD-1003', unitB),
    ]);

    const statuses = response.json.results.map(
      (result: { status: string; code?: string }) => result.code ?? result.status,
    );
    expect(statuses).toEqual([
      'applied',
      'applied',
      'duplicate_serial_in_order',
      'applied',
      'applied',
      'unit_not_found',
    ]);
    const order = await call(server, 'GET', '/v1/orders/ORD-1003');
    expect(order.json.units.map((unit: { serial: string }) => unit.serial)).toEqual(['SN-A2']);
  });

  it('rejects a batch with seqs out of order', async () => {
    const station = new StationOutbox('station-a');
    const first = station.claim('ORD-1003');
    const second = station.pack('ORD-1003', '1', 'WIDGET-01', 'SN-1');

    const response = await push(server, station.clientId, [second, first]);

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('push_out_of_order');
  });
});
