import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../../src/main/logger';
import { idleSession, loadSession, saveSession } from '../../../src/main/packing/session';
import { buildView } from '../../../src/main/packing/view';
import { openStationStore } from '../../../src/main/store';
import type { StationStore } from '../../../src/main/store';

let folder: string;
let store: StationStore;

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'packing-session-'));
  store = openStationStore({
    file: path.join(folder, 'station.db'),
    logger: createLogger({ level: 'silent' }),
  });
  store.orders.upsert([
    {
      orderNumber: 'A-1',
      status: 'open',
      claimedBy: null,
      lines: [{ lineId: '1', sku: 'SKU-1', quantity: 1 }],
      version: 1,
    },
  ]);
});

afterEach(() => {
  store.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('pack session', () => {
  it('starts idle without a stored session', () => {
    expect(loadSession(store, 'station-1')).toEqual(idleSession);
  });

  it('starts idle from an unreadable record', () => {
    store.session.save({ stationId: 'station-1', orderNumber: 'A-1', state: 'x', data: { v: 0 } });

    expect(loadSession(store, 'station-1').machine).toEqual({ phase: 'idle' });
  });

  it('drops an order that is no longer cached', () => {
    saveSession(store, 'station-1', {
      ...idleSession,
      machine: { phase: 'order_open', orderNumber: 'GONE-1' },
      feedbackSequence: 7,
    });

    const loaded = loadSession(store, 'station-1');

    expect(loaded.machine).toEqual({ phase: 'idle' });
    expect(loaded.feedbackSequence).toBe(7);
  });

  it('reloads an open order', () => {
    const saved = { ...idleSession, machine: { phase: 'order_open' as const, orderNumber: 'A-1' } };
    saveSession(store, 'station-1', saved);

    expect(loadSession(store, 'station-1')).toEqual(saved);
  });
});

describe('pack view', () => {
  const context = () => ({ store, stationName: 'station-1', packer: 'Ada' });

  it('shows a shipped order without a label as label pending', () => {
    const view = buildView(context(), {
      ...idleSession,
      machine: { phase: 'shipped', orderNumber: 'A-1' },
    });

    expect(view.state).toBe('label_pending');
    expect(view.shipment).toBeNull();
  });

  it('shows a shipped order with its label as shipped', () => {
    store.shipments.record({
      shipmentId: 'S-1',
      orderNumber: 'A-1',
      trackingNumber: 'TRK-1',
      carrier: 'reference',
      shippedAt: '2026-12-04T10:00:00.000Z',
    });

    const view = buildView(context(), {
      ...idleSession,
      machine: { phase: 'shipped', orderNumber: 'A-1' },
    });

    expect(view.state).toBe('shipped');
    expect(view.shipment).toEqual({
      trackingNumber: 'TRK-1',
      shippedAt: '2026-12-04T10:00:00.000Z',
      hasLabel: true,
    });
  });

  it('names a product missing from the catalog by its SKU', () => {
    const view = buildView(context(), {
      ...idleSession,
      machine: { phase: 'order_open', orderNumber: 'A-1' },
    });

    expect(view.order?.lines[0]).toMatchObject({
      sku: 'SKU-1',
      name: 'SKU-1',
      packed: 0,
      quantity: 1,
    });
  });
});
