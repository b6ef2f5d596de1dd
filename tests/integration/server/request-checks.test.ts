import http from 'node:http';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { call, createProducts, drivers, startTestServer } from './harness';
import type { TestServer } from './harness';

interface ErrorAnswer {
  error: { code: string; message: string; details: Record<string, unknown> };
}

describe.each(drivers)('request checks on %s', (driver) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    await server.reset();
    await createProducts(server, [{ sku: 'CABLE-01' }, { sku: 'MANUAL-01' }]);
  });

  it('rejects U+0000 in a JSON body, naming field and position', async () => {
    const response = await call(server, 'POST', '/v1/products', {
      body: { sku: 'NEW-1', name: 'Ca\u0000ble', kind: 'standard', needsSerialNumber: false },
    });

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_character');
    expect(response.json.error.details.field).toBe('body.name');
    expect(response.json.error.details.position).toBe(2);
    expect(response.json.error.message).toContain('body.name');
  });

  it('rejects U+0000 in barcodes, claim station and query', async () => {
    const barcode = await call(server, 'POST', '/v1/products', {
      body: {
        sku: 'NEW-2',
        name: 'x',
        kind: 'standard',
        needsSerialNumber: false,
        barcodes: ['\u0000'],
      },
    });
    const search = await call(server, 'GET', '/v1/products?q=%00');
    const after = await call(server, 'GET', '/v1/orders?after=%00');
    const report = await call(server, 'GET', '/v1/reports/serial-numbers?serial=%00');

    expect(barcode.status).toBe(400);
    expect(barcode.json.error.details.field).toBe('body.barcodes.0');
    expect(search.status).toBe(400);
    expect(search.json.error.details.field).toBe('query.q');
    expect(after.status).toBe(400);
    expect(after.json.error.code).toBe('invalid_character');
    expect(report.status).toBe(400);
    expect(report.json.error.code).toBe('invalid_character');
  });

  it('rejects U+0000 in a path parameter', async () => {
    const response = await call(server, 'GET', '/v1/products/A%00B');

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_character');
    expect(response.json.error.details.field).toBe('path.sku');
    expect(response.json.error.details.position).toBe(1);
  });

  it('rejects a lone surrogate instead of storing U+FFFD', async () => {
    const response = await fetch(`${server.url}/v1/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: '{"sku":"NEW-3","name":"x\\ud800y","kind":"standard","needsSerialNumber":false}',
    });
    const json = (await response.json()) as ErrorAnswer;
    const stored = await call(server, 'GET', '/v1/products/NEW-3');

    expect(response.status).toBe(400);
    expect(json.error.code).toBe('invalid_character');
    expect(json.error.details.codePoint).toBe('U+D800');
    expect(stored.status).toBe(404);
  });

  it('keeps valid CSV rows when one cell has U+0000', async () => {
    const response = await call(server, 'POST', '/v1/products/bulk-edit.csv?atomic=0', {
      csv: 'SKU,Name\nCABLE-01,Cable new\nMANUAL-01,Man\u0000ual\n',
    });
    const cable = await call(server, 'GET', '/v1/products/CABLE-01');

    expect(response.status).toBe(200);
    expect(response.json.counts).toEqual({ changed: 1, unchanged: 0, rejected: 1 });
    expect(response.json.rejected[0].row).toBe(3);
    expect(response.json.rejected[0].column).toBe('Name');
    expect(response.json.rejected[0].code).toBe('invalid_character');
    expect(cable.json.name).toBe('Cable new');
  });

  it('rejects a CSV row whose SKU has U+0000', async () => {
    const response = await call(server, 'POST', '/v1/products/bulk-edit.csv?atomic=0', {
      csv: 'SKU,Name\nCA\u0000BLE,Cable new\n',
    });

    expect(response.status).toBe(200);
    expect(response.json.rejected[0].code).toBe('invalid_character');
    expect(response.json.rejected[0].column).toBe('SKU');
    expect(response.json.rejected[0].sku).toBe('CA\\u0000BLE');
  });

  it('names row and column of a bad orders CSV cell', async () => {
    const nul = await call(server, 'POST', '/v1/orders/import.csv', {
      csv: 'Order Number,SKU,Quantity\nORD-1,CABLE-01,1\nOR\u0000D-2,CABLE-01,1\n',
    });
    const quantity = await call(server, 'POST', '/v1/orders/import.csv', {
      csv: 'Order Number,SKU,Quantity\nORD-1,CABLE-01,1.5\n',
    });

    expect(nul.status).toBe(400);
    expect(nul.json.error.details.rows).toEqual([
      expect.objectContaining({ row: 3, column: 'Order Number' }),
    ]);
    expect(quantity.json.error.details.rows[0].column).toBe('Quantity');
    expect(quantity.json.error.details.rows[0].message).toContain('Row 2, column Quantity');
    expect(quantity.json.error.details.rows[0].message).toContain('"1.5"');
  });

  it('answers malformed JSON with invalid_json', async () => {
    const response = await fetch(`${server.url}/v1/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: '{"sku": ',
    });
    const json = (await response.json()) as ErrorAnswer;

    expect(response.status).toBe(400);
    expect(json.error.code).toBe('invalid_json');
    expect(json.error.message).not.toContain('content-type');
  });

  it('answers 401 before reading a body', async () => {
    const malformed = await fetch(`${server.url}/v1/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sku": ',
    });
    const xml = await fetch(`${server.url}/v1/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<product/>',
    });
    const huge = await fetch(`${server.url}/v1/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"name":"${'x'.repeat(3 * 1024 * 1024)}"}`,
    });

    expect(malformed.status).toBe(401);
    expect(xml.status).toBe(401);
    expect(huge.status).toBe(401);
  });

  // A server that reads the body first waits for 60 MiB that never come, so fail fast.
  it('answers 401 while the body is still unsent', { timeout: 15_000 }, async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${server.url}/v1/products/bulk-edit.csv`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'content-length': String(60 * 1024 * 1024) },
      });
      request.on('response', (response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
        request.destroy();
      });
      request.on('error', reject);
      request.write('SKU,Name\n');
    });

    expect(status).toBe(401);
  });

  it('says whether the token was missing or unknown', async () => {
    const missing = await call(server, 'GET', '/v1/products', { token: null });
    const unknown = await call(server, 'GET', '/v1/products', { token: 'pst_revoked' });

    expect(missing.json.error.message).toContain('A bearer token is required');
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.message).toContain('unknown or revoked');
    expect(unknown.json.error.message).not.toContain('is required');
  });

  it('matches Content-Type without regard to case', async () => {
    const response = await fetch(`${server.url}/v1/products/bulk-edit.csv?dryRun=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'Text/CSV' },
      body: 'SKU,Name\nCABLE-01,Cable new\n',
    });

    expect(response.status).toBe(200);
  });

  it('prefers the Accept type with the higher q-value', async () => {
    const json = await call(server, 'GET', '/v1/reports/serial-numbers', {
      accept: 'text/csv;q=0.5, application/json',
    });
    const csv = await call(server, 'GET', '/v1/reports/serial-numbers', {
      accept: 'application/json;q=0.2, Text/CSV',
    });

    expect(json.headers.get('content-type')).toContain('application/json');
    expect(csv.headers.get('content-type')).toContain('text/csv');
  });

  it('names the limit and count of serial filters', async () => {
    const query = Array.from({ length: 1001 }, (_, index) => `serial=S${index}`).join('&');
    const response = await call(server, 'GET', `/v1/reports/serial-numbers?${query}`);

    expect(response.status).toBe(400);
    expect(response.json.error.message).toContain('at most 1000');
    expect(response.json.error.message).toContain('1001');
  });
});
