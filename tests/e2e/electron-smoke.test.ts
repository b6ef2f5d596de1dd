import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { _electron as electron } from 'playwright-core';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { findElectronBinary } from '../support/electron-binary';

// Launches the real desktop app where the Electron binary is installed: standalone mode with
// the server embedded, one serial-tracked unit packed from an injected scan, quit, start
// again, and the unit found in the history. Elsewhere the test is skipped, and both its
// name and a line on stdout say why.
const binary = findElectronBinary();
const skipReason = 'missing' in binary ? binary.missing : null;

if (skipReason !== null) {
  process.stdout.write(`Electron smoke test skipped: ${skipReason}.\n`);
}

const name = (behaviour: string) =>
  skipReason === null ? behaviour : `${behaviour} (skipped: ${skipReason})`;

let userDataDir: string;

beforeAll(() => {
  userDataDir = mkdtempSync(path.join(tmpdir(), 'electron-smoke-'));
});

afterAll(() => {
  rmSync(userDataDir, { recursive: true, force: true });
});

/** Starts the built app in standalone mode with its own user-data folder. */
async function launch(): Promise<{ app: ElectronApplication; window: Page }> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('PACKING_')) env[key] = value;
  }

  const app = await electron.launch({
    executablePath: (binary as { path: string }).path,
    args: [path.resolve('out/main/index.js')],
    env: { ...env, PACKING_USER_DATA_DIR: userDataDir, PACKING_LOG_LEVEL: 'info' },
  });
  const window = await app.firstWindow();

  return { app, window };
}

/** Calls a contract channel through the preload bridge, exactly as the page does. */
async function invoke(window: Page, channel: string, request: unknown): Promise<unknown> {
  const reply = (await window.evaluate(
    ([name, payload]) =>
      (
        globalThis as unknown as {
          station: { invoke: Record<string, (request: unknown) => Promise<unknown>> };
        }
      ).station.invoke[name as string]!(payload),
    [channel, request] as const,
  )) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };

  if (!reply.ok) throw new Error(`${channel} failed: ${reply.error?.code} ${reply.error?.message}`);
  return reply.value;
}

function scan(text: string) {
  return {
    scan: {
      text,
      symbology: null,
      gs1: null,
      source: 'wedge',
      device: null,
      time: new Date().toISOString(),
    },
  };
}

describe('Electron smoke test', () => {
  it.skipIf(skipReason !== null)(
    name('packs in standalone mode and keeps the unit across a restart'),
    async () => {
      const first = await launch();
      try {
        await first.window.waitForFunction(() => 'station' in globalThis, null, {
          timeout: 60_000,
        });
        expect(await invoke(first.window, 'app.info', {})).toMatchObject({ shell: 'electron' });
        expect(
          await first.window.evaluate(
            () => typeof (globalThis as unknown as { require?: unknown }).require,
          ),
        ).toBe('undefined');

        expect(await invoke(first.window, 'pack.scan', scan('DEMO-1001'))).toMatchObject({
          state: 'order_open',
        });
        expect(await invoke(first.window, 'pack.scan', scan('09506000134352'))).toMatchObject({
          state: 'awaiting_serial',
        });
        const packed = await invoke(first.window, 'pack.scan', scan('SMOKE-0001'));
        expect(packed).toMatchObject({
          units: [expect.objectContaining({ serial: 'SMOKE-0001' })],
        });
      } finally {
        await first.app.close();
      }

      const second = await launch();
      try {
        const history = (await invoke(second.window, 'history.search', {
          serial: 'SMOKE-0001',
        })) as { rows: { orderNumber: string; serial: string }[] };

        expect(history.rows).toEqual([
          expect.objectContaining({ orderNumber: 'DEMO-1001', serial: 'SMOKE-0001' }),
        ]);
      } finally {
        await second.app.close();
      }

      const logs = readdirSync(path.join(userDataDir, 'logs'))
        .map((file) => readFileSync(path.join(userDataDir, 'logs', file), 'utf8'))
        .join('');
      expect(logs).toContain('embedded server stopped');
      expect(logs).toContain('quit complete');
    },
  );
});
