import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { adminHandlers } from '../../../src/main/handlers/admin';
import { historyHandlers } from '../../../src/main/handlers/history';
import { scannerHandlers } from '../../../src/main/handlers/scanner';
import { createEventBus } from '../../../src/main/ipc/event-bus';
import { createLogger } from '../../../src/main/logger';
import { openStationStore } from '../../../src/main/store';
import type { StationStore } from '../../../src/main/store';

let folder: string;
let store: StationStore;

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'packing-handlers-'));
  store = openStationStore({
    file: path.join(folder, 'station.db'),
    logger: createLogger({ level: 'silent' }),
  });
});

afterEach(() => {
  store.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('history.search', () => {
  it('combines the order and SKU filters', async () => {
    pack('A-1', 'SKU-1', 'S1');
    pack('A-1', 'SKU-2', 'S2');
    pack('B-2', 'SKU-1', 'S3');

    const result = await historyHandlers(store)['history.search']({
      orderNumber: 'A-1',
      sku: 'SKU-1',
      limit: 50,
    });

    expect(result.rows.map((row) => row.serial)).toEqual(['S1']);
    expect(result.nextCursor).toBeNull();
  });

  it('marks removed and replaced units', async () => {
    const removed = pack('A-1', 'SKU-1', 'S1');
    const replaced = pack('A-1', 'SKU-1', 'S2');
    store.units.remove({ unitId: removed, reason: 'damaged', packer: 'Ada' });
    store.units.replaceSerial({
      unitId: replaced,
      serial: 'S2-FIXED',
      reason: 'typo',
      packer: 'Ada',
    });

    const result = await historyHandlers(store)['history.search']({
      orderNumber: 'A-1',
      limit: 50,
    });
    const statuses = Object.fromEntries(result.rows.map((row) => [row.unitId, row.status]));

    expect(statuses[removed]).toBe('removed');
    expect(statuses[replaced]).toBe('replaced');
  });

  it('finds a serial case-insensitively', async () => {
    pack('A-1', 'SKU-1', 'Serial-9');

    const result = await historyHandlers(store)['history.search']({
      serial: 'SERIAL-9',
      limit: 50,
    });

    expect(result.rows.map((row) => row.serial)).toEqual(['Serial-9']);
  });
});

describe('wedge settings', () => {
  it('start from the defaults', async () => {
    const handlers = scannerHandlers(null, store);

    expect(await handlers['wedge.settings']({})).toEqual({
      layout: 'us',
      maxKeyGapMs: 30,
      minBurstLength: 4,
    });
  });

  it('keep a change in the store', async () => {
    await scannerHandlers(null, store)['wedge.updateSettings']({ layout: 'de' });

    const reread = await scannerHandlers(null, store)['wedge.settings']({});

    expect(reread.layout).toBe('de');
    expect(reread.maxKeyGapMs).toBe(30);
  });

  it('list no HID scanners without HID access', async () => {
    const handlers = scannerHandlers(null, store);

    expect(await handlers['scanner.list']({})).toEqual({ devices: [] });
    expect(await handlers['scanner.watch']({ enabled: true })).toEqual({ enabled: false });
  });
});

describe('admin channels without an admin token', () => {
  const handlers = adminHandlers({
    access: () => ({ backend: null, reason: 'No admin token is configured.' }),
    bus: createEventBus(),
    onProductsChanged: () => undefined,
    onSettingsChanged: () => undefined,
  });

  it('report the reason', async () => {
    expect(await handlers['admin.access']({})).toEqual({
      allowed: false,
      reason: 'No admin token is configured.',
    });
  });

  it('reject a product change', async () => {
    await expect(
      handlers['admin.products.update']({ sku: 'SKU-1', changes: { needsSerialNumber: true } }),
    ).rejects.toMatchObject({ code: 'admin_not_allowed' });
  });
});

function pack(orderNumber: string, sku: string, serial: string): string {
  return store.units.pack({
    orderNumber,
    lineId: '1',
    sku,
    serial,
    packer: 'Ada',
    stationId: 'station-1',
  }).unit.unitId;
}
