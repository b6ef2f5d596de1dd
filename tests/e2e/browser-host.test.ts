import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startBrowserHost } from '../../src/browser-host/host';
import type { BrowserHost } from '../../src/browser-host/host';
import { createStationServices } from '../../src/main/services';
import type { StationServices } from '../../src/main/services';
import { captureLogger } from '../support/capture-logger';
import { launchChromium } from '../support/chromium';
import { rendererDir } from '../support/renderer-build';

describe('browser host in Chromium', () => {
  let browser: Browser;
  let services: StationServices;
  let host: BrowserHost;

  beforeAll(async () => {
    const { logger } = captureLogger();
    services = await createStationServices({ logger, shell: 'browser-host' });
    host = await startBrowserHost({ services, rendererDir, logger });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await services?.close();
  });

  it('renders the page and reaches main', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });

    await page.goto(host.url);
    await page.getByRole('button', { name: 'Diagnostics' }).click();

    await expect.poll(() => page.getByTestId('app-info').textContent()).toContain('browser-host');
    expect(await page.getByRole('heading', { name: 'Packing Station' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows an event pushed by main after a call', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Diagnostics' }).click();

    await page.getByRole('button', { name: 'Check link' }).click();

    await expect
      .poll(() => page.getByTestId('echo-event').textContent())
      .toMatch(/Main replied: link check/);
    await page.close();
  });

  it('gets no answer from main without the token', async () => {
    const page = await browser.newPage();
    await page.goto(host.origin + '/');
    await page.getByRole('button', { name: 'Diagnostics' }).click();

    await page.waitForTimeout(500);

    expect(await page.getByTestId('app-info').textContent()).toBe('Connecting…');
    await page.close();
  });

  it('says so when the station process goes away', async () => {
    const { logger } = captureLogger();
    const ownServices = await createStationServices({ logger, shell: 'browser-host' });
    const ownHost = await startBrowserHost({ services: ownServices, rendererDir, logger });
    const page = await browser.newPage();
    await page.goto(ownHost.url);
    await page.getByTestId('sync-pill').waitFor();

    await ownHost.close();

    await expect
      .poll(() => page.getByTestId('sync-pill').textContent())
      .toBe('Station process not reachable');
    await page.close();
    await ownServices.close();
  });
});
