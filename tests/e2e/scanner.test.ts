import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { parseHexReport } from '../../src/main/scanner/hex-report';
import { FakeHidBackend, posScannerInfo } from '../unit/scanner/fake-hid';
import { eventually } from './support/eventually';
import { saveFailureScreenshot, saveScreenshot } from './support/screenshots';
import { startStation } from './support/station';
import type { Station } from './support/station';
import { wedgeScan } from './support/wedge';

// A GS1 DataMatrix read by a HID POS scanner, in two reports: GTIN 09506000134352
// (DEMO-SCANNER) with serial (21) ABCD1234EFGH5678JKLM, after other AIs and a GS.
const fixture = fileURLToPath(new URL('../fixtures/hid/pos-gs1-datamatrix.hex', import.meta.url));
const devicePath = '/dev/hidraw-pos-e2e';
const serial = 'ABCD1234EFGH5678JKLM';

describe('HID scanner in Chromium', () => {
  let hid: FakeHidBackend;
  let station: Station;
  let page: Page;

  beforeAll(async () => {
    hid = new FakeHidBackend();
    hid.plug(posScannerInfo(devicePath));
    station = await startStation({ hid });
    page = await station.openPage();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveFailureScreenshot(page, task.name);
  });

  afterAll(async () => {
    await station?.close();
  });

  it('shows raw reports and the decoded scan', async () => {
    await page.keyboard.press('Alt+7');
    const scanners = page.getByRole('table', { name: 'Scanners' });
    await eventually(() => scanners.textContent()).toContain('readable');
    expect(await scanners.textContent()).toContain('HID POS');

    await page.getByRole('button', { name: 'Show raw reports' }).click();
    await page.getByRole('button', { name: 'Stop raw reports' }).waitFor();
    for (const report of fixtureReports()) hid.latest(devicePath).send(report);

    const raw = page.getByTestId('raw-reports');
    await eventually(() => raw.locator('li').count()).toBe(2);
    expect(await raw.locator('li').last().textContent()).toMatch(/^02 38 5d 64/);
    const decoded = page.getByTestId('decoded-scans');
    await eventually(() => decoded.textContent()).toContain(`21${serial}`);
    expect(await decoded.textContent()).toContain('⟨GS⟩');
    expect(await decoded.textContent()).toContain('AIM ]d2');
    await saveScreenshot(page, 'diagnostics');
  });

  it('packs the unit and fills its serial from one HID scan', async () => {
    await page.keyboard.press('Alt+1');
    await page.getByLabel('Scan an order number').waitFor();
    await wedgeScan(page, 'DEMO-1001');
    await eventually(() => page.getByTestId('order-number').textContent()).toBe('DEMO-1001');

    for (const report of fixtureReports()) hid.latest(devicePath).send(report);

    const units = page.getByRole('table', { name: 'Packed items' });
    await eventually(() => units.textContent()).toContain(serial);
    expect(await page.getByTestId('line-count-DEMO-SCANNER').textContent()).toContain('1 of 2');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('shows the station settings', async () => {
    await page.keyboard.press('Alt+6');

    await eventually(() => page.getByLabel('Station name').inputValue()).toBe('Bench 3');
    expect(await page.getByLabel('Packer name').inputValue()).toBe('Alex');
    expect(await page.getByText('standalone (embedded demo server)').count()).toBe(1);
    await saveScreenshot(page, 'settings');
  });
});

function fixtureReports(): Uint8Array[] {
  return readFileSync(fixture, 'utf8')
    .split('\n')
    .map((line) => parseHexReport(line))
    .filter((report): report is Uint8Array => report !== null);
}
