// `npm start`: sets up what is missing, builds the app, and opens the station. With the
// Electron binary it starts the desktop app, with better-sqlite3 built for Electron while it
// runs and the Node build put back when it exits (so `npm test` keeps working). Without the
// binary, or when the Electron build of better-sqlite3 cannot be made, it starts the
// browser host instead and prints why.
import { spawn } from 'node:child_process';
import path from 'node:path';

import { useElectronNativeModules } from './lib/native-modules.mjs';
import { electronBinary, ensureSetup, log, root } from './lib/setup.mjs';

ensureSetup();

const passThrough = process.argv.slice(2);

if (electronBinary() === null) {
  log('The Electron binary is not installed, so the station opens in the browser host instead.');
  log('It runs the same station services; only the desktop window and its menus are missing.');
  log('For the desktop app: `npm run setup -- --electron` with ELECTRON_MIRROR set to a');
  log('reachable mirror, or a packaged release (docs/it.md).');
  startBrowserHost();
} else {
  let restoreNodeBuild;
  try {
    restoreNodeBuild = useElectronNativeModules();
  } catch (error) {
    log(error.message);
    log('The station opens in the browser host instead; it needs no Electron build.');
    startBrowserHost();
  }

  if (restoreNodeBuild !== undefined) {
    startAndWait(
      path.join(root, 'node_modules', '.bin', 'electron-vite'),
      ['preview', ...passThrough],
      restoreNodeBuild,
    );
  }
}

function startBrowserHost() {
  startAndWait(process.execPath, [path.join(root, 'scripts', 'station-web.mjs'), ...passThrough]);
}

/** Runs a child with the terminal, forwards Ctrl+C and SIGTERM, and cleans up on its exit. */
function startAndWait(command, args, cleanUp = () => {}) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

  child.on('exit', (code) => {
    cleanUp();
    process.exit(code ?? 0);
  });
}
