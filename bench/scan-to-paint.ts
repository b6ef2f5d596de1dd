// Measures scan-to-paint: the time from a decoded scan entering main to the packed unit
// painted in the station window, in headless Chromium through the browser host. Each scan
// packs one more unit of an untracked item, so the view grows to the full order size.
// Usage: npm run bench -- scan-to-paint [--scans N]
import type { Page } from 'playwright-core';

import { manualScan } from '../src/renderer/src/pack/manual-scan';
import { startBackend, startStation } from '../tests/e2e/support/station';
import buildRendererIfStale from '../tests/support/renderer-build';

const scansArgument = process.argv.indexOf('--scans');
const scans = scansArgument === -1 ? 500 : Number(process.argv[scansArgument + 1]);
const orderNumber = `BENCH-${Date.now()}`;
// DEMO-CABLE from the demo catalog: not serial-tracked, so one scan packs one unit.
const itemBarcode = '09506000134383';

/**
 * Records, for each number of rows in the packed items table, when the frame showing that
 * row had been painted. A mutation adds the row and the next animation frame paints it. A
 * message posted from that frame runs after the paint. Times are `performance.timeOrigin +
 * performance.now()`, the same wall-clock based scale as this process uses. The time the
 * row entered the DOM is kept too, to show how much of the total waits for a frame. The probe is
 * a string evaluated through the DevTools protocol, which the page's CSP does not block.
 */
const paintProbe = `
  const times = [];
  const domTimes = [];
  const waiting = new Map();
  window.paintTimes = times;
  window.domTimes = domTimes;
  window.paintedRows = (count) =>
    times[count] !== undefined
      ? times[count]
      : new Promise((resolve) => waiting.set(count, resolve));
  const rows = () => document.querySelectorAll('table[aria-label="Packed items"] tbody tr').length;
  const channel = new MessageChannel();
  let pending = [];
  channel.port1.onmessage = () => {
    const now = performance.timeOrigin + performance.now();
    for (const count of pending) {
      times[count] ??= now;
      waiting.get(count)?.(times[count]);
      waiting.delete(count);
    }
    pending = [];
  };
  new MutationObserver(() => {
    const count = rows();
    if (times[count] !== undefined || pending.includes(count)) return;
    domTimes[count] = performance.timeOrigin + performance.now();
    pending.push(count);
    requestAnimationFrame(() => channel.port2.postMessage(null));
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
`;

buildRendererIfStale();

const backend = await startBackend();
await createOrder(backend.url, backend.adminToken, scans);
const station = await startStation({ backend });

try {
  const page = await station.openPage();
  await send({ ...manualScan(orderNumber), source: 'hid-keyboard' });
  await page.getByTestId('order-number').waitFor();
  await installPaintProbe(page);

  const latencies: number[] = [];
  const inMain: number[] = [];
  const toDom: number[] = [];
  for (let index = 1; index <= scans; index += 1) {
    const enteredMain = performance.timeOrigin + performance.now();
    await send({ ...manualScan(itemBarcode), source: 'hid-keyboard' });
    inMain.push(performance.timeOrigin + performance.now() - enteredMain);
    // Resolves with the paint time once the table shows `index` rows.
    const painted = Number(await page.evaluate(`window.paintedRows(${index})`));
    const inDom = Number(await page.evaluate(`window.domTimes[${index}]`));
    latencies.push(painted - enteredMain);
    toDom.push(inDom - enteredMain);
  }

  latencies.sort((a, b) => a - b);
  inMain.sort((a, b) => a - b);
  toDom.sort((a, b) => a - b);
  console.log(
    `main_p50_ms=${fixed(percentile(inMain, 0.5))} main_p95_ms=${fixed(percentile(inMain, 0.95))}` +
      ' (until the packing service has committed the unit and returned its view)',
  );
  console.log(
    `dom_p50_ms=${fixed(percentile(toDom, 0.5))} dom_p95_ms=${fixed(percentile(toDom, 0.95))}` +
      ' (until React has put the new row into the page, before the frame is painted)',
  );
  console.log(
    `scans=${scans} min_ms=${fixed(latencies[0])} max_ms=${fixed(latencies.at(-1))} ` +
      `mean_ms=${fixed(latencies.reduce((sum, value) => sum + value, 0) / latencies.length)}`,
  );
  console.log(
    `p50_ms=${fixed(percentile(latencies, 0.5))} p95_ms=${fixed(percentile(latencies, 0.95))}`,
  );
} finally {
  await station.close();
  await backend.stop();
}

/** Sends one decoded scan into main the way the scanner layer hands it to the packing service. */
async function send(scan: ReturnType<typeof manualScan>): Promise<void> {
  const result = await station.services.dispatcher.dispatch('pack.scan', { scan });
  if (!result.ok) throw new Error(`pack.scan failed: ${result.error.code} ${result.error.message}`);
}

async function installPaintProbe(page: Page): Promise<void> {
  await page.evaluate(paintProbe);
}

async function createOrder(url: string, adminToken: string, quantity: number): Promise<void> {
  const response = await fetch(`${url}/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ orderNumber, lines: [{ sku: 'DEMO-CABLE', quantity }] }),
  });
  if (!response.ok) throw new Error(`creating ${orderNumber} failed: ${await response.text()}`);
}

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function fixed(value: number | undefined): string {
  return (value ?? Number.NaN).toFixed(1);
}
