import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventEnvelope } from '../../../src/shared/ipc/contract';
import type { ExportProgress } from '../../../src/shared/ipc/channels/supervisor';
import { resolveStationConfig } from '../../../src/main/config';
import { embeddedEntrySource, nodeLauncher } from '../../../src/main/embedded';
import { createLogger } from '../../../src/main/logger';
import { createStationServices } from '../../../src/main/services';
import type { StationServices } from '../../../src/main/services';
import { scanOf } from './station';

let folder: string;
let services: StationServices;
const events: EventEnvelope[] = [];

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'packing-services-'));
  const { config, tokenStore } = await resolveStationConfig({
    userDataDir: folder,
    argv: ['--station-name', 'bench-1', '--packer-name', 'Ada'],
    env: {},
  });
  services = await createStationServices({
    logger: createLogger({ level: 'silent' }),
    shell: 'browser-host',
    config,
    tokenStore,
    launcher: nodeLauncher(embeddedEntrySource(), { execArgv: ['--import', 'tsx'] }),
    hid: null,
  });
  services.bus.subscribe((envelope) => events.push(envelope));
}, 120_000);

afterAll(async () => {
  await services?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('standalone station services', () => {
  it('packs, ships and exports through the contract', async () => {
    await call('pack.scan', { scan: scanOf('DEMO-1001') });
    await call('pack.scan', { scan: scanOf('09506000134352') });
    await call('pack.submitSerial', { serial: 'SVC-1' });
    await call('pack.scan', { scan: scanOf('09506000134352') });
    const duplicate = await call('pack.submitSerial', { serial: 'SVC-1' });
    expect(duplicate).toMatchObject({ prompt: { error: { code: 'duplicate_serial_in_order' } } });

    expect(await call('admin.access', {})).toEqual({ allowed: true, reason: null });
    await call('admin.settings.update', { allowDuplicateSerialsInOrder: true });
    await call('pack.submitSerial', { serial: 'SVC-1' });
    const ready = await call('pack.scan', { scan: scanOf('09506000134383') });
    expect(ready).toMatchObject({ state: 'ready_to_ship' });

    const shipped = await call('pack.ship', {});
    expect(shipped).toMatchObject({ state: 'shipped', shipment: { hasLabel: true } });
    expect(events.some((event) => event.name === 'pack.changed')).toBe(true);
    expect(events.some((event) => event.name === 'sync.changed')).toBe(true);

    const history = await call('history.search', { orderNumber: 'DEMO-1001' });
    expect(history).toMatchObject({
      rows: [{ shipped: true }, { shipped: true }, { shipped: true }],
    });

    const report = (await call('report.search', { orderNumber: 'DEMO-1001' })) as {
      rows: { serial: string; station: string }[];
    };
    expect(report.rows.map((row) => row.serial)).toEqual(['SVC-1', 'SVC-1']);

    const { exportId } = (await call('report.exportCsv', {
      filters: { orderNumber: 'DEMO-1001' },
    })) as {
      exportId: string;
    };
    const done = await waitForExport(exportId);
    expect(done.error).toBeNull();
    expect(done.rows).toBe(2);
    expect(readFileSync(done.file ?? '', 'utf8')).toContain('SVC-1');
  });

  it('answers the settings and sync status', async () => {
    expect(await call('settings.get', {})).toMatchObject({
      mode: 'standalone',
      stationName: 'bench-1',
      packerName: 'Ada',
    });
    expect(await call('sync.status', {})).toMatchObject({ online: true, rejected: [] });
  });

  it('rejects a station name with a NUL over IPC', async () => {
    const result = await services.dispatcher.dispatch('settings.update', {
      stationName: 'bench\u00002',
    });

    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_name',
        message: expect.stringContaining('control character U+0000 NUL at position 6') as string,
      },
    });
    expect(await call('settings.get', {})).toMatchObject({ stationName: 'bench-1' });
  });

  it('rejects a request outside the contract', async () => {
    const result = await services.dispatcher.dispatch('pack.removeUnit', {
      unitId: 'x',
      reason: '',
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});

async function call(channel: string, payload: unknown): Promise<unknown> {
  const result = await services.dispatcher.dispatch(channel, payload);
  if (!result.ok)
    throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);

  return result.value;
}

async function waitForExport(exportId: string): Promise<ExportProgress> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const done = events.find(
      (event) =>
        event.name === 'report.exportProgress' &&
        (event.payload as ExportProgress).exportId === exportId &&
        (event.payload as ExportProgress).done,
    );
    if (done !== undefined) return done.payload as ExportProgress;

    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  throw new Error(`export ${exportId} did not finish`);
}
