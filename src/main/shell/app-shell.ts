import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type * as Electron from 'electron';

import { isAppError } from '../../shared/errors';
import { eventTransportChannel } from '../../shared/ipc/contract';
import type { StationConfig } from '../config';
import { embeddedEntryBuilt, utilityProcessLauncher } from '../embedded';
import type { EmbeddedLauncher, EmbeddedServer } from '../embedded';
import type { Logger } from '../logger';
import { fail } from '../../shared/ipc/result';
import type { Dispatcher } from '../ipc/dispatcher';
import { installCrashHandlers } from '../logging';
import type { HidBackend } from '../scanner/hid-backend';
import { createNodeHidBackend } from '../scanner/node-hid-backend';
import { createStationServices } from '../services';
import type { StationServices } from '../services';
import { registerIpcHandlers } from './ipc-electron';
import { installMenu } from './menu';
import {
  createSecureWindow,
  denyAllPermissions,
  enforceContentSecurityPolicy,
  hardenWebContents,
} from './security';
import { prepareStation } from './startup';

/** The parts of the `electron` module the shell uses; tests pass a fake with the same shape. */
export type ElectronModule = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'ipcMain'
  | 'session'
  | 'Menu'
  | 'dialog'
  | 'shell'
  | 'safeStorage'
  | 'utilityProcess'
>;

export interface ShellOptions {
  /** Folder of the built app (`out/`), which contains main/, preload/ and renderer/. */
  outDir: string;
  /** Dev server URL from electron-vite, when running `electron-vite dev`. */
  devServerUrl?: string;
  /** Command-line arguments; `process.argv` when omitted. Unknown switches are ignored. */
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  /** A logger to use instead of the rotating log files (tests). */
  logger?: Logger;
  /** Starts the embedded server; Electron's utilityProcess when omitted. */
  launcher?: EmbeddedLauncher;
  /** Scanner access; node-hid when omitted, null for none. */
  hid?: HidBackend | null;
  /** The process that gets the crash handlers; `process` when omitted. */
  processEvents?: NodeJS.EventEmitter;
  createServices?: typeof createStationServices;
  /** Writes `--print-paths` output; stdout when omitted. */
  print?: (text: string) => void;
}

export interface RunningShell {
  window(): Electron.BrowserWindow | null;
  services: StationServices;
  config: StationConfig;
  embedded: EmbeddedServer | null;
  quit(): Promise<void>;
}

/** The folder under the OS's application-data folder: ~/.config/packing-station on Linux. */
export const userDataFolderName = 'packing-station';

/** Maximum wait for the services and the embedded server to close before the app exits. */
const quitTimeoutMs = 15_000;

/**
 * Starts the desktop app: single-instance lock, configuration and logs, the embedded server
 * in standalone mode, hardened session, the IPC handlers, the menu and one window. Quitting
 * closes the services (scanner reads stop, the running SQLite transaction finishes, the
 * database closes), then stops the embedded server, then flushes the log. Returns null when
 * the app is not started: another instance runs (and focuses its window), `--print-paths`
 * printed, or the configuration is invalid (a dialog shows why).
 */
