import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { AppError } from '../shared/errors';
import { channelNames } from '../shared/ipc/contract';
import type { Channel } from '../shared/ipc/contract';
import { createBackendClient } from './backend';
import type { BackendClient } from './backend';
import { describeConfig } from './config';
import type { StationConfig, TokenStore } from './config';
import { startEmbeddedServer } from './embedded';
import type { EmbeddedLauncher, EmbeddedServer } from './embedded';
import { adminHandlers } from './handlers/admin';
import type { AdminAccess } from './handlers/admin';
import { historyHandlers } from './handlers/history';
import { packHandlers } from './handlers/pack';
import { reportHandlers } from './handlers/report';
import { scannerHandlers } from './handlers/scanner';
import { startScannerPort } from './handlers/scanner-port';
import { settingsHandlers } from './handlers/settings';
import { createConfigPort } from './handlers/station-config';
import { syncHandlers } from './handlers/sync';
import { createDispatcher } from './ipc/dispatcher';
import type { Dispatcher, Handlers } from './ipc/dispatcher';
import { createEventBus } from './ipc/event-bus';
import type { EventBus } from './ipc/event-bus';
import type { Logger } from './logger';
import { PackingService } from './packing';
import type { ScannerPort } from './packing';
import type { HidBackend } from './scanner/hid-backend';
import { openStationStore } from './store';
import type { StationStore } from './store';
import { createSyncEngine } from './sync';
import type { SyncEngine } from './sync';
import { appVersion } from './version';

export type Shell = 'electron' | 'browser-host';

export interface StationServicesOptions {
  logger: Logger;
  shell: Shell;
  /**
   * The resolved station configuration. Without it only the `app.*` channels work and the
   * others return the `not_available` error (used by tests of the IPC layer itself).
   */
  config?: StationConfig;
  /** Token store that keeps a station token entered on the settings screen. */
  tokenStore?: TokenStore;
  /** Starts the embedded server's process; required in standalone mode. */
  launcher?: EmbeddedLauncher;
  /** An admin token for a configured backend; standalone mode uses the embedded server's. */
  adminToken?: string | null;
  /** HID access for scanners; null turns HID scanning off (the wedge still works). */
  hid?: HidBackend | null;
  /** Folder the CSV exports are saved in; `exports` in the data folder by default. */
  exportFolder?: string;
}

/**
 * The station's main-process services behind the IPC contract. The Electron shell and the
 * dev-only browser host both run exactly this, so the browser host exercises real code.
 */
export interface StationServices {
  dispatcher: Dispatcher;
  bus: EventBus;
  /** The running parts, for tests and benchmarks; null without a config. */
  station: RunningStation | null;
  close(): Promise<void>;
}

export interface RunningStation {
  config: StationConfig;
  store: StationStore;
  engine: SyncEngine;
  packing: PackingService;
  scanner: ScannerPort | null;
  /** The embedded server in standalone mode, else null. */
  embedded: EmbeddedServer | null;
  backendUrl: string | null;
}

/**
 * Starts the station and wires every contract channel and event to it. In standalone mode
 * the embedded server starts first (PGlite on loopback with fresh tokens and the demo
 * data). Then come the station store, the sync engine, the packing service and the scanners.
 */
export async function createStationServices(
  options: StationServicesOptions,
): Promise<StationServices> {
  const bus = createEventBus();
  const startedAt = new Date().toISOString();

  const appHandlers: Pick<Handlers, 'app.info' | 'app.echo'> = {
    'app.info': () => ({ version: appVersion, shell: options.shell, startedAt }),
    'app.echo': ({ message }) => {
      const receivedAt = new Date().toISOString();
      queueMicrotask(() => bus.emit('app.echoed', { message, at: receivedAt }));
      return { message, receivedAt };
    },
  };

  if (options.config === undefined) {
    const handlers = { ...unavailableHandlers(), ...appHandlers } as Handlers;
    return {
      dispatcher: createDispatcher(handlers, options.logger),
      bus,
      station: null,
      close: async () => {},
    };
  }

  const started = await startStation(options, options.config, bus);
  const handlers: Handlers = { ...appHandlers, ...started.handlers };

  return {
    dispatcher: createDispatcher(handlers, options.logger),
    bus,
    station: started.station,
    close: started.close,
  };
}

