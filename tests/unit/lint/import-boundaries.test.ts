import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints small snippets as if they sat at a given path, with the project's own config, so
// the process boundaries are proven to fail the lint run (severity 2 = error).
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });

  return (result?.messages ?? [])
    .filter((message) => message.severity === 2 && message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('import boundaries', () => {
  it('fails a renderer file that imports better-sqlite3', async () => {
    const errors = await importErrors(
      'src/renderer/src/BadScreen.tsx',
      "import Database from 'better-sqlite3';\nexport const db = new Database(':memory:');\n",
    );

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('renderer imports src/shared only');
  });

  it('fails a renderer file that imports main code', async () => {
    const errors = await importErrors(
      'src/renderer/src/BadScreen.tsx',
      "import { createLogger } from '../../main/logger';\nexport const log = createLogger();\n",
    );

    expect(errors).toHaveLength(1);
  });

  it('fails shared code that imports a Node module', async () => {
    const errors = await importErrors(
      'src/shared/bad.ts',
      "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    );

    expect(errors).toHaveLength(1);
  });

  it('fails main code that imports the server', async () => {
    const errors = await importErrors(
      'src/main/bad.ts',
      "import { x } from '../server/app';\nexport const y = x;\n",
    );

    expect(errors).toHaveLength(1);
  });

  it('fails server code that imports node-hid', async () => {
    const errors = await importErrors(
      'src/server/bad.ts',
      "import HID from 'node-hid';\nexport const h = HID;\n",
    );

    expect(errors).toHaveLength(1);
  });

  it('fails main code that imports pg', async () => {
    const errors = await importErrors(
      'src/main/bad.ts',
      "import pg from 'pg';\nexport const p = pg;\n",
    );

    expect(errors).toHaveLength(1);
  });

  it('allows the renderer to import shared code', async () => {
    const errors = await importErrors(
      'src/renderer/src/Good.tsx',
      "import { contract } from '../../shared/ipc/contract';\nexport const c = contract;\n",
    );

    expect(errors).toEqual([]);
  });

  it('fails console use outside scripts', async () => {
    const [result] = await eslint.lintText("console.log('x');\n", { filePath: 'src/main/x.ts' });

    expect(result?.messages.some((message) => message.ruleId === 'no-console')).toBe(true);
  });
});
