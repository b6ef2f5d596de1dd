import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createPlainFileTokenStore,
  describeConfig,
  resolveStationConfig,
  saveStationConfig,
  withEmbeddedServer,
} from '../../../src/main/config';
import type { ResolveStationConfigOptions } from '../../../src/main/config';

let userDataDir: string;

beforeEach(() => {
  userDataDir = mkdtempSync(path.join(tmpdir(), 'station-config-'));
});

afterEach(() => {
  rmSync(userDataDir, { recursive: true, force: true });
});

function resolve(options: Partial<ResolveStationConfigOptions> = {}) {
  return resolveStationConfig({ userDataDir, argv: [], env: {}, hostname: 'bench-7', ...options });
}

function writeConfigFile(content: unknown) {
  writeFileSync(path.join(userDataDir, 'station-config.json'), JSON.stringify(content));
}

const token = 'pst_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('resolveStationConfig', () => {
  it('defaults to standalone mode', async () => {
    const { config } = await resolve();

    expect(config.mode).toBe('standalone');
    expect(config.backendUrl).toBeNull();
    expect(config.token).toBeNull();
    expect(config.stationName).toBe('bench-7');
    expect(config.dataDir).toBe(userDataDir);
    expect(config.paths.stationDatabase).toBe(path.join(userDataDir, 'station.sqlite'));
    expect(config.paths.logDir).toBe(path.join(userDataDir, 'logs'));
  });

  it('reads configured mode from the environment', async () => {
    const { config } = await resolve({
      env: { PACKING_BACKEND_URL: 'https://packing.example.com/', PACKING_STATION_TOKEN: token },
    });

    expect(config.mode).toBe('configured');
    expect(config.backendUrl).toBe('https://packing.example.com');
    expect(config.token).toBe(token);
    expect(config.sources.backendUrl).toBe('env');
    expect(config.sources.token).toBe('env');
  });

  it('flags win over environment and file', async () => {
    writeConfigFile({ backendUrl: 'https://file.example.com', stationName: 'from-file' });

    const { config } = await resolve({
      argv: ['--backend-url', 'https://flag.example.com', '--station-name=from-flag'],
      env: {
        PACKING_BACKEND_URL: 'https://env.example.com',
        PACKING_STATION_NAME: 'from-env',
        PACKING_STATION_TOKEN: token,
      },
    });

    expect(config.backendUrl).toBe('https://flag.example.com');
    expect(config.stationName).toBe('from-flag');
    expect(config.sources.backendUrl).toBe('flag');
  });

  it('rejects a station name with a zero width space', async () => {
    await expect(resolve({ env: { PACKING_STATION_NAME: 'bench\u200b7' } })).rejects.toMatchObject({
      code: 'invalid_station_name',
      details: { position: 6 },
    });
  });

  it('rejects a packer name with an escape sequence', async () => {
    writeConfigFile({ packerName: 'Ann\x1b[2J' });

    await expect(resolve()).rejects.toMatchObject({
      code: 'invalid_packer_name',
      message: expect.stringContaining(
        '"Ann\\x1b[2J" contains the control character U+001B',
      ) as string,
    });
  });

  it('environment wins over the file', async () => {
    writeConfigFile({ stationName: 'from-file', packerName: 'Ann' });

    const { config } = await resolve({ env: { PACKING_STATION_NAME: 'from-env' } });

    expect(config.stationName).toBe('from-env');
    expect(config.packerName).toBe('Ann');
    expect(config.sources.packerName).toBe('file');
  });

  it('takes the token from the token store', async () => {
    writeConfigFile({ backendUrl: 'https://packing.example.com' });
    await createPlainFileTokenStore(path.join(userDataDir, 'station-token.txt')).write(token);

    const { config } = await resolve();

    expect(config.token).toBe(token);
    expect(config.sources.token).toBe('token-store');
    expect(config.warnings.some((warning) => warning.includes('plain text file'))).toBe(true);
  });

  it('--standalone ignores a configured backend', async () => {
    writeConfigFile({ backendUrl: 'https://packing.example.com' });

    const { config } = await resolve({ argv: ['--standalone'] });

    expect(config.mode).toBe('standalone');
    expect(config.backendUrl).toBeNull();
  });

  it('ignores switches it does not know', async () => {
    const { config } = await resolve({ argv: ['--no-sandbox', '--inspect=9229', 'out/main'] });

    expect(config.mode).toBe('standalone');
  });

  it('moves the data folder but not the logs', async () => {
    const dataDir = path.join(userDataDir, 'elsewhere');

    const { config } = await resolve({ env: { PACKING_DATA_DIR: dataDir } });

    expect(config.paths.stationDatabase).toBe(path.join(dataDir, 'station.sqlite'));
    expect(config.paths.embeddedServerDir).toBe(path.join(dataDir, 'embedded-server'));
    expect(config.paths.logDir).toBe(path.join(userDataDir, 'logs'));
  });

  it('rejects a backend without a token', async () => {
    await expect(
      resolve({ env: { PACKING_BACKEND_URL: 'https://packing.example.com' } }),
    ).rejects.toMatchObject({ code: 'missing_station_token' });
  });

  it('rejects a backend URL that is not http', async () => {
    const error = await resolve({
      argv: ['--backend-url', 'ftp://packing.example.com'],
      env: { PACKING_STATION_TOKEN: token },
    }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'invalid_backend_url' });
    expect((error as Error).message).toContain('ftp://packing.example.com');
    expect((error as Error).message).toContain('command line');
  });

  it('rejects a backend URL with a password', async () => {
    const error = await resolve({
      env: {
        PACKING_BACKEND_URL: 'https://user:secret@packing.example.com',
        PACKING_STATION_TOKEN: token,
      },
    }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'invalid_backend_url' });
    expect((error as Error).message).not.toContain('secret');
  });

  it('rejects a token with spaces without echoing it', async () => {
    const error = await resolve({
      env: { PACKING_BACKEND_URL: 'https://packing.example.com', PACKING_STATION_TOKEN: 'pst_a b' },
    }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'invalid_station_token' });
    expect((error as Error).message).not.toContain('pst_a b');
  });

  it('rejects a flag without a value', async () => {
    await expect(resolve({ argv: ['--backend-url'] })).rejects.toMatchObject({
      code: 'invalid_flag',
    });
  });

  it('rejects a config file that is not JSON', async () => {
    writeFileSync(path.join(userDataDir, 'station-config.json'), '{"backendUrl": ');

    await expect(resolve()).rejects.toMatchObject({ code: 'invalid_config_file' });
  });

  it('rejects unknown fields in the config file', async () => {
    writeConfigFile({ backendURL: 'https://packing.example.com' });

    const error = await resolve().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'invalid_config_file' });
    expect((error as Error).message).toContain('backendUrl');
  });

  it('warns about plain http to another host', async () => {
    const { config } = await resolve({
      env: { PACKING_BACKEND_URL: 'http://10.0.0.5:8787', PACKING_STATION_TOKEN: token },
    });

    expect(config.warnings.some((warning) => warning.includes('unencrypted'))).toBe(true);
  });

  it('warns about a token on the command line', async () => {
    const { config } = await resolve({
      argv: ['--backend-url', 'https://packing.example.com', '--station-token', token],
    });

    expect(config.warnings.some((warning) => warning.includes('process list'))).toBe(true);
    expect(config.warnings.join(' ')).not.toContain(token);
  });

  it('prints paths without a token', async () => {
    const { config } = await resolve({
      argv: ['--print-paths'],
      env: { PACKING_BACKEND_URL: 'https://packing.example.com' },
    });

    expect(config.printPaths).toBe(true);
    expect(config.token).toBeNull();
  });

  it('reads --print-paths and --save-config', async () => {
    const { config } = await resolve({ argv: ['--print-paths', '--save-config'] });

    expect(config.printPaths).toBe(true);
    expect(config.saveConfig).toBe(true);
  });
});

