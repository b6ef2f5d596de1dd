import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { eventually } from './support/eventually';
import { saveFailureScreenshot, saveScreenshot } from './support/screenshots';
import { startStation } from './support/station';
import type { Station } from './support/station';

describe('products admin in Chromium', () => {
  let station: Station;
  let page: Page;

  beforeAll(async () => {
    station = await startStation();
    page = await station.openPage();
    await page.keyboard.press('Alt+5');
    await page.getByRole('table', { name: 'Products' }).locator('tbody tr').first().waitFor();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveFailureScreenshot(page, task.name);
  });

  afterAll(async () => {
    await station?.close();
  });

  const flag = (sku: string) =>
    page.getByRole('switch', { name: `Needs Serial Number for ${sku}` });

  it('shows a tracked product locked on with the reason', async () => {
    const scanner = flag('DEMO-SCANNER');

    expect(await scanner.getAttribute('aria-checked')).toBe('true');
    expect(await scanner.isDisabled()).toBe(true);
    const reasonId = (await scanner.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${reasonId}`).textContent()).toContain('Cannot be switched off');
  });

  it('keeps kits from being tracked', async () => {
    expect(await flag('DEMO-KIT').isDisabled()).toBe(true);
  });

  it('switches one product on', async () => {
    await flag('DEMO-CABLE').click();

    await eventually(() => flag('DEMO-CABLE').getAttribute('aria-checked')).toBe('true');
    expect(await flag('DEMO-CABLE').isDisabled()).toBe(true);
  });

  it('bulk edits a selection', async () => {
    await page.getByRole('checkbox', { name: 'Select DEMO-MANUAL' }).check();
    await page.getByRole('checkbox', { name: 'Select DEMO-LAPTOP' }).check();

    await page
      .getByRole('button', { name: /Switch on Needs Serial Number for 2 selected/ })
      .click();

    const results = page.getByTestId('bulk-results');
    await results.waitFor();
    expect(await results.textContent()).toContain('1 changed, 1 already on, 0 rejected');
    await eventually(() => flag('DEMO-MANUAL').getAttribute('aria-checked')).toBe('true');
  });

  it('blocks a CSV with rejected rows', async () => {
    const file = writeCsv([
      'SKU,Needs Serial Number',
      'DEMO-PHONE,1',
      'DEMO-SCANNER,0',
      'DEMO-KIT,1',
      'NO-SUCH-SKU,1',
    ]);

    await page.getByLabel('Bulk Edit CSV file').setInputFiles(file);
    await page.getByRole('button', { name: 'Preview (dry run)' }).click();

    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Dry run');
    const rejected = page.getByRole('table', { name: 'Rejected rows' }).locator('tbody tr');
    expect(await rejected.count()).toBe(3);
    expect(await rejected.filter({ hasText: 'DEMO-SCANNER' }).getAttribute('data-code')).toBe(
      'serial_tracking_locked',
    );
    expect(await page.getByRole('button', { name: 'Apply import' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'bulk-edit-csv-preview');
  });

  it('applies a Bulk Edit CSV after its dry run', async () => {
    const file = writeCsv(['SKU,Name', 'DEMO-PHONE,Smartphone 5G (demo)']);

    await page.getByLabel('Bulk Edit CSV file').setInputFiles(file);
    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    await page.getByTestId('import-result').filter({ hasText: '1 rows would change' }).waitFor();
    await page.getByRole('button', { name: 'Apply import' }).click();

    await eventually(() => page.getByTestId('import-result').textContent()).toContain(
      'Import applied',
    );
    await page.getByRole('button', { name: 'Search' }).first().click();
    await eventually(() => page.locator('tr[data-sku="DEMO-PHONE"]').textContent()).toContain(
      'Smartphone 5G (demo)',
    );
  });

  it('sets the cross-order policy', async () => {
    const policy = page.getByLabel('Serial already shipped in another order');

    await policy.selectOption('block');

    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await page.getByTestId('feedback').waitFor();
    await page.keyboard.press('Alt+5');
    await eventually(() =>
      page.getByLabel('Serial already shipped in another order').inputValue(),
    ).toBe('block');
  });
});

function writeCsv(lines: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bulk-edit-')), 'bulk-edit.csv');
  writeFileSync(file, lines.join('\n') + '\n');

  return file;
}
