// `npm start`: sets up what is missing, builds the app, and opens the station. With the
// Electron binary it starts the desktop app; without it, the browser host, saying why.
import { spawn } from 'node:child_process';
import path from 'node:path';

import { electronBinary, ensureSetup, log, root, run } from './lib/setup.mjs';

ensureSetup();

const binary = electronBinary();
const passThrough = process.argv.slice(2);

if (binary !== null) {
  run(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['preview', ...passThrough]);
} else {
  log('The Electron binary is not installed, so the station opens in the browser host instead.');
  log('It runs the same station services; only the desktop window and its menus are missing.');
  log('For the desktop app: `npm run setup -- --electron` with ELECTRON_MIRROR set to a');
  log('reachable mirror, or a packaged release (docs/it.md).');

  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts', 'station-web.mjs'), ...passThrough],
    {
      stdio: 'inherit',
      cwd: root,
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
