import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

// Checks electron-builder.yml without building a package (that needs the Electron download):
// against electron-builder's own schema, and for the parts the station relies on.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new () => unknown };

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[] };
  deb: { fpm: string[]; depends: string[] };
  win: { target: string[] };
  mac: { target: string[] };
}

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

describe('electron-builder configuration', () => {
  it('matches the electron-builder schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger())).resolves.toBeUndefined();
  });

  it('builds AppImage, deb, NSIS and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('unpacks and rebuilds the native modules', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.asarUnpack).toContain('node_modules/node-hid/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('installs the udev rule with the deb', () => {
    const rule = config.deb.fpm.find((argument) => argument.endsWith('.rules'));
    const [source, destination] = rule!.split('=');

    expect(existsSync(source!)).toBe(true);
    expect(destination).toBe(`/lib/udev/rules.d/${path.basename(source!)}`);
    expect(config.deb.depends).toContain('libusb-1.0-0');
  });

  it('packs the built entries the app starts', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']),
    );
  });
});
