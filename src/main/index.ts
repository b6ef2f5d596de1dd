import path from 'node:path';

import * as electron from 'electron';

import { startShell } from './shell/app-shell';

// Entry point of the Electron main process, bundled by electron-vite to out/main/index.js.
// The shell opens the log files itself once it knows the user-data folder; an error that
// escapes it goes to stderr and an error dialog.
startShell(electron, {
  outDir: path.join(import.meta.dirname, '..'),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
}).catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`Packing Station could not start: ${message}\n`);
  electron.dialog.showErrorBox('Packing Station could not start', message);
  electron.app.exit(1);
});
