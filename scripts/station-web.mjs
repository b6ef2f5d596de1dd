// `npm run station:web`: builds the app and runs the dev-only browser host, which serves
// the station page on 127.0.0.1 and prints the address to open.
import { spawn } from 'node:child_process';
import path from 'node:path';

import { root, run } from './lib/setup.mjs';

run(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build', '--logLevel', 'warn']);

const child = spawn(
  path.join(root, 'node_modules', '.bin', 'tsx'),
  [path.join(root, 'src', 'browser-host', 'cli.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