export async function startShell(
  electron: ElectronModule,
  options: ShellOptions,
): Promise<RunningShell | null> {
  const { app, BrowserWindow, ipcMain, session } = electron;
  const env = options.env ?? process.env;

  // The user-data folder is named after the package, not the product name, so a source
  // checkout and a packaged build share one folder. A second profile on one computer (and
  // the smoke test) sets its own with PACKING_USER_DATA_DIR. Both must be set before the
  // single-instance lock, which is held per user-data folder.
  const userDataOverride = env.PACKING_USER_DATA_DIR;
  app.setPath(
    'userData',
    userDataOverride !== undefined && userDataOverride !== ''
      ? path.resolve(userDataOverride)
      : path.join(app.getPath('appData'), userDataFolderName),
  );

  // `--print-paths` works while another instance runs and before Electron is ready: it
  // reads no token, so it needs neither the lock nor safeStorage.
  const argv = options.argv ?? process.argv.slice(1);
  if (argv.includes('--print-paths')) {
    await prepareOrExplain(electron, options, argv);
    return null;
  }

  if (!app.requestSingleInstanceLock()) {
    options.logger?.info({ component: 'shell' }, 'another instance is running; handing over to it');
    app.quit();
    return null;
  }

  await app.whenReady();

  const prepared = await prepareOrExplain(electron, options, argv);
  if (prepared === null) return null;

  const { config, logger, fileLogger } = prepared;
  const log = logger.child({ component: 'shell' });
  const rendererUrl =
    options.devServerUrl ?? pathToFileURL(path.join(options.outDir, 'renderer', 'index.html')).href;

  let quitting: Promise<void> | null = null;
  // Until the services and the window exist there is nothing to close in order.
  let quitAfterFatal = () => app.exit(1);
  const removeCrashHandlers = installCrashHandlers({
    process: options.processEvents ?? process,
    logger,
    flushSync: fileLogger?.flushSync,
    onFatal: () => quitAfterFatal(),
  });

  // The window opens at once and its IPC calls wait for the services, because a standalone
  // station's first start (creating the embedded server's database) takes many seconds.
  const createServices = options.createServices ?? createStationServices;
  const servicesReady = startServicesOrExplain(electron, log, () =>
    createServices({
      logger,
      shell: 'electron',
      config,
      tokenStore: prepared.tokenStore,
      launcher:
        options.launcher ??
        utilityProcessLauncher(electron.utilityProcess, embeddedEntryBuilt(options.outDir)),
      adminToken: env.PACKING_ADMIN_TOKEN ?? null,
      hid: options.hid === undefined ? createNodeHidBackend() : options.hid,
    }),
  );
  const dispatcher: Dispatcher = {
    async dispatch(channel, payload) {
      const ready = await servicesReady;
      if (ready === null) {
        return fail('not_available', 'The station did not start. The error dialog says why.');
      }
      return ready.dispatcher.dispatch(channel, payload);
    },
  };

  denyAllPermissions(session.defaultSession);
  enforceContentSecurityPolicy(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, rendererUrl));

  const unregister = registerIpcHandlers(ipcMain, dispatcher, () => rendererUrl, logger);
  let mainWindow: Electron.BrowserWindow | null = createWindow();
  let unsubscribe = () => {};

  app.on('second-instance', () => {
    if (mainWindow === null || mainWindow.isDestroyed()) {
      mainWindow = createWindow();
      return;
    }

    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  async function quit(): Promise<void> {
    quitting ??= closeEverything();
    return quitting;
  }

  async function closeEverything(): Promise<void> {
    log.info('quitting: closing services');
    unsubscribe();
    unregister();

    // The services stop scanner reads, let the running SQLite transaction finish (writes
    // are synchronous, so it has by the time this runs), close the database and then stop
    // the embedded server. A quit during start-up waits for the start to end first.
    const closed = await withTimeout(
      closeStep(log, 'station services', async () => {
        const ready = await servicesReady;
        await ready?.close();
      }),
      quitTimeoutMs,
    );
    if (!closed) log.error({ timeoutMs: quitTimeoutMs }, 'quitting took too long; exiting anyway');

    log.info('quit complete');
    removeCrashHandlers();
    if (fileLogger !== null) await fileLogger.close();
  }

  quitAfterFatal = () => void quit().finally(() => app.exit(1));

  app.on('before-quit', (event) => {
    if (quitting !== null) return;

    event.preventDefault();
    void quit().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());

  const services = await servicesReady;
  if (services === null) {
    await quit();
    return null;
  }

  const embedded = services.station?.embedded ?? null;
  installMenu(electron, { paths: config.paths, embedded, logger, quit: () => app.quit() });
  unsubscribe = services.bus.subscribe((envelope) => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) {
      mainWindow.webContents.send(eventTransportChannel, envelope);
    }
  });

  function createWindow(): Electron.BrowserWindow {
    const window = createSecureWindow(
      BrowserWindow,
      path.join(options.outDir, 'preload', 'index.cjs'),
    );

    window.once('ready-to-show', () => window.show());
    void window.loadURL(rendererUrl);
    log.info({ url: rendererUrl }, 'window created');

    return window;
  }

  return { window: () => mainWindow, services, config, embedded, quit };
}

/**
 * Runs the start-up steps. A problem the person at the screen can fix (an AppError, such as
 * an invalid configuration) becomes an error dialog and exit code 2.
 */
async function prepareOrExplain(
  electron: ElectronModule,
  options: ShellOptions,
  argv: readonly string[],
) {
  const { app } = electron;

  try {
    const prepared = await prepareStation({
      app,
      safeStorage: electron.safeStorage,
      argv,
      env: options.env ?? process.env,
      logger: options.logger,
      print: options.print ?? ((text) => process.stdout.write(text)),
    });

    if (prepared.kind === 'printed') {
      app.exit(0);
      return null;
    }

    return prepared;
  } catch (error) {
    if (!isAppError(error)) throw error;

    options.logger?.error({ err: error }, 'the station could not start');
    electron.dialog.showErrorBox('Packing Station cannot start', error.message);
    app.exit(2);
    return null;
  }
}

/**
 * Starts the services. An AppError (the embedded server did not start, or the station
 * database is from a newer version or damaged) becomes an error dialog and exit code 2.
 */
async function startServicesOrExplain(
  electron: ElectronModule,
  log: Logger,
  start: () => Promise<StationServices>,
): Promise<StationServices | null> {
  try {
    return await start();
  } catch (error) {
    log.fatal({ err: error }, 'the station services did not start');
    if (!isAppError(error)) throw error;

    electron.dialog.showErrorBox('Packing Station cannot start', error.message);
    electron.app.exit(2);
    return null;
  }
}

async function closeStep(log: Logger, name: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
    log.info({ step: name }, 'closed');
  } catch (error) {
    log.error({ err: error, step: name }, 'failed to close');
  }
}

async function withTimeout(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });

  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
