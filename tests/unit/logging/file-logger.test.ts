import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createFileLogger } from '../../../src/main/logging';

let logDir: string;

beforeEach(() => {
  logDir = mkdtempSync(path.join(tmpdir(), 'station-logs-'));
});

afterEach(() => {
  rmSync(logDir, { recursive: true, force: true });
});

function logFiles(): string[] {
  return readdirSync(logDir)
    .filter((name) => name.endsWith('.log'))
    .sort();
}

function readAll(): string {
  return logFiles()
    .map((name) => readFileSync(path.join(logDir, name), 'utf8'))
    .join('');
}

describe('file logger', () => {
  it('writes JSON lines into the log folder', async () => {
    const { logger, close } = await createFileLogger({ logDir, level: 'info' });

    logger.child({ component: 'test' }).info({ orderNumber: 'SO-1' }, 'order opened');
    await close();

    const lines = readAll()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ component: 'test', orderNumber: 'SO-1', msg: 'order opened' });
    expect(logFiles()).toEqual(['station.1.log']);
  });

  it('redacts tokens', async () => {
    const { logger, close } = await createFileLogger({ logDir, level: 'info' });

    logger.info({ token: 'pst_secret-value' }, 'token given');
    await close();

    expect(readAll()).not.toContain('pst_secret-value');
    expect(readAll()).toContain('[redacted]');
  });

  it('rotates at the size cap and keeps few files', async () => {
    const { logger, close } = await createFileLogger({
      logDir,
      level: 'info',
      maxFileSize: '1k',
      keepFiles: 2,
    });

    for (let i = 0; i < 200; i += 1) {
      logger.info({ seq: i, padding: 'x'.repeat(80) }, 'filler line');
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    await close();

    const files = logFiles();
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3);
    expect(readAll()).toContain('"seq":199');
  });

  it('keeps earlier lines after a restart', async () => {
    const first = await createFileLogger({ logDir, level: 'info' });
    first.logger.info('first run');
    await first.close();

    const second = await createFileLogger({ logDir, level: 'info' });
    second.logger.info('second run');
    await second.close();

    expect(readAll()).toContain('first run');
    expect(readAll()).toContain('second run');
  });
});
