import { spawnSync } from 'node:child_process';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StationStore } from '../../../src/main/store';
import { captureLogger } from '../../support/capture-logger';
import { AppError } from '../../../src/shared/errors';
import { captureError, openTestStore, tempFolder, unitInput } from './temp-store';

let temp: ReturnType<typeof tempFolder>;

beforeEach(() => {
  temp = tempFolder();
});

afterEach(() => {
  spawnSync('chattr', ['-i', temp.file]);
  temp.remove();
});

describe('a full disk', () => {
  it('fails the write with storage_unavailable and keeps nothing of it', () => {
    openTestStore(temp.file).close();
    const store = openTestStore(temp.file, { maxSizeBytes: 400 * 1024 });

    const { packed, error } = packUntilFailure(store);

    expect(packed).toBeGreaterThan(10);
    expect(error.code).toBe('storage_unavailable');
    expect(error.message).toContain('the disk is full');
    expect(error.message).toContain('Nothing from this action was saved');
    expect(error.details).toMatchObject({ operation: 'units.pack', sqliteCode: 'SQLITE_FULL' });
    expect(store.units.forOrder('ORD-1001')).toHaveLength(packed);
    expect(store.outbox.stats().pendingCount).toBe(packed);
    expect(store.syncState.lastSeq()).toBe(packed);
    expect(store.integrityCheck()).toEqual(['ok']);
    store.close();
  });

  it('logs the failed operation and SQLite code', () => {
    openTestStore(temp.file).close();
    const { logger, lines } = captureLogger();
    const store = openTestStore(temp.file, { maxSizeBytes: 400 * 1024, logger });

    packUntilFailure(store);
    store.close();

    const failure = lines().find((line) => line.msg === 'station database unavailable');
    expect(failure).toMatchObject({
      level: 50,
      component: 'store',
      operation: 'units.pack',
      sqliteCode: 'SQLITE_FULL',
    });
  });

  it('keeps reading after a failed write', () => {
    openTestStore(temp.file).close();
    const store = openTestStore(temp.file, { maxSizeBytes: 400 * 1024 });
    const { packed } = packUntilFailure(store);

    const page = store.history.search({ by: 'order', orderNumber: 'ORD-1001' }, { limit: 5 });
    const pending = store.outbox.pending(3);

    expect(page.units).toHaveLength(5);
    expect(pending.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(store.syncState.lastSeq()).toBe(packed);
    store.close();
  });

  it('continues the seq without a gap once space is free', () => {
    openTestStore(temp.file).close();
    const full = openTestStore(temp.file, { maxSizeBytes: 400 * 1024 });
    const { packed } = packUntilFailure(full);
    full.close();

    const store = openTestStore(temp.file);
    const { event } = store.units.pack(unitInput({ serial: 'SN-AFTER' }));
    store.close();

    expect(event.seq).toBe(packed + 1);
  });

  it('rejects start-up when the database cannot be created', () => {
    const error = captureError(() => openTestStore(temp.file, { maxSizeBytes: 8 * 1024 }));

    expect(error.code).toBe('storage_unavailable');
    expect(error.details).toMatchObject({ sqliteCode: 'SQLITE_FULL' });
  });
});

describe('a read-only database', () => {
  it('fails writes when opened read-only and keeps reading', () => {
    const writer = openTestStore(temp.file);
    writer.units.pack(unitInput());
    writer.close();
    const store = openTestStore(temp.file, { readonly: true });

    const error = captureError(() => store.units.pack(unitInput({ serial: 'SN-0002' })));

    expect(error.code).toBe('storage_unavailable');
    expect(error.message).toContain('read-only');
    expect(error.details).toMatchObject({ sqliteCode: 'SQLITE_READONLY' });
    expect(store.units.forOrder('ORD-1001').map((unit) => unit.serial)).toEqual(['SN-0001']);
    expect(store.syncState.lastSeq()).toBe(1);
    store.close();
  });

  it('rejects read-only start-up before migration', () => {
    const other = new Database(temp.file);
    other.exec('CREATE TABLE unrelated (id INTEGER)');
    other.close();

    const error = captureError(() => openTestStore(temp.file, { readonly: true }));

    expect(error.code).toBe('storage_unavailable');
    expect(error.message).toContain('needs an upgrade');
  });

  it('rejects a missing file opened read-only', () => {
    const error = captureError(() => openTestStore(temp.file, { readonly: true }));

    expect(error.code).toBe('storage_unavailable');
    expect(error.message).toContain('could not open its database file');
  });

  it('fails writes to an immutable file', (context) => {
    const writer = openTestStore(temp.file);
    writer.units.pack(unitInput());
    writer.close();
    // chattr +i stops even root from writing the file; it needs ext2/3/4 or a similar
    // file system and the CAP_LINUX_IMMUTABLE capability.
    const chattr = spawnSync('chattr', ['+i', temp.file]);
    if (chattr.status !== 0) {
      context.skip(`chattr +i is not available here: ${String(chattr.stderr ?? chattr.error)}`);
    }
    const store = openTestStore(temp.file);

    const error = captureError(() => store.units.pack(unitInput({ serial: 'SN-0002' })));

    expect(error.code).toBe('storage_unavailable');
    expect(error.details?.sqliteCode).toMatch(/^SQLITE_READONLY/);
    expect(store.history.search({ by: 'serial', serial: 'sn-0001' }).units).toHaveLength(1);
    expect(store.syncState.lastSeq()).toBe(1);
    store.close();
  });
});

/** Packs units until a write fails; returns how many were packed and the failure. */
function packUntilFailure(store: StationStore): { packed: number; error: AppError } {
  for (let packed = 0; packed < 100_000; packed += 1) {
    try {
      store.units.pack(unitInput({ serial: `SN-${String(packed).padStart(8, '0')}` }));
    } catch (error) {
      if (error instanceof AppError) {
        return { packed, error };
      }
      throw error;
    }
  }
  throw new Error('the size limit never stopped a write');
}
