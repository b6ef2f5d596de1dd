import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

import { AppError, isAppError } from '../../shared/errors';
import type { ExportProgress } from '../../shared/ipc/channels/supervisor';
import type { EventBus } from '../ipc/event-bus';
import type { Handlers } from '../ipc/dispatcher';
import type { Logger } from '../logger';
import type { BackendPort } from '../packing';

export interface ReportHandlerOptions {
  /** The backend with the station token, or null when none is reachable. */
  backend: () => BackendPort | null;
  /** Folder the CSV files are saved in; created when missing. */
  exportFolder: string;
  bus: EventBus;
  logger: Logger;
}

/** Shortest time between two progress events of one export, in milliseconds. */
const progressIntervalMs = 200;

/**
 * The Serial Number Report from the server, and its CSV export into the export folder.
 * The export runs in the background: the response is its id, progress comes as
 * `report.exportProgress` events, and the file appears under its final name only complete.
 */
export function reportHandlers(
  options: ReportHandlerOptions,
): Pick<Handlers, 'report.search' | 'report.exportCsv'> {
  const log = options.logger.child({ component: 'report' });

  return {
    'report.search': async ({ cursor, limit, ...filters }) => {
      const page = await requireBackend(options).searchSerialReport({ ...filters, cursor, limit });
      return {
        rows: page.rows.map(({ stationId, ...row }) => ({ ...row, station: stationId })),
        nextCursor: page.nextCursor,
      };
    },

    'report.exportCsv': async ({ filters }) => {
      const backend = requireBackend(options);
      const exportId = randomUUID();
      await mkdir(options.exportFolder, { recursive: true });

      void runExport(backend, filters, exportId, options, log);
      return { exportId };
    },
  };
}

async function runExport(
  backend: BackendPort,
  filters: Parameters<BackendPort['serialReportCsv']>[0],
  exportId: string,
  options: ReportHandlerOptions,
  log: Logger,
): Promise<void> {
  const file = path.join(options.exportFolder, `serial-number-report-${fileStamp(new Date())}.csv`);
  const partial = `${file}.part`;
  const progress: ExportProgress = {
    exportId,
    rows: 0,
    bytes: 0,
    done: false,
    file: null,
    error: null,
  };
  let lastEmit = 0;
  const emit = (force: boolean): void => {
    const now = Date.now();
    if (!force && now - lastEmit < progressIntervalMs) return;

    lastEmit = now;
    options.bus.emit('report.exportProgress', { ...progress });
  };

  log.info({ exportId }, 'report export started');
  emit(true);

  try {
    const source = await backend.serialReportCsv(filters);
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        progress.bytes += chunk.length;
        progress.rows += countNewlines(chunk);
        emit(false);
        callback(null, chunk);
      },
    });

    await pipeline(source, counter, createWriteStream(partial, { flags: 'wx' }));
    await rename(partial, file);

    // The header line is not a report row.
    progress.rows = Math.max(0, progress.rows - 1);
    progress.done = true;
    progress.file = file;
    log.info({ exportId, rows: progress.rows, bytes: progress.bytes }, 'report export finished');
  } catch (error) {
    await rm(partial, { force: true });
    progress.done = true;
    progress.error = isAppError(error)
      ? { code: error.code, message: error.message }
      : {
          code: 'export_failed',
          message: `The CSV export could not be written to ${options.exportFolder}: ${error instanceof Error ? error.message : String(error)}. Check the folder and the disk, then export again.`,
        };
    log.error({ exportId, err: error }, 'report export failed');
  }

  emit(true);
}

function requireBackend(options: ReportHandlerOptions): BackendPort {
  const backend = options.backend();
  if (backend === null) {
    throw new AppError(
      'backend_not_configured',
      'The Serial Number Report comes from the server, and no server is configured. Set the backend URL and token in Settings.',
    );
  }

  return backend;
}

// NOTE: rows are counted as line breaks, so a cell with a line break inside its quotes
// counts twice in the progress; the file itself is written unchanged.
function countNewlines(chunk: Buffer): number {
  let count = 0;
  for (const byte of chunk) if (byte === 0x0a) count += 1;
  return count;
}

/** `20261204-161500-123`: local time, sortable, safe in file names on every system. */
function fileStamp(date: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}-${pad(date.getMilliseconds(), 3)}`
  );
}
