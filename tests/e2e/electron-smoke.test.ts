import path from 'node:path';

import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { findElectronBinary } from '../support/electron-binary';

// Launches the real desktop app where the Electron binary is installed. Elsewhere the test
// is skipped, and both its name and a line on stdout say why.
const binary = findElectronBinary();
const skipReason = 'missing' in binary ? binary.missing : null;

if (skipReason !== null) {
  process.stdout.write(`Electron smoke test skipped: ${skipReason}.\n`);
}

describe('Electron smoke test', () => {
  it.skipIf(skipReason !== null)(
    skipReason === null
      ? 'starts the desktop app'
      : `starts the desktop app (skipped: ${skipReason})`,
    async () => {
      const app = await electron.launch({
        executablePath: (binary as { path: string }).path,
        args: [path.resolve('out/main/index.js')],
        env: { ...process.env, PACKING_LOG_LEVEL: 'warn' },
      });

      try {
        const window = await app.firstWindow();

        await expect.poll(() => window.getByTestId('app-info').textContent()).toContain('electron');
        expect(
          await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
        ).toBe('undefined');
      } finally {
        await app.close();
      }
    },
  );
});
