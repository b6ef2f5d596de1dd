import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import pino from 'pino';
import pinoRoll from 'pino-roll';

import { createLogger } from '../logger';
import type { Logger } from '../logger';

export interface FileLoggerOptions {
  logDir: string;
  level?: string;
  /** Also write to stdout, for `npm start` and the browser host. */
  stdout?: boolean;
  /** Largest size of one log file before the next one is started. */
  maxFileSize?: string;
  /** Older files kept besides the current one; older ones are deleted. */
  keepFiles?: number;
}

export interface FileLogger {
  logger: Logger;
  /** The base name; pino-roll numbers the files: station.1.log, station.2.log, ... */
  fileBase: string;
  /** Writes what is buffered before the process exits (crash handlers use it). */
  flushSync(): void;
  close(): Promise<void>;
}

/** 10 MB per file, 5 files: the log folder stays under about 50 MB. */
const defaultMaxFileSize = '10m';
const defaultKeepFiles = 4;

/**
 * The station's logger writing JSON lines to a size-capped, rotating set of files in
 * `logDir` (pino-roll in the main thread, no worker), with the same redaction of tokens as
 * `createLogger`.
 */
export async function createFileLogger(options: FileLoggerOptions): Promise<FileLogger> {
  await mkdir(options.logDir, { recursive: true });

  const fileBase = path.join(options.logDir, 'station');
  const file = await pinoRoll({
    file: fileBase,
    extension: '.log',
    size: options.maxFileSize ?? defaultMaxFileSize,
    mkdir: true,
    limit: { count: options.keepFiles ?? defaultKeepFiles, removeOtherLogFiles: true },
  });

  const level = options.level ?? process.env.PACKING_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] = [{ stream: file, level: level as pino.Level }];
  if (options.stdout === true) streams.push({ stream: process.stdout, level: level as pino.Level });

  const logger = createLogger({ level, destination: pino.multistream(streams) });

  return {
    logger,
    fileBase,
    flushSync: () => {
      try {
        file.flushSync();
      } catch {
        // Nothing buffered, or a write is in flight; either way nothing more can be done.
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        file.once('close', () => resolve());
        file.end();
      }),
  };
}
