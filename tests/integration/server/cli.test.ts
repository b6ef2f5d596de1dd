import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const cli = path.join(root, 'src', 'server', 'cli.ts');

function runCli(args: string[]) {
  const result = spawnSync(tsx, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('server command line', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'packing-cli-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates, lists and revokes tokens', () => {
    const created = runCli([
      'token',
      'create',
      '--role',
      'station',
      '--name',
      'bench-1',
      '--data',
      dataDir,
    ]);
    const listed = runCli(['token', 'list', '--data', dataDir]);
    const revoked = runCli(['token', 'revoke', 'bench-1', '--data', dataDir]);
    const revokedAgain = runCli(['token', 'revoke', 'bench-1', '--data', dataDir]);

    expect(created.status).toBe(0);
    expect(created.stdout.trim()).toMatch(/^pst_[A-Za-z0-9_-]{43}$/);
    expect(listed.stdout).toMatch(/^bench-1\tstation\t/m);
    expect(listed.stdout).not.toContain(created.stdout.trim());
    expect(revoked.status).toBe(0);
    expect(revokedAgain.status).toBe(1);
    expect(revokedAgain.stderr).toContain('No token is named "bench-1"');
  });

  it('rejects a bad role with the usage text', () => {
    const result = runCli(['token', 'create', '--role', 'root', '--name', 'x', '--data', dataDir]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--role must be station or admin, not "root"');
  });

  it('rejects a bad token name in one line', () => {
    const result = runCli([
      'token',
      'create',
      '--role',
      'admin',
      '--name',
      'bad name!',
      '--data',
      dataDir,
    ]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--name "bad name!" is not a valid token name');
    expect(result.stderr).toContain('letters, digits');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('"code"');
    expect(result.stderr).not.toContain('    at ');
  });

  it('rejects a bad name to revoke in one line', () => {
    const result = runCli(['token', 'revoke', 'no/such', '--data', dataDir]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"no/such" is not a valid token name');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports a data path that is a file in one line', () => {
    const result = runCli(['token', 'list', '--data', cli]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--data');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).not.toContain('"stack"');
  });

  it('serves the demo catalog and stops on SIGTERM', async () => {
    const seeded = runCli(['seed-demo', '--data', dataDir]);
    const token = runCli([
      'token',
      'create',
      '--role',
      'admin',
      '--name',
      'cli-admin',
      '--data',
      dataDir,
    ]).stdout.trim();
    const server = spawn(tsx, [cli, '--port', '0', '--data', dataDir], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '' },
    });
    const exited = new Promise<number | null>((resolve) =>
      server.once('exit', (code) => resolve(code)),
    );

    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match !== null) resolve(match[1]!);
      });
      server.once('exit', () => reject(new Error(`server exited early: ${output}`)));
    });
    const products = await fetch(`${url}/v1/products?q=DEMO`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const orders = await fetch(`${url}/v1/orders`, {
      headers: { authorization: `Bearer ${token}` },
    });
    server.kill('SIGTERM');

    expect(seeded.status).toBe(0);
    const catalog = (await products.json()) as {
      products: { sku: string; name: string; kind: string; needsSerialNumber: boolean }[];
    };
    expect(catalog.products.length).toBeGreaterThanOrEqual(5);
    expect(
      catalog.products.every(
        (product) => product.sku.startsWith('DEMO-') && product.name.endsWith('(demo)'),
      ),
    ).toBe(true);
    expect(catalog.products.some((product) => product.needsSerialNumber)).toBe(true);
    expect(
      catalog.products.some((product) => !product.needsSerialNumber && product.kind === 'standard'),
    ).toBe(true);
    expect(catalog.products.some((product) => product.kind === 'kit')).toBe(true);
    const open = (await orders.json()) as { orders: { orderNumber: string }[] };
    expect(open.orders.length).toBeGreaterThanOrEqual(3);
    expect(await exited).toBe(0);
  });
});
