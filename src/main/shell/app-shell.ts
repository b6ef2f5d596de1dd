import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type * as Electron from 'electron';

import { eventTransportChannel } from '../../shared/ipc/contract';
import type { Logger } from '../logger';
import { createStationServices } from '../services';
import type { StationServices } from '../services';
import { registerIpcHandlers } from './ipc-electron';
import {
  denyAllPermissions,
  enforceContentSecurityPolicy,
  hardenWebContents,
  secureWebPreferences,
} from './security';

/** The parts of the `electron` module the shell uses; tests pass a fake with the same shape. */
export type ElectronModule = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'session'>;

export interface ShellOptions {
  /** Folder of the built app (`out/`): holds preload/ and renderer/. */
  outDir: string;
  /** Dev server URL from electron-vite, when running `electron-vite dev`. */
  devServerUrl?: string;
  logger: Logger;
}

export interface RunningShell {
  window(): Electron.BrowserWindow | null;
  services: StationServices;
  quit(): Promise<void>;
}

/**
 * Starts the desktop app: single-instance lock, hardened session, the IPC handlers, one
 * window, and an orderly quit that closes the services before the process exits. Returns
 * null when another instance already runs (that instance focuses its window).
 */
export async function startShell(
  electron: ElectronModule,
  options: ShellOptions,
): Promise<RunningShell | null> {
  const { app, BrowserWindow, ipcMain, session } = electron;
  const log = options.logger.child({ component: 'shell' });

  if (!app.requestSingleInstanceLock()) {
    log.info('another instance is running; handing over to it');
    app.quit();
    return null;
  }

  await app.whenReady();

  const rendererUrl =
    options.devServerUrl ?? pathToFileURL(path.join(options.outDir, 'renderer', 'index.html')).href;
  const services = await createStationServices({ logger: options.logger, shell: 'electron' });

  denyAllPermissions(session.defaultSession);
  enforceContentSecurityPolicy(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, rendererUrl));

  const unregister = registerIpcHandlers(
    ipcMain,
    services.dispatcher,
    () => rendererUrl,
    options.logger,
  );
  let mainWindow: Electron.BrowserWindow | null = createWindow();

  const unsubscribe = services.bus.subscribe((envelope) => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) {
      mainWindow.webContents.send(eventTransportChannel, envelope);
    }
  });

  app.on('second-instance', () => {
    if (mainWindow === null || mainWindow.isDestroyed()) {
      mainWindow = createWindow();
      return;
    }

    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  let quitting: Promise<void> | null = null;

  async function quit(): Promise<void> {
    quitting ??= (async () => {
      log.info('quitting: closing services');
      unsubscribe();
      unregister();
      await services.close();
    })();

    return quitting;
  }

  app.on('before-quit', (event) => {
    if (quitting !== null) return;

    event.preventDefault();
    void quit().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());

  function createWindow(): Electron.BrowserWindow {
    const window = new BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'Packing Station',
      backgroundColor: '#10151c',
      webPreferences: secureWebPreferences(path.join(options.outDir, 'preload', 'index.cjs')),
    });

    window.once('ready-to-show', () => window.show());
    void window.loadURL(rendererUrl);
    log.info({ url: rendererUrl }, 'window created');

    return window;
  }

  return { window: () => mainWindow, services, quit };
}
