import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startFaultProxy } from './support/fault-proxy';
import type { FaultProxy } from './support/fault-proxy';
import { eventually } from './support/eventually';
import { saveFailureScreenshot, saveScreenshot } from './support/screenshots';
import { startBackend, startStation } from './support/station';
import type { Backend, Station } from './support/station';
import { wedgeScan } from './support/wedge';

// Demo order DEMO-1004: three DEMO-CABLE and one DEMO-BUILT-KIT, none of them serial-tracked.
const order = 'DEMO-1004';
const cableGtin = '09506000134383';
const builtKitGtin = '09506000134413';

describe('packing while the backend is unreachable', () => {
  let backend: Backend;
  let proxy: FaultProxy;
  let station: Station;
  let page: Page;

  beforeAll(async () => {
    backend = await startBackend();
    proxy = await startFaultProxy(backend.url);
    station = await startStation({ backend: { ...backend, url: proxy.url } });
    page = await station.openPage();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveFailureScreenshot(page, task.name);
  });

  afterAll(async () => {
    await station?.close();
    await proxy?.close();
    await backend?.stop();
  });

  const lineCount = (sku: string) => page.getByTestId(`line-count-${sku}`).textContent();

  it('finishes an order offline with the label pending', async () => {
    await wedgeScan(page, order);
    await eventually(() => page.getByTestId('order-number').textContent()).toBe(order);
    await wedgeScan(page, cableGtin);
    await eventually(() => lineCount('DEMO-CABLE')).toContain('1 of 3');

    proxy.goOffline();
    await wedgeScan(page, cableGtin);
    await eventually(() => lineCount('DEMO-CABLE')).toContain('2 of 3');
    await wedgeScan(page, cableGtin);
    await wedgeScan(page, builtKitGtin);
    await eventually(() => lineCount('DEMO-CABLE')).toContain('3 of 3');
    await eventually(() => lineCount('DEMO-BUILT-KIT')).toContain('1 of 1');

    await page.keyboard.press('F9');

    const pending = page.getByTestId('label-pending');
    await pending.waitFor({ timeout: 30_000 });
    expect(await pending.textContent()).toContain('Label pending');
    await eventually(() => page.getByTestId('sync-pill').textContent()).toContain('Offline');
    await saveScreenshot(page, 'label-pending');
  });

  it('ships once the backend is back', async () => {
    proxy.goOnline();
    await page.keyboard.press('Alt+4');
    await page.getByRole('button', { name: 'Retry now' }).click();
    await eventually(() => page.getByTestId('sync-online').textContent(), 30_000).toBe('online');
    await saveScreenshot(page, 'sync-queue');

    await page.keyboard.press('Alt+1');

    await page.getByTestId('shipped-summary').waitFor({ timeout: 30_000 });
    const tracking = (await page.getByTestId('tracking-number').textContent()) ?? '';
    expect(tracking.trim()).not.toBe('—');
    expect(await page.getByRole('table', { name: 'Shipped items' }).textContent()).toContain(
      'DEMO-CABLE',
    );
  });
});
