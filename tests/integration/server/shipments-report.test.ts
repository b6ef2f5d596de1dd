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

describe.each(drivers)('shipments and Serial Number Report on %s', (driver) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    await server.reset();
    await call(server, 'PUT', '/v1/settings', {
      body: { allowDuplicateSerialsInOrder: false, crossOrderSerialPolicy: 'off' },
    });
    await createProducts(server, [
      { sku: 'WIDGET-01', name: 'Widget', needsSerialNumber: true },
      { sku: 'CABLE-01', name: 'Cable' },
    ]);
  });

  /** Packs `serials` of WIDGET-01 (and one cable) into a new order and ships it. */
  async function packAndShip(orderNumber: string, serials: string[]): Promise<string> {
    await createOrder(server, orderNumber, [
      { lineId: '1', sku: 'WIDGET-01', quantity: serials.length },
      { lineId: '2', sku: 'CABLE-01', quantity: 1 },
    ]);
    const station = new StationOutbox(`station-${orderNumber}`, 'packer-7');
    const packed = await push(server, station.clientId, [
      ...serials.map((serial) => station.pack(orderNumber, '1', 'WIDGET-01', serial)),
      station.pack(orderNumber, '2', 'CABLE-01', null),
    ]);
    expect(
      packed.json.results.every((result: { status: string }) => result.status === 'applied'),
    ).toBe(true);
    const shipment = await call(server, 'POST', `/v1/orders/${orderNumber}/shipment`, {
      token: server.stationToken,
    });
    expect(shipment.status).toBe(201);
    return shipment.json.trackingNumber as string;
  }

  it('refuses to ship an order with a unit missing', async () => {
    await createOrder(server, 'ORD-1', [{ lineId: '1', sku: 'WIDGET-01', quantity: 2 }]);
    const station = new StationOutbox('station-a');
    await push(server, station.clientId, [station.pack('ORD-1', '1', 'WIDGET-01', 'SN-1')]);

    const response = await call(server, 'POST', '/v1/orders/ORD-1/shipment', {
      token: server.stationToken,
    });

    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('order_incomplete');
    expect(response.json.error.details.missing).toEqual([
      { lineId: '1', sku: 'WIDGET-01', packed: 1, quantity: 2 },
    ]);
  });

  it('refuses to ship a unit whose product started needing a serial', async () => {
    await createOrder(server, 'ORD-2', [{ lineId: '1', sku: 'CABLE-01', quantity: 1 }]);
    const station = new StationOutbox('station-a');
    await push(server, station.clientId, [station.pack('ORD-2', '1', 'CABLE-01', null)]);
    await call(server, 'PATCH', '/v1/products/CABLE-01', { body: { needsSerialNumber: true } });

    const response = await call(server, 'POST', '/v1/orders/ORD-2/shipment', {
      token: server.stationToken,
    });

    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('serial_missing');
  });

  it('ships once and returns the same shipment on retry', async () => {
    const trackingNumber = await packAndShip('ORD-3', ['SN-1', 'SN-2']);

    const retry = await call(server, 'POST', '/v1/orders/ORD-3/shipment', {
      token: server.stationToken,
    });
    const order = await call(server, 'GET', '/v1/orders/ORD-3');

    expect(trackingNumber).toMatch(/^PS\d{12}$/);
    expect(retry.status).toBe(200);
    expect(retry.json.trackingNumber).toBe(trackingNumber);
    expect(order.json.status).toBe('shipped');
    expect(order.json.shipment.trackingNumber).toBe(trackingNumber);
  });

  it('renders the label as PDF and as ZPL with the serials', async () => {
    const trackingNumber = await packAndShip('ORD-4', ['SN^41', 'SN_42']);

    const pdf = await fetch(`${server.url}/v1/shipments/${trackingNumber}/label.pdf`, {
      headers: { authorization: `Bearer ${server.stationToken}` },
    });
    const zpl = await call(server, 'GET', `/v1/shipments/${trackingNumber}/label.zpl`, {
      token: server.stationToken,
    });

    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('/MediaBox [0 0 288 432]');
    expect(zpl.text.startsWith('^XA')).toBe(true);
    expect(zpl.text).toContain('^PW812');
    expect(zpl.text).toContain(`^FD${trackingNumber}^FS`);
    expect(zpl.text).toContain('SN SN_5E41');
    expect(zpl.text).toContain('SN SN_5F42');
    expect(zpl.text).toContain('1 x CABLE-01');
    expect(zpl.text.trimEnd().endsWith('^XZ')).toBe(true);
  });

  it('finds several serials at once, ignoring case', async () => {
    const first = await packAndShip('ORD-5', ['SN-100', 'SN-101']);
    await packAndShip('ORD-6', ['SN-200']);

    const response = await call(
      server,
      'GET',
      '/v1/reports/serial-numbers?serial=sn-100&serial=SN-200',
      { token: server.stationToken },
    );

    expect(response.status).toBe(200);
    expect(response.json.rows.map((row: { serial: string }) => row.serial)).toEqual([
      'SN-100',
      'SN-200',
    ]);
    expect(response.json.rows[0]).toMatchObject({
      sku: 'WIDGET-01',
      productName: 'Widget',
      orderNumber: 'ORD-5',
      trackingNumber: first,
      packer: 'packer-7',
      stationId: 'station-ORD-5',
    });
  });

  it('filters by SKU, order and date and pages with a cursor', async () => {
    await packAndShip('ORD-7', ['SN-1', 'SN-2', 'SN-3']);
    await packAndShip('ORD-8', ['SN-4', 'SN-5']);

    const byOrder = await call(server, 'GET', '/v1/reports/serial-numbers?orderNumber=ORD-8');
    const future = await call(
      server,
      'GET',
      `/v1/reports/serial-numbers?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    const pages: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { json: { rows: { serial: string }[]; nextCursor: string | null } } = await call(
        server,
        'GET',
        `/v1/reports/serial-numbers?sku=WIDGET-01&limit=2${cursor === '' ? '' : `&cursor=${cursor}`}`,
      );
      pages.push(page.json.rows.map((row) => row.serial).join(','));
      cursor = page.json.nextCursor;
    }

    expect(byOrder.json.rows.map((row: { serial: string }) => row.serial)).toEqual([
      'SN-4',
      'SN-5',
    ]);
    expect(future.json.rows).toEqual([]);
    expect(pages).toEqual(['SN-1,SN-2', 'SN-3,SN-4', 'SN-5']);
  });

  it('rejects a cursor it did not issue', async () => {
    const response = await call(server, 'GET', '/v1/reports/serial-numbers?cursor=bm9wZQ');
    const csv = await call(server, 'GET', '/v1/reports/serial-numbers?cursor=bm9wZQ', {
      accept: 'text/csv',
    });

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_cursor');
    expect(csv.status).toBe(400);
    expect(csv.json.error.code).toBe('invalid_cursor');
  });

  it('exports CSV with formula cells neutralised', async () => {
    const serials = [
      '=HYPERLINK("http://example.invalid","x")',
      '+SN5',
      '-SN6',
      '@SUM(A1:A2)',
      'SN8',
      'SN "9"',
      'SN,10',
      '0012345',
      '12345678901234567890',
    ];
    await packAndShip('ORD-1002', serials);
    await server.database.db.execute(
      (await import('drizzle-orm'))
        .sql`update shipped_serials set serial = E'\\tSN8' where serial = 'SN8'`,
    );

    const response = await call(server, 'GET', '/v1/reports/serial-numbers?orderNumber=ORD-1002', {
      accept: 'text/csv',
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = response.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      '"Serial Number","SKU","Product Name","Order Number","Tracking Number","Shipped At","Packer","Station"',
    );
    const serialCells = lines
      .slice(1, -1)
      .map((line) => line.slice(0, line.indexOf('","WIDGET-01"') + 1));
    expect(serialCells).toEqual([
      '"\'=HYPERLINK(""http://example.invalid"",""x"")"',
      '"\'+SN5"',
      '"\'-SN6"',
      '"\'@SUM(A1:A2)"',
      '"\'\tSN8"',
      '"SN ""9"""',
      '"SN,10"',
      '"0012345"',
      '"12345678901234567890"',
    ]);
    expect(lines.at(-1)).toBe('');
    const stored = await call(server, 'GET', '/v1/reports/serial-numbers?serial=-SN6');
    expect(stored.json.rows[0].serial).toBe('-SN6');
  });

  it('keeps serials after tracking is switched off', async () => {
    await packAndShip('ORD-9', ['SN-KEEP']);

    await call(server, 'POST', '/v1/products/WIDGET-01/serial-tracking/disable', {
      body: { reason: 'no longer serialised' },
    });
    const response = await call(server, 'GET', '/v1/reports/serial-numbers?serial=SN-KEEP');

    expect(response.json.rows).toHaveLength(1);
    expect(response.json.rows[0].orderNumber).toBe('ORD-9');
  });
});
