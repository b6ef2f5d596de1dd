import { readFileSync } from 'node:fs';

import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { eventually } from './support/eventually';
import { saveFailureScreenshot, saveScreenshot } from './support/screenshots';
import { startStation } from './support/station';
import type { Station } from './support/station';
import { wedgeScan } from './support/wedge';

// Demo catalog: DEMO-1001 contains two DEMO-SCANNER units, which need serials, and one
// DEMO-CABLE, which does not.
const order = 'DEMO-1001';
const scannerGtin = '09506000134352';
const cableGtin = '09506000134383';

describe('packing an order in Chromium', () => {
  let station: Station;
  let page: Page;

  beforeAll(async () => {
    station = await startStation();
    page = await station.openPage();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveFailureScreenshot(page, task.name);
  });

  afterAll(async () => {
    await station?.close();
  });

  const feedback = () => page.getByTestId('feedback');
  const prompt = () => page.getByRole('dialog', { name: 'Scan the serial number' });
  const promptProblem = () => prompt().locator('[role=alert]');
  const lineCount = (sku: string) => page.getByTestId(`line-count-${sku}`).textContent();
  const unitRows = () => page.getByRole('table', { name: 'Packed items' }).locator('tbody tr');

  it('opens the order from a wedge scan', async () => {
    await eventually(() => feedback().textContent()).toContain('Scan an order number');
    await eventually(() => focusedId(page)).toBe('scan-input');

    await wedgeScan(page, order);

    await eventually(() => page.getByTestId('order-number').textContent()).toBe(order);
    expect(await lineCount('DEMO-SCANNER')).toContain('0 of 2');
    expect(await lineCount('DEMO-CABLE')).toContain('0 of 1');
  });

  it('packs an untracked item without a prompt', async () => {
    await wedgeScan(page, cableGtin);

    await eventually(() => lineCount('DEMO-CABLE')).toContain('1 of 1');
    expect(await prompt().count()).toBe(0);
    expect(await feedback().getAttribute('data-kind')).toBe('success');
  });

  it('asks for the serial of a tracked item', async () => {
    const before = await page.getByRole('table', { name: `Lines of order ${order}` }).boundingBox();

    await wedgeScan(page, scannerGtin);

    await prompt().waitFor();
    expect(await page.getByTestId('prompt-unit').textContent()).toBe('unit 1 of 2');
    expect(await focusedId(page)).toBe('serial-input');
    const after = await page.getByRole('table', { name: `Lines of order ${order}` }).boundingBox();
    expect(after).toEqual(before);
    await saveScreenshot(page, 'serial-prompt');

    await wedgeScan(page, 'SN-A1');

    await eventually(() => lineCount('DEMO-SCANNER')).toContain('1 of 2');
    expect(await unitRows().filter({ hasText: 'SN-A1' }).count()).toBe(1);
  });

  it('rejects a duplicate serial in the prompt', async () => {
    await openPromptForNextUnit(page);
    expect(await page.getByTestId('prompt-unit').textContent()).toBe('unit 2 of 2');

    await wedgeScan(page, 'sn-a1');

    await eventually(() => promptProblem().getAttribute('data-code')).toBe(
      'duplicate_serial_in_order',
    );
    expect(await promptProblem().textContent()).toContain(
      'Serial number already used in this order',
    );
    expect(await feedback().getAttribute('data-kind')).toBe('error');
    expect(await lineCount('DEMO-SCANNER')).toContain('1 of 2');
    await saveScreenshot(page, 'serial-prompt-duplicate');
  });

  it('selects a serial rejected twice for the same reason', async () => {
    const input = page.locator('#serial-input');
    // Runs in the page; typed structurally because the Node test config has no DOM types.
    const selection = () =>
      input.evaluate((element) => {
        const field = element as unknown as {
          selectionStart: number | null;
          selectionEnd: number | null;
          value: string;
        };
        return [field.selectionStart, field.selectionEnd, field.value.length];
      });

    for (let attempt = 1; attempt <= 2; attempt += 1) {
      await page.keyboard.type('sn-a1', { delay: 90 });
      await page.keyboard.press('Enter');
      await eventually(selection).toEqual([0, 5, 5]);
    }

    expect(await promptProblem().getAttribute('data-code')).toBe('duplicate_serial_in_order');
    expect(await input.inputValue()).toBe('sn-a1');
  });

  it('closes the prompt with Esc and packs nothing', async () => {
    await page.keyboard.press('Escape');

    await prompt().waitFor({ state: 'detached' });
    expect(await lineCount('DEMO-SCANNER')).toContain('1 of 2');
    await eventually(() => focusedId(page)).toBe('scan-input');
  });

  it('accepts the duplicate once the setting allows it', async () => {
    await page.keyboard.press('Alt+5');
    const allow = page.getByRole('checkbox', {
      name: 'Allow duplicate serial numbers in an order',
    });
    await allow.waitFor();
    await allow.check();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await saveScreenshot(page, 'admin-products');
    await page.keyboard.press('Alt+1');
    await page.getByTestId('order-number').waitFor();

    await openPromptForNextUnit(page);
    await wedgeScan(page, 'SN-A1');

    await eventually(() => lineCount('DEMO-SCANNER')).toContain('2 of 2');
    expect(await unitRows().filter({ hasText: 'SN-A1' }).count()).toBe(2);
  });

  it('removes a unit with a reason', async () => {
    await page.getByRole('button', { name: 'Remove unit SN-A1' }).last().click();
    await page.locator('#action-reason').fill('Duplicate entered by mistake');
    await page.keyboard.press('Enter');

    await eventually(() => lineCount('DEMO-SCANNER')).toContain('1 of 2');
    expect(await unitRows().filter({ hasText: 'SN-A1' }).count()).toBe(1);
  });

  it('fills the serial from a GS1 scan', async () => {
    await openPromptForNextUnit(page);

    await wedgeScan(page, `]d201${scannerGtin}21SN-GS1-77`);

    await eventually(() => lineCount('DEMO-SCANNER')).toContain('2 of 2');
    expect(await unitRows().filter({ hasText: 'SN-GS1-77' }).count()).toBe(1);
  });

  it('replaces a serial with a reason', async () => {
    await page.getByRole('button', { name: 'Replace serial SN-A1' }).click();
    await page.locator('#replacement-serial').fill('SN-A2');
    await page.locator('#action-reason').fill('Label on the box was misread');
    await page.keyboard.press('Enter');

    await eventually(() => unitRows().filter({ hasText: 'SN-A2' }).count()).toBe(1);
    expect(await unitRows().filter({ hasText: 'SN-A1' }).count()).toBe(0);
    await saveScreenshot(page, 'pack-screen');
  });

  it('ships and shows the serials next to the label', async () => {
    await eventually(() => page.getByRole('button', { name: 'Ship (F9)' }).isEnabled()).toBe(true);

    await page.keyboard.press('F9');

    await page.getByTestId('shipped-summary').waitFor({ timeout: 30_000 });
    const tracking = (await page.getByTestId('tracking-number').textContent()) ?? '';
    expect(tracking.trim()).not.toBe('');
    const shipped = page.getByRole('table', { name: 'Shipped items' });
    expect(await shipped.textContent()).toContain('SN-A2');
    expect(await shipped.textContent()).toContain('SN-GS1-77');
    await page.getByTitle(`Shipping label of order ${order}`).waitFor();
    await saveScreenshot(page, 'shipped');
  });

  it('lists the shipped serials in the report and exports them', async () => {
    await page.keyboard.press('Alt+3');
    await page.getByLabel('SKU', { exact: true }).fill('DEMO-SCANNER');
    await page.getByLabel('SKU', { exact: true }).press('Enter');

    const report = page.getByRole('table', { name: 'Serial Number Report' });
    await eventually(() => report.textContent(), 30_000).toContain('SN-GS1-77');
    expect(await report.textContent()).toContain('SN-A2');
    expect(await report.textContent()).toContain(order);

    await page.getByRole('button', { name: 'Export CSV' }).click();

    const file = page.getByTestId('export-file');
    await file.waitFor({ timeout: 30_000 });
    const csv = readFileSync((await file.textContent()) ?? '', 'utf8');
    expect(csv).toContain('SN-A2');
    expect(csv).toContain('SN-GS1-77');
    await saveScreenshot(page, 'serial-number-report');
  });

  it('finds the packed units in the history', async () => {
    await page.keyboard.press('Alt+2');
    await page.getByLabel('Order number', { exact: true }).fill(order);
    await page.getByLabel('Order number', { exact: true }).press('Enter');

    const history = page.getByRole('table', { name: 'Pack history' });
    await eventually(() => history.textContent()).toContain('SN-A2');
    expect(await history.textContent()).toContain('removed');
    await saveScreenshot(page, 'history');
  });
});

/** Scans the tracked item so the prompt opens for its next unit, unless it is open already. */
async function openPromptForNextUnit(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Scan the serial number' });
  if ((await dialog.count()) === 0) await wedgeScan(page, scannerGtin);

  await dialog.waitFor();
}

/** Returns the id of the focused element in the page. */
function focusedId(page: Page): Promise<string> {
  return page.evaluate('document.activeElement ? document.activeElement.id : ""');
}
