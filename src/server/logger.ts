import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/**
 * The server's root logger. Components take a child with `logger.child({component})`
 * so each line says where it came from; callers add the ids involved (order number, seq,
 * device path, client id). Never pass a token or password to a log call: `redact` below is
 * a second line of defence, not the first.
 */
export function createLogger(
  options: { level?: string; destination?: pino.DestinationStream } = {},
): Logger {
  const level = options.level ?? process.env.PACKING_LOG_LEVEL ?? defaultLevel();
  const settings: pino.LoggerOptions = {
    level,
    base: { process: 'server' },
    redact: {
      paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  };

  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}

function defaultLevel(): string {
  return process.env.VITEST === undefined ? 'info' : 'silent';
}
