import { Writable } from 'node:stream';

import { createLogger } from '../../src/main/logger';
import type { Logger } from '../../src/main/logger';

/** A real pino logger whose JSON lines are kept in memory so tests can read them. */
export function captureLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });

  const logger = createLogger({ level: 'debug', destination });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  return { logger, lines };
}
