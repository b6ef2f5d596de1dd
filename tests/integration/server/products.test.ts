import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { call, createProducts, drivers, startTestServer } from './harness';
import type { TestServer } from './harness';

describe.each(drivers)('products API on %s', (driver) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    await server.reset();
  });

  it('rejects requests without a valid token', async () => {
    const missing = await call(server, 'GET', '/v1/products', { token: null });
    const wrong = await call(server, 'GET', '/v1/products', { token: 'pst_not-a-real-token' });

    expect(missing.status).toBe(401);
    expect(missing.json.error.code).toBe('unauthorized');
    expect(wrong.status).toBe(401);
  });

  it('rejects a station token on admin routes', async () => {
    const response = await call(server, 'POST', '/v1/products', {
      token: server.stationToken,
      body: { sku: 'A-1', name: 'A', kind: 'standard', needsSerialNumber: false },
    });

    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('forbidden');
  });

  it('creates, gets and searches products', async () => {
    await createProducts(server, [
      { sku: 'WIDGET-01', name: 'Widget large', barcodes: ['09506000134352'] },
      { sku: 'WIDGET-02', name: 'Widget small' },
      { sku: 'GADGET-01', name: 'Gadget' },
    ]);

    const bySku = await call(server, 'GET', '/v1/products/WIDGET-01', {
      token: server.stationToken,
    });
    const byPrefix = await call(server, 'GET', '/v1/products?q=widget');
    const byBarcode = await call(server, 'GET', '/v1/products?q=09506000134352');

    expect(bySku.json).toMatchObject({
      sku: 'WIDGET-01',
      needsSerialNumber: false,
      barcodes: ['09506000134352'],
    });
    expect(byPrefix.json.products.map((product: { sku: string }) => product.sku)).toEqual([
      'WIDGET-01',
      'WIDGET-02',
    ]);
    expect(byBarcode.json.products.map((product: { sku: string }) => product.sku)).toEqual([
      'WIDGET-01',
    ]);
  });

  it('answers validation errors with code, message and details', async () => {
    const response = await call(server, 'POST', '/v1/products', {
      body: { sku: '', name: 'x', kind: 'box' },
    });

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_request');
    expect(response.json.error.message).toMatch(/Invalid request/);
    expect(response.json.error.details.issues.length).toBeGreaterThan(0);
  });

  it('rejects a GTIN with a wrong check digit', async () => {
    const response = await call(server, 'POST', '/v1/products', {
      body: {
        sku: 'A-1',
        name: 'A',
        kind: 'standard',
        needsSerialNumber: false,
        barcodes: ['09506000134353'],
      },
    });

    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe('invalid_barcode');
  });

  it('locks Needs Serial Number once it is on', async () => {
    await createProducts(server, [{ sku: 'WIDGET-01' }]);

    const enable = await call(server, 'PATCH', '/v1/products/WIDGET-01', {
      body: { needsSerialNumber: true },
    });
    const disable = await call(server, 'PATCH', '/v1/products/WIDGET-01', {
      body: { needsSerialNumber: false },
    });

    expect(enable.status).toBe(200);
    expect(enable.json.needsSerialNumber).toBe(true);
    expect(disable.status).toBe(409);
    expect(disable.json.error.code).toBe('serial_tracking_locked');
  });

  it('rejects serial tracking for kits and built kits', async () => {
    await createProducts(server, [
      { sku: 'KIT-01', kind: 'kit' },
      { sku: 'BUILT-01', kind: 'built_kit' },
    ]);

    const kit = await call(server, 'PATCH', '/v1/products/KIT-01', {
      body: { needsSerialNumber: true },
    });
    const built = await call(server, 'PATCH', '/v1/products/BUILT-01', {
      body: { needsSerialNumber: true },
    });

    expect(kit.status).toBe(422);
    expect(kit.json.error.code).toBe('serial_tracking_not_supported_for_kits');
    expect(built.status).toBe(422);
  });

  it('switches tracking off only through the audited disable', async () => {
    await createProducts(server, [{ sku: 'WIDGET-01', needsSerialNumber: true }]);

    const noReason = await call(server, 'POST', '/v1/products/WIDGET-01/serial-tracking/disable', {
      body: {},
    });
    const asStation = await call(server, 'POST', '/v1/products/WIDGET-01/serial-tracking/disable', {
      token: server.stationToken,
      body: { reason: 'supplier stopped printing serials' },
    });
    const disabled = await call(server, 'POST', '/v1/products/WIDGET-01/serial-tracking/disable', {
      body: { reason: 'supplier stopped printing serials' },
    });

    expect(noReason.status).toBe(400);
    expect(asStation.status).toBe(403);
    expect(disabled.status).toBe(200);
    expect(disabled.json.needsSerialNumber).toBe(false);
    const audit = await server.database.db.query.auditLog.findMany();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'test-admin',
      action: 'serial_tracking.disable',
      subject: 'WIDGET-01',
    });
    expect(audit[0]!.details).toEqual({ reason: 'supplier stopped printing serials' });
  });

  it('bulk-edits a list of SKUs with a result per SKU', async () => {
    await createProducts(server, [
      { sku: 'A-1' },
      { sku: 'A-2', needsSerialNumber: true },
      { sku: 'K-1', kind: 'kit' },
    ]);

    const atomic = await call(server, 'POST', '/v1/products/bulk-edit', {
      body: { skus: ['A-1', 'A-2', 'K-1', 'NOPE'], change: { needsSerialNumber: true } },
    });
    const partial = await call(server, 'POST', '/v1/products/bulk-edit', {
      body: {
        skus: ['A-1', 'A-2', 'K-1', 'NOPE'],
        change: { needsSerialNumber: true },
        atomic: false,
      },
    });

    expect(atomic.status).toBe(422);
    expect(atomic.json.error.code).toBe('bulk_edit_rejected');
    expect(atomic.json.error.details.counts).toEqual({ changed: 1, unchanged: 1, rejected: 2 });
    expect(partial.status).toBe(200);
    expect(partial.json.applied).toBe(true);
    expect(partial.json.changed.map((row: { sku: string }) => row.sku)).toEqual(['A-1']);
    expect(partial.json.unchanged.map((row: { sku: string }) => row.sku)).toEqual(['A-2']);
    expect(partial.json.rejected.map((row: { code: string }) => row.code)).toEqual([
      'serial_tracking_not_supported_for_kits',
      'product_not_found',
    ]);
    const product = await call(server, 'GET', '/v1/products/A-1');
    expect(product.json.needsSerialNumber).toBe(true);
  });

  it('serves the OpenAPI document', async () => {
    const response = await call(server, 'GET', '/v1/openapi.json', { token: server.stationToken });

    expect(response.status).toBe(200);
    expect(response.json.openapi).toBe('3.1.0');
    expect(Object.keys(response.json.paths)).toContain('/v1/products/{sku}');
    expect(response.json.paths['/v1/sync/push'].post.requestBody).toBeDefined();
  });
});
