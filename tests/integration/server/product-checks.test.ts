import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { call, createProducts, drivers, startTestServer } from './harness';
import type { TestServer } from './harness';

describe.each(drivers)('product checks on %s', (driver) => {
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
      { sku: 'DEMO-CABLE' },
      { sku: 'PHONE-01', needsSerialNumber: true },
    ]);
  });

  const create = (sku: string) =>
    call(server, 'POST', '/v1/products', {
      body: { sku, name: 'x', kind: 'standard', needsSerialNumber: false },
    });

  it.each([
    ['control character', 'CTL\u0007', 'control_character'],
    ['zero-width space', 'ZW\u200bSKU', 'invisible_character'],
    ['byte order mark', '\ufeffBOM-1', 'edge_space'],
    ['trailing space', 'TRAIL ', 'edge_space'],
    ['leading space', ' LEAD', 'edge_space'],
    ['Cyrillic look-alike', 'DEMO-\u0421ABLE', 'mixed_scripts'],
  ])('rejects a SKU with a %s', async (_case, sku, reason) => {
    const response = await create(sku);

    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe('invalid_sku');
    expect(response.json.error.details.reason).toBe(reason);
  });

  it('rejects a SKU that differs only in case', async () => {
    const response = await create('demo-cable');

    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('sku_conflict');
    expect(response.json.error.message).toContain('DEMO-CABLE');
  });

  it('keeps product_exists for the same SKU', async () => {
    const response = await create('DEMO-CABLE');

    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('product_exists');
  });

  it('accepts a SKU in one non-Latin script', async () => {
    const response = await create('\u041a\u0410\u0411\u0415\u041b\u042c-1');

    expect(response.status).toBe(201);
  });

  it('rejects an impossible serial format when saved', async () => {
    const lengths = await call(server, 'PATCH', '/v1/products/PHONE-01', {
      body: { serialFormat: { minLength: 50, maxLength: 3 } },
    });
    const prefix = await call(server, 'PATCH', '/v1/products/PHONE-01', {
      body: { serialFormat: { maxLength: 3, prefix: 'ABCD' } },
    });
    const created = await call(server, 'POST', '/v1/products', {
      body: {
        sku: 'NEW-1',
        name: 'x',
        kind: 'standard',
        needsSerialNumber: true,
        serialFormat: { minLength: 9, maxLength: 2 },
      },
    });
    const stored = await call(server, 'GET', '/v1/products/PHONE-01');

    expect(lengths.status).toBe(422);
    expect(lengths.json.error.code).toBe('serial_format_rule_invalid');
    expect(prefix.status).toBe(422);
    expect(created.status).toBe(422);
    expect(stored.json.serialFormat).toBeNull();
  });

  it('says a tracked product cannot become a kit', async () => {
    const response = await call(server, 'POST', '/v1/products/bulk-edit.csv?atomic=0', {
      csv: 'SKU,Kind\nPHONE-01,kit\n',
    });
    const message = response.json.rejected[0].message as string;

    expect(response.json.rejected[0].code).toBe('serial_tracking_not_supported_for_kits');
    expect(message).toContain('PHONE-01 is serial-tracked');
    expect(message).not.toContain('is a kit');
  });

  it('says a reason of only spaces is empty', async () => {
    const response = await call(server, 'POST', '/v1/products/PHONE-01/serial-tracking/disable', {
      body: { reason: '      ' },
    });

    expect(response.status).toBe(400);
    expect(response.json.error.message).toContain('reason is empty');
  });
});
