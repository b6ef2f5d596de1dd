import { PassThrough } from 'node:stream';

import { describe, expect, it, vi } from 'vitest';

import { followStdout } from '../../../src/main/embedded/server-output';
import { captureLogger } from '../../support/capture-logger';

function follow() {
  const { logger, lines } = captureLogger();
  const stdout = new PassThrough();
  const urls: string[] = [];
  followStdout(stdout, logger.child({ component: 'embedded-server' }), (url) => urls.push(url));

  return { stdout, urls, lines };
}

describe('embedded server output', () => {
  it('reports the listening line', async () => {
    const { stdout, urls, lines } = follow();

    stdout.write('listening on http://127.0.0.1:40123\n');

    await vi.waitFor(() => expect(urls).toEqual(['http://127.0.0.1:40123']));
    expect(lines()).toEqual([]);
  });

  it('copies server log lines at their level', async () => {
    const { stdout, lines } = follow();
    const serverLine = {
      level: 40,
      time: 1,
      pid: 77,
      hostname: 'vm',
      process: 'server',
      component: 'sync',
      clientId: 'c-1',
      msg: 'gap in push',
    };

    stdout.write(`${JSON.stringify(serverLine)}\n`);

    await vi.waitFor(() => expect(lines()).toHaveLength(1));
    expect(lines()[0]).toMatchObject({
      level: 40,
      process: 'main',
      component: 'embedded-server',
      serverComponent: 'sync',
      serverPid: 77,
      clientId: 'c-1',
      msg: 'gap in push',
    });
  });

  it('logs other output as text', async () => {
    const { stdout, lines } = follow();

    stdout.write('Warning: something plain\n');

    await vi.waitFor(() => expect(lines()).toHaveLength(1));
    expect(lines()[0]).toMatchObject({ level: 30, line: 'Warning: something plain' });
  });
});
