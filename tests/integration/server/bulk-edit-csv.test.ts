import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { call, createProducts, drivers, startTestServer } from './harness';
import type { TestServer } from './harness';

const excelFile =
  '\uFEFFSKU,Title,Needs Serial Number \r\n' +
  'WIDGET-01,"Widget, large",1\r\n' +
  'WIDGET-02,"Rail 12"" long",0\r\n' +
  'WIDGET-03,"Two\r\nlines",1\r\n' +
  'WIDGET-04,Gadget,\r\n' +
  'WIDGET-05,Gadget,yes\r\n' +
  'WIDGET-06,Gadget, 1\r\n' +
  'WIDGET-07,Gadget,1.0\r\n' +
  'UNKNOWN-99,Nothing,1\r\n';

const handEditedFile = excelFile
  .replace('\uFEFFSKU,Title,Needs Serial Number ', 'sku,title,NEEDS SERIAL NUMBER')
  .replace(/\r\n/g, '\n')
  .replace('"Two\nlines"', '"Two\r\nlines"');

describe.each(drivers)('Bulk Edit CSV on %s', (driver) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    await server.reset();
    await createProducts(
      server,
      [
        'WIDGET-01',
        'WIDGET-02',
        'WIDGET-03',
        'WIDGET-04',
        'WIDGET-05',
        'WIDGET-06',
        'WIDGET-07',
      ].map((sku) => ({ sku })),
    );
  });

  it('previews an Excel file row by row', async () => {
    const response = await call(server, 'POST', '/v1/products/bulk-edit.csv?dryRun=1', {
      csv: excelFile,
    });

    expect(response.status).toBe(200);
    expect(response.json.applied).toBe(false);
    expect(response.json.counts).toEqual({ changed: 5, unchanged: 0, rejected: 3 });
    expect(response.json.changed.map((row: { sku: string }) => row.sku)).toEqual([
      'WIDGET-01',
      'WIDGET-02',
      'WIDGET-03',
      'WIDGET-04',
      'WIDGET-06',
    ]);
    const rejected = response.json.rejected;
    expect(rejected.map((row: { sku: string }) => row.sku)).toEqual([
      'WIDGET-05',
      'WIDGET-07',
      'UNKNOWN-99',
    ]);
    expect(rejected[0]).toMatchObject({
      row: 6,
      column: 'Needs Serial Number',
      code: 'invalid_value',
    });
    expect(rejected[0].message).toContain('must be 1 or 0');
    expect(rejected[1].row).toBe(8);
    expect(rejected[2]).toMatchObject({ row: 9, code: 'product_not_found' });
    expect(rejected[2].message).toContain('not found');
    const untouched = await call(server, 'GET', '/v1/products/WIDGET-01');
    expect(untouched.json.needsSerialNumber).toBe(false);
  });

  it('applies nothing when a row is rejected', async () => {
    const response = await call(server, 'POST', '/v1/products/bulk-edit.csv', { csv: excelFile });

    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe('bulk_edit_rejected');
    expect(response.json.error.details.counts.rejected).toBe(3);
    const product = await call(server, 'GET', '/v1/products/WIDGET-01');
    expect(product.json.needsSerialNumber).toBe(false);
    expect(product.json.name).toBe('WIDGET-01 name');
  });

  it('imports the Excel and the hand-edited file identically', async () => {
    const results = [];
    for (const file of [excelFile, handEditedFile]) {
      await server.reset();
      await createProducts(
        server,
        [
          'WIDGET-01',
          'WIDGET-02',
          'WIDGET-03',
          'WIDGET-04',
          'WIDGET-05',
          'WIDGET-06',
          'WIDGET-07',
        ].map((sku) => ({ sku })),
      );
      const response = await call(server, 'POST', '/v1/products/bulk-edit.csv?atomic=0', {
        csv: file,
      });
      expect(response.status).toBe(200);
      const products = await call(server, 'GET', '/v1/products?q=WIDGET');
      results.push({
        counts: response.json.counts,
        products: products.json.products.map(
          (product: { sku: string; name: string; needsSerialNumber: boolean }) => [
            product.sku,
            product.name,
            product.needsSerialNumber,
          ],
        ),
      });
    }

    expect(results[1]).toEqual(results[0]);
    expect(results[0]!.products).toEqual([
      ['WIDGET-01', 'Widget, large', true],
      ['WIDGET-02', 'Rail 12" long', false],
      ['WIDGET-03', 'Two\r\nlines', true],
      ['WIDGET-04', 'Gadget', false],
      ['WIDGET-05', 'WIDGET-05 name', false],
      ['WIDGET-06', 'Gadget', true],
      ['WIDGET-07', 'WIDGET-07 name', false],
    ]);
  });

  it('rejects 0 for a tracked product and leaves a blank cell alone', async () => {
    await call(server, 'PATCH', '/v1/products/WIDGET-01', { body: { needsSerialNumber: true } });
    await call(server, 'PATCH', '/v1/products/WIDGET-04', { body: { needsSerialNumber: true } });

    const response = await call(server, 'POST', '/v1/products/bulk-edit.csv?dryRun=1', {
      csv: 'SKU,Needs Serial Number\nWIDGET-01,0\nWIDGET-04,\nWIDGET-02,0\n',
    });

    expect(response.json.rejected).toEqual([
      expect.objectContaining({
        row: 2,
        sku: 'WIDGET-01',
        column: 'Needs Serial Number',
        code: 'serial_tracking_locked',
      }),
    ]);
    expect(response.json.unchanged.map((row: { sku: string }) => row.sku)).toEqual([
      'WIDGET-04',
      'WIDGET-02',
    ]);
  });

  it('rejects a file with a duplicate column', async () => {
    const response = await call(server, 'POST', '/v1/products/bulk-edit.csv', {
      csv: 'SKU,Title,Needs Serial Number,Needs Serial Number\nWIDGET-01,Widget,1,1\n',
    });

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('csv_duplicate_column');
    expect(response.json.error.message).toContain('Needs Serial Number');
  });

  it('rejects a file without a SKU column', async () => {
    const response = await call(server, 'POST', '/v1/products/bulk-edit.csv', {
      csv: 'Title\nWidget\n',
    });

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('csv_missing_column');
  });

  it('reports unknown columns and ignores them', async () => {
    const response = await call(server, 'POST', '/v1/products/bulk-edit.csv', {
      csv: 'SKU,Colour,Needs Serial Number\nWIDGET-01,red,1\n',
    });

    expect(response.status).toBe(200);
    expect(response.json.ignoredColumns).toEqual(['Colour']);
    expect(response.json.counts.changed).toBe(1);
  });

  it('rejects a CSV body sent as JSON', async () => {
    const response = await call(server, 'POST', '/v1/products/bulk-edit.csv', {
      body: { sku: 'x' },
    });

    expect(response.status).toBe(415);
    expect(response.json.error.code).toBe('unsupported_media_type');
  });

  it('applies 100,000 rows in one request', async () => {
    const count = 100_000;
    await server.database.db.execute(
      (await import('drizzle-orm'))
        .sql`insert into products (sku, name, kind, needs_serial_number, barcodes, version)
        select 'BULK-' || lpad(n::text, 6, '0'), 'Bulk item ' || n, 'standard', false, '[]'::jsonb, 1
        from generate_series(1, ${count}) as n`,
    );
    const lines = ['SKU,Name,Needs Serial Number'];
    for (let n = 1; n <= count; n += 1)
      lines.push(`BULK-${String(n).padStart(6, '0')},"Bulk item ${n}, edited",1`);

    const response = await call(server, 'POST', '/v1/products/bulk-edit.csv', {
      csv: `${lines.join('\r\n')}\r\n`,
    });

    expect(response.status).toBe(200);
    expect(response.json.counts).toEqual({ changed: count, unchanged: 0, rejected: 0 });
    const last = await call(server, 'GET', '/v1/products/BULK-100000');
    expect(last.json).toMatchObject({ name: 'Bulk item 100000, edited', needsSerialNumber: true });
  });
});
