import { createInterface } from 'node:readline';

import type { Logger } from '../logger';

const listeningLine = /^listening on (http:\/\/\S+)\s*$/;

const pinoLevels: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/**
 * Reads the server's stdout line by line: reports the `listening on URL` line and copies
 * the server's pino lines into the station's log at their own level, so one log file
 * holds both processes.
 */
export function followStdout(
  stream: NodeJS.ReadableStream,
  log: Logger,
  onListening: (url: string) => void,
): void {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });

  lines.on('line', (line) => {
    const listening = listeningLine.exec(line);
    if (listening !== null) {
      onListening(listening[1]!);
      return;
    }

    forwardLogLine(line, log);
  });
}

/** Logs stderr lines as warnings and keeps the last few for an error message. */
export function followStderr(stream: NodeJS.ReadableStream, log: Logger, keep: string[]): void {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });

  lines.on('line', (line) => {
    if (line.trim() === '') return;

    log.warn({ stderr: line }, 'embedded server wrote to stderr');
    keep.push(line);
    if (keep.length > 20) keep.shift();
  });
}

function forwardLogLine(line: string, log: Logger): void {
  if (line.trim() === '') return;

  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    log.info({ line }, 'embedded server output');
    return;
  }

  if (typeof record !== 'object' || record === null) {
    log.info({ line }, 'embedded server output');
    return;
  }

  // The server's `component` and `process` fields would repeat keys of this logger's own
  // bindings: `component` is kept as `serverComponent`, `process` (always "server") dropped.
  const {
    level,
    msg,
    time: _time,
    pid,
    hostname: _hostname,
    process: _process,
    component,
    ...fields
  } = record as Record<string, unknown>;
  const method = typeof level === 'number' ? (pinoLevels[level] ?? 'info') : 'info';
  log[method](
    { ...fields, serverComponent: component, serverPid: pid },
    typeof msg === 'string' ? msg : 'embedded server log',
  );
}