async function startStation(
  options: StationServicesOptions,
  config: StationConfig,
  bus: EventBus,
): Promise<{
  station: RunningStation;
  handlers: Omit<Handlers, 'app.info' | 'app.echo'>;
  close: () => Promise<void>;
}> {
  const { logger } = options;
  const log = logger.child({ component: 'station' });
  log.info(describeConfig(config), 'starting the station');

  const embedded = config.mode === 'standalone' ? await startEmbedded(options, config) : null;
  const backendUrl = embedded?.url ?? config.backendUrl;
  const stationToken = embedded?.stationToken ?? config.token;
  const adminToken = embedded?.adminToken ?? options.adminToken ?? null;
  const client = clientFor(backendUrl, stationToken, logger);
  const adminClient = clientFor(backendUrl, adminToken, logger);

  let store: StationStore;
  try {
    mkdirSync(path.dirname(config.paths.stationDatabase), { recursive: true });
    store = openStationStore({ file: config.paths.stationDatabase, logger });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }

  const configPort = createConfigPort({ config, tokenStore: requireTokenStore(options), logger });
  const engine = createSyncEngine({ store, client, logger });
  const packing = new PackingService({
    store,
    sync: engine,
    backend: client,
    identity: () => configPort.identity(),
    logger,
    onChange: (view) => bus.emit('pack.changed', view),
  });
  const unsubscribeSync = engine.onStatus((status) => bus.emit('sync.changed', status));
  engine.start();

  const scanner =
    options.hid === undefined || options.hid === null
      ? null
      : await startScanner(options.hid, store, packing, bus, logger);

  const access = (): AdminAccess => {
    if (adminClient !== null) return { backend: adminClient, reason: null };

    return {
      backend: null,
      reason:
        'The admin screens need an admin token for the configured backend, or a station in standalone mode. Ask IT for an admin token.',
    };
  };

  const handlers = {
    ...packHandlers(packing, (scan) => bus.emit('scanner.scanned', scan)),
    ...historyHandlers(store),
    ...reportHandlers({
      backend: () => client,
      exportFolder: options.exportFolder ?? path.join(config.dataDir, 'exports'),
      bus,
      logger,
    }),
    ...syncHandlers(engine, () => configPort.identity()),
    ...adminHandlers({
      access,
      bus,
      onProductsChanged: (products) => store.catalog.upsert(products),
      onSettingsChanged: (settings) => store.settings.putAccount(settings),
    }),
    ...settingsHandlers(configPort),
    ...scannerHandlers(scanner, store),
  };

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;

    log.info('stopping the station');
    await scanner?.close();
    await packing.close();
    unsubscribeSync();
    await engine.stop();
    store.close();
    await embedded?.stop();
  };

  log.info({ mode: config.mode, backendUrl, hid: scanner !== null }, 'station started');
  return {
    station: { config, store, engine, packing, scanner, embedded, backendUrl },
    handlers,
    close,
  };
}

async function startEmbedded(
  options: StationServicesOptions,
  config: StationConfig,
): Promise<EmbeddedServer> {
  if (options.launcher === undefined) {
    throw new AppError(
      'embedded_server_unavailable',
      'This station has no backend configured and cannot start the embedded server. Configure a backend URL and station token, or start the station with the embedded server available.',
    );
  }

  return startEmbeddedServer({
    dataDir: config.paths.embeddedServerDir,
    logger: options.logger,
    launcher: options.launcher,
  });
}

async function startScanner(
  hid: HidBackend,
  store: StationStore,
  packing: PackingService,
  bus: EventBus,
  logger: Logger,
): Promise<ScannerPort> {
  const log = logger.child({ component: 'station' });
  const scanner = await startScannerPort({ hid, store, logger });

  scanner.onScan((scan) => {
    bus.emit('scanner.scanned', scan);
    packing.scan(scan).catch((error: unknown) => {
      log.error({ err: error, device: scan.device }, 'a HID scan could not be handled');
    });
  });
  scanner.onReport((report) => bus.emit('scanner.report', report));
  scanner.onDevicesChanged((devices) => bus.emit('scanner.devicesChanged', { devices }));
  scanner.onProblem((problem) => bus.emit('scanner.problem', problem));
  return scanner;
}

function clientFor(
  baseUrl: string | null,
  token: string | null,
  logger: Logger,
): BackendClient | null {
  if (baseUrl === null || token === null) return null;

  return createBackendClient({ baseUrl, token, logger });
}

function requireTokenStore(options: StationServicesOptions): TokenStore {
  if (options.tokenStore !== undefined) return options.tokenStore;

  const rejectChange = async (): Promise<never> => {
    throw new AppError(
      'settings_not_saved',
      'This station was started without a place to keep its token, so the token cannot be changed here. Set it with PACKING_STATION_TOKEN.',
    );
  };
  return {
    kind: 'plain-file',
    file: '',
    read: async () => null,
    write: rejectChange,
    clear: rejectChange,
  };
}

function unavailableHandlers(): Partial<Record<Channel, () => never>> {
  return Object.fromEntries(
    channelNames.map((channel) => [
      channel,
      () => {
        throw new AppError('not_available', `The station cannot handle ${channel} yet.`);
      },
    ]),
  );
}