describe('saveStationConfig', () => {
  it('keeps the settings for the next start', async () => {
    const first = await resolve({
      argv: ['--save-config', '--packer-name', 'Ann'],
      env: { PACKING_BACKEND_URL: 'https://packing.example.com', PACKING_STATION_TOKEN: token },
    });

    await saveStationConfig(first.config, first.tokenStore);
    const second = await resolve();

    expect(second.config.mode).toBe('configured');
    expect(second.config.backendUrl).toBe('https://packing.example.com');
    expect(second.config.token).toBe(token);
    expect(second.config.packerName).toBe('Ann');
    expect(second.config.sources.backendUrl).toBe('file');
  });

  it('never writes the token into the config file', async () => {
    const { config, tokenStore } = await resolve({
      env: { PACKING_BACKEND_URL: 'https://packing.example.com', PACKING_STATION_TOKEN: token },
    });

    await saveStationConfig(config, tokenStore);

    expect(readFileSync(config.paths.configFile, 'utf8')).not.toContain(token);
  });
});

describe('config helpers', () => {
  it('describeConfig leaves the token out', async () => {
    const { config } = await resolve({
      env: { PACKING_BACKEND_URL: 'https://packing.example.com', PACKING_STATION_TOKEN: token },
    });

    const record = describeConfig(config);

    expect(JSON.stringify(record)).not.toContain(token);
    expect(record.tokenSet).toBe(true);
    expect(record.tokenSource).toBe('env');
  });

  it('withEmbeddedServer fills in the address and token', async () => {
    const { config } = await resolve();

    const completed = withEmbeddedServer(config, {
      url: 'http://127.0.0.1:40123',
      stationToken: token,
    });

    expect(completed.mode).toBe('standalone');
    expect(completed.backendUrl).toBe('http://127.0.0.1:40123');
    expect(completed.token).toBe(token);
  });
});
