import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createLogger } from '../../../src/main/logger';
import { openStationStore } from '../../../src/main/store';
import type { OpenStoreOptions, PackUnitInput, StationStore } from '../../../src/main/store';
import { AppError } from '../../../src/shared/errors';

/** Creates a fresh folder for one test's database files; `remove` deletes it. */
export function tempFolder(): { folder: string; file: string; remove: () => void } {
  const folder = mkdtempSync(path.join(tmpdir(), 'station-store-'));
  return {
    folder,
    file: path.join(folder, 'station.db'),
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

export const silentLogger = createLogger({ level: 'silent' });

export function openTestStore(
  file: string,
  options: Partial<Omit<OpenStoreOptions, 'file'>> = {},
): StationStore {
  return openStationStore({ file, logger: silentLogger, ...options });
}

/** Creates a controllable clock that counts milliseconds since the Unix epoch. */
export function fakeClock(start = Date.parse('2026-03-02T08:00:00Z')) {
  let current = start;
  return {
    now: () => current,
    advance: (milliseconds: number) => {
      current += milliseconds;
    },
  };
}

export function unitInput(overrides: Partial<PackUnitInput> = {}): PackUnitInput {
  return {
    orderNumber: 'ORD-1001',
    lineId: 'L1',
    sku: 'WIDGET-01',
    serial: 'SN-0001',
    packer: 'ana',
    stationId: 'station-1',
    ...overrides,
  };
}

/** Runs `work` and returns the AppError it throws; fails when it throws nothing or another error. */
export function captureError(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an AppError, but nothing was thrown');
}
