import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { BackendError, createBackendClient } from '../../../src/main/backend';
import type { BackendClient } from '../../../src/main/backend';
import { createLogger } from '../../../src/main/logger';
import { createPostgresDatabase, startServerProcess } from './server-process';
import type { ServerProcess } from './server-process';
import { seedCatalog } from './station';

describe('backend client against the real server', () => {
  let server: ServerProcess;
  let station: BackendClient;
  let admin: BackendClient;
  const logger = createLogger({ level: 'silent' });

  beforeAll(async () => {
    const url = await createPostgresDatabase(inject('postgresUrl'), 'sync_client');
    server = await startServerProcess({ url });
    await seedCatalog(server, ['ORD-6001']);
    station = createBackendClient({ baseUrl: server.url, token: server.stationToken, logger });
    admin = createBackendClient({ baseUrl: server.url, token: server.adminToken, logger });
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function failure(request: Promise<unknown>): Promise<BackendError> {
    try {
      await request;
    } catch (error) {
      if (error instanceof BackendError) {
        return error;
      }

      throw error;
    }

    throw new Error('expected the request to fail');
  }

  it('searches and edits products', async () => {
    const page = await station.searchProducts({ q: 'WIDGET' });
    expect(page.products.map((product) => product.sku)).toEqual(['WIDGET-01']);

    const renamed = await admin.updateProduct('CABLE-02', { name: 'USB cable' });
    expect(renamed.name).toBe('USB cable');
    expect((await station.getProduct('CABLE-02'))?.name).toBe('USB cable');
    expect(await station.getProduct('NOPE-99')).toBeNull();
  });

  it('keeps the server code of a refused edit', async () => {
    const error = await failure(admin.updateProduct('WIDGET-01', { needsSerialNumber: false }));

    expect(error.code).toBe('serial_tracking_locked');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/WIDGET-01/);
  });

  it('refuses admin routes with a station token', async () => {
    const error = await failure(station.updateProduct('CABLE-02', { name: 'x' }));

    expect(error.code).toBe('backend_forbidden');
    expect(error.retryable).toBe(false);
  });

  it('refuses an unknown token', async () => {
    const stranger = createBackendClient({ baseUrl: server.url, token: 'pst_unknown', logger });

    const error = await failure(stranger.getSettings());

    expect(error.code).toBe('backend_unauthorized');
    expect(error.retryable).toBe(false);
  });

  it('bulk edits by list and by CSV', async () => {
    const listed = await admin.bulkEditProducts({
      skus: ['CABLE-02'],
      change: { needsSerialNumber: true },
      dryRun: true,
    });
    expect(listed.dryRun).toBe(true);
    expect(listed.counts.changed).toBe(1);

    const csv = await admin.importBulkEditCsv('SKU,Needs Serial Number\nCABLE-02,0\n', {
      atomic: false,
    });
    expect(csv.counts.rejected + csv.counts.unchanged).toBe(1);
  });

  it('reads and writes the account settings', async () => {
    const saved = await admin.putSettings({
      allowDuplicateSerialsInOrder: true,
      crossOrderSerialPolicy: 'warn',
    });
    expect(saved.allowDuplicateSerialsInOrder).toBe(true);

    const read = await station.getSettings();
    expect(read.allowDuplicateSerialsInOrder).toBe(true);
    expect(read.version).toBe(saved.version);
  });

  it('searches and streams the serial report', async () => {
    const page = await station.searchSerialReport({ sku: 'WIDGET-01' });
    expect(page.rows).toEqual([]);
    expect(page.nextCursor).toBeNull();

    const chunks: Buffer[] = [];
    for await (const chunk of await station.serialReportCsv({ sku: 'WIDGET-01' })) {
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('Serial Number');
  });

  it('reports an unreachable server as retryable', async () => {
    const nowhere = createBackendClient({ baseUrl: 'http://127.0.0.1:9', token: 'pst_x', logger });

    const error = await failure(nowhere.getSettings());

    expect(error.code).toBe('backend_unreachable');
    expect(error.retryable).toBe(true);
  });
});
