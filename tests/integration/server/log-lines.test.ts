import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createToken } from '../../../src/server/auth/tokens';
import { openDatabase } from '../../../src/server/db/database';
import type { Database } from '../../../src/server/db/database';
import { createLogger } from '../../../src/server/logger';
import { startServer } from '../../../src/server/server';
import type { RunningServer } from '../../../src/server/server';

describe('server log lines', () => {
  const lines: string[] = [];
  let database: Database;
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    database = await openDatabase({ inMemory: true });
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(
          ...chunk
            .toString('utf8')
            .split('\n')
            .filter((line) => line !== ''),
        );
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    server = await startServer(database, { host: '127.0.0.1', port: 0, logger });
    token = (await createToken(database.db, 'log-station', 'station')).token;
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it('carries each key once', async () => {
    await fetch(`${server.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: randomUUID(),
        events: [
          {
            seq: 1,
            id: randomUUID(),
            type: 'order.claim',
            occurredAt: new Date().toISOString(),
            payload: { orderNumber: 'NONE', stationId: 'log-station' },
          },
        ],
      }),
    });
    await fetch(`${server.url}/v1/no-such-route`);

    const pushLine = lines.find((line) => line.includes('"push applied"'));
    expect(pushLine).toBeDefined();
    for (const line of lines) {
      const keys = [...line.matchAll(/"([A-Za-z]+)":/g)].map((match) => match[1]);
      const topLevel = Object.keys(JSON.parse(line) as object);
      expect(
        keys.filter((key) => key === 'process'),
        line,
      ).toHaveLength(1);
      expect(keys.filter((key) => key === 'component').length, line).toBeLessThanOrEqual(1);
      expect(topLevel).toContain('process');
    }
  });
});
