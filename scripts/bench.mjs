// Runs one benchmark: `npm run bench -- NAME` runs bench/NAME.ts with tsx. Each benchmark
// prints its headline figures as its last line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(path.join(root, 'bench'))
  .filter((file) => file.endsWith('.ts') && !file.startsWith('_'))
  .map((file) => file.slice(0, -3))
  .sort();

if (name === undefined || !existsSync(path.join(root, 'bench', `${name}.ts`))) {
  const shown = name === undefined ? 'no benchmark name' : `unknown benchmark "${name}"`;
  console.error(`bench: ${shown}. Run one of: ${available.join(', ') || '(none yet)'}`);
  console.error('Usage: npm run bench -- NAME [options]');
  process.exit(2);
}

const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const result = spawnSync(tsx, [path.join(root, 'bench', `${name}.ts`), ...rest], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exit(result.status ?? 1);
