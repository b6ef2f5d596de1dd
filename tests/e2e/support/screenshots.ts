import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';

/** Where the end-to-end tests save one picture of each screen, for the README and docs. */
export const screenshotDir = path.resolve('docs/screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Clicks and focus may have scrolled the window; every picture starts at the top.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: false });
}

/**
 * Saves the page of a failed test into the system temp folder, named after the test, so a
 * failure in CI can be seen and not only read.
 */
export async function saveFailureScreenshot(
  page: Page | undefined,
  testName: string,
): Promise<void> {
  if (page === undefined || page.isClosed()) return;

  const file = path.join(tmpdir(), `e2e-failure-${testName.replace(/[^\w-]+/g, '-')}.png`);
  await page.screenshot({ path: file }).catch(() => {});
}
