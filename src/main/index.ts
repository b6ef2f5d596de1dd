import path from 'node:path';

import * as electron from 'electron';

import { createLogger } from './logger';
import { startShell } from './shell/app-shell';

// Entry point of the Electron main process, bundled by electron-vite to out/main/index.js.
const logger = createLogger();

startShell(electron, {
  outDir: path.join(import.meta.dirname, '..'),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  logger,
}).catch((error: unknown) => {
  logger.fatal({ err: error }, 'the station could not start');
  electron.app.exit(1);
});
