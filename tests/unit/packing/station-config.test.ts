import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { resolveStationConfig } from '../../../src/main/config';
import { createConfigPort } from '../../../src/main/handlers/station-config';
import { createLogger } from '../../../src/main/logger';
import type { ConfigPort } from '../../../src/main/packing';

let folder: string;
let port: ConfigPort;

beforeEach(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'packing-config-'));
  const { config, tokenStore } = await resolveStationConfig({
    userDataDir: folder,
    argv: ['--station-name', 'bench-1'],
    env: {},
  });
  port = createConfigPort({ config, tokenStore, logger: createLogger({ level: 'silent' }) });
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('station settings', () => {
  it('apply a new packer name at once', async () => {
    const settings = await port.update({ packerName: '  Grace ' });

    expect(settings.packerName).toBe('Grace');
    expect(port.identity()).toEqual({ stationName: 'bench-1', packerName: 'Grace' });
    expect(settings.restartRequired).toBe(false);
  });

  it('keep the new names for the next start', async () => {
    await port.update({ stationName: 'bench-2' });

    const reread = await resolveStationConfig({ userDataDir: folder, argv: [], env: {} });

    expect(reread.config.stationName).toBe('bench-2');
  });

  it('reject a backend without a token', async () => {
    await expect(port.update({ backendUrl: 'http://127.0.0.1:9' })).rejects.toMatchObject({
      code: 'missing_station_token',
    });
    expect(port.settings().mode).toBe('standalone');
  });

  it('save a backend and token for the next start', async () => {
    const settings = await port.update({
      backendUrl: 'http://127.0.0.1:9',
      token: 'pst_test-token',
    });

    expect(settings).toMatchObject({ mode: 'configured', hasToken: true, restartRequired: true });
    const reread = await resolveStationConfig({ userDataDir: folder, argv: [], env: {} });
    expect(reread.config.backendUrl).toBe('http://127.0.0.1:9');
    expect(reread.config.token).toBe('pst_test-token');
  });

  it('reject an empty station name', async () => {
    await expect(port.update({ stationName: '   ' })).rejects.toMatchObject({
      code: 'invalid_name',
    });
  });

  it.each([
    ['a NUL', 'bench\x003', 'U+0000', 6],
    ['an escape sequence', '\x1b[2Jbench', 'U+001B', 1],
    ['a zero width space', 'bench\u200b3', 'U+200B', 6],
  ])('reject a station name with %s', async (_label, stationName, codePoint, position) => {
    await expect(port.update({ stationName })).rejects.toMatchObject({
      code: 'invalid_name',
      details: { codePoint, position },
    });
    expect(port.identity().stationName).toBe('bench-1');
  });

  it('reject a packer name with a right-to-left override', async () => {
    await expect(port.update({ packerName: 'Grace\u202eecarG' })).rejects.toMatchObject({
      code: 'invalid_name',
      message: expect.stringContaining('U+202E right-to-left override at position 6') as string,
    });
  });
});
