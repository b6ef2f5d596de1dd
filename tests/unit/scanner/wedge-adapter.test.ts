import { join } from 'node:path';

import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { launchChromium } from '../../support/chromium';

/**
 * The wedge adapter in real Chromium with trusted key events from the DevTools protocol,
 * so an Enter that is not stopped really submits the form. The burst gap and the window
 * for a second terminator (CR LF) are raised to 250 ms because each protocol round trip
 * can take tens of milliseconds on a loaded machine.
 */

const PAGE = `<!doctype html>
<form id="order"><input id="serial1"><input id="serial2"><button>Pack</button></form>
<script>
  window.submits = 0;
  document.getElementById('order').addEventListener('submit', (event) => {
    event.preventDefault();
    window.submits += 1;
  });
</script>`;

let browser: Browser;
let bundle: string;
let page: Page;

beforeAll(async () => {
  const result = await build({
    entryPoints: [join(import.meta.dirname, '../../../src/renderer/wedge/attach-wedge.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'wedge',
    write: false,
    platform: 'browser',
  });
  bundle = result.outputFiles[0]?.text ?? '';
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  page = await browser.newPage();
  await page.setContent(PAGE);
  await page.addScriptTag({ content: bundle });
  // Page scripts are strings because this test is type-checked without the DOM library.
  await page.evaluate(`
    window.scans = [];
    window.wedge.attachWedge(window, {
      decoder: { maxKeyGapMs: 250, suffixWindowMs: 250 },
      device: 'wedge-test',
      onScan: (scan) => window.scans.push(scan.text),
    });
  `);
  await page.focus('#serial1');
});

/** Types like a scanner: Shift pressed around each capital, keys back to back. */
async function scanKeys(text: string): Promise<void> {
  for (const character of text) {
    if (character !== character.toLowerCase()) {
      await page.keyboard.down('Shift');
      await page.keyboard.press(character);
      await page.keyboard.up('Shift');
    } else {
      await page.keyboard.press(character);
    }
  }
}

interface PageState {
  scans: string[];
  submits: number;
  serial1: string;
  focused: string | null;
}

async function state(): Promise<PageState> {
  return (await page.evaluate(`({
    scans: window.scans,
    submits: window.submits,
    serial1: document.getElementById('serial1').value,
    focused: document.activeElement ? document.activeElement.id : null,
  })`)) as PageState;
}

describe('wedge adapter', () => {
  it('keeps a burst and its Enter out of the form', async () => {
    await scanKeys('SN-0042');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');

    const result = await state();

    expect(result.scans).toEqual(['SN-0042']);
    expect(result.submits).toBe(0);
    expect(result.serial1).toBe('');
  });

  it('keeps focus when a burst ends with Tab', async () => {
    await scanKeys('SN-0044');
    await page.keyboard.press('Tab');

    const result = await state();

    expect(result.scans).toEqual(['SN-0044']);
    expect(result.focused).toBe('serial1');
  });

  it('types slow keys into the field and submits', async () => {
    await page.keyboard.type('SN1', { delay: 600 });
    await page.waitForTimeout(600);
    await page.keyboard.press('Enter');

    const result = await state();

    expect(result.serial1).toBe('SN1');
    expect(result.scans).toEqual([]);
    expect(result.submits).toBe(1);
  });
});
