import { EventEmitter } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { EmbeddedLauncher, LaunchRequest } from '../../../src/main/embedded';
import { AppError } from '../../../src/shared/errors';
import { createStationServices } from '../../../src/main/services';
import type { StationServices, StationServicesOptions } from '../../../src/main/services';
import { startShell } from '../../../src/main/shell/app-shell';
import type { ElectronModule, ShellOptions } from '../../../src/main/shell/app-shell';
import { captureLogger } from '../../support/capture-logger';
import { createFakeElectron, FakeBrowserWindow } from '../../support/fake-electron';

// Start-up and shutdown of the desktop shell around the real station services: config
// resolution, --print-paths, error dialogs, the menu, the crash handler and the quit order.
// Nothing listens on port 9 of the loopback interface, so sync requests fail at once.
const configuredEnv = {
  PACKING_BACKEND_URL: 'http://127.0.0.1:9',
  PACKING_STATION_TOKEN: 'pst_shell-test-token',
};

let userDataDir: string;
const shells: { quit(): Promise<void> }[] = [];

beforeEach(() => {
  // The shell puts its user-data folder at <appData>/packing-station; the fake's appData
  // is the parent of this folder.
  userDataDir = path.join(mkdtempSync(path.join(tmpdir(), 'shell-startup-')), 'packing-station');
  mkdirSync(userDataDir);
});

afterEach(async () => {
  await Promise.all(shells.splice(0).map((shell) => shell.quit()));
  rmSync(path.dirname(userDataDir), { recursive: true, force: true });
});

async function start(options: Partial<ShellOptions> & { messageBoxResponses?: number[] } = {}) {
  const fake = createFakeElectron({
    userDataDir,
    messageBoxResponses: options.messageBoxResponses,
  });
  const { logger, lines } = captureLogger();
  const processEvents = new EventEmitter();
  const printed: string[] = [];
  const shell = await startShell(fake.electron as unknown as ElectronModule, {
    outDir: '/opt/packing-station/out',
    logger,
    argv: [],
    env: configuredEnv,
    hid: null,
    processEvents,
    print: (text) => printed.push(text),
    ...options,
  });
  if (shell !== null) shells.push(shell);

  return { ...fake, shell, lines, processEvents, printed };
}

type MenuItem = { label?: string; role?: string; submenu?: MenuItem[]; click?: () => void };

function helpMenu(template: unknown): MenuItem[] {
  const help = (template as MenuItem[]).find((item) => item.label === 'Help');
  return help?.submenu ?? [];
}

/**
 * Stands in for the embedded server's process (the edge of this unit): it replies like the
 * real entry, with a loopback address where nothing listens, and records what it is sent.
 */
function fakeServerLauncher() {
  const sent: unknown[] = [];
  const requests: LaunchRequest[] = [];
  const launcher: EmbeddedLauncher = (request) => {
    requests.push(request);
    const events = new EventEmitter();
    const stdout = new PassThrough();

    setImmediate(() => {
      events.emit('message', {
        type: 'tokens',
        stationToken: 'pst_embedded-station',
        adminToken: 'pst_embedded-admin',
      });
      stdout.write('listening on http://127.0.0.1:9\n');
    });

    return {
      pid: 4242,
      stdout,
      stderr: null,
      onMessage: (listener) => events.on('message', listener),
      onExit: (listener) => events.on('exit', listener),
      postMessage(message) {
        sent.push(message);
        const type = (message as { type: string }).type;
        if (type === 'stop') setImmediate(() => events.emit('exit', 0));
        if (type === 'remove-demo') {
          setImmediate(() => events.emit('message', { type: 'demo-removed', orders: 2 }));
        }
      },
      kill: () => events.emit('exit', null),
    };
  };

  return { launcher, sent, requests };
}

describe('shell start-up', () => {
  it('passes the configured backend to the services', async () => {
    const { shell } = await start({ env: { ...configuredEnv, PACKING_STATION_NAME: 'bench-3' } });

    expect(shell!.config.mode).toBe('configured');
    expect(shell!.services.station?.backendUrl).toBe('http://127.0.0.1:9');
    expect(shell!.services.station?.config.stationName).toBe('bench-3');
    expect(existsSync(path.join(userDataDir, 'station.sqlite'))).toBe(true);
  });

  it('never logs the station token', async () => {
    const { shell, lines } = await start();
    await shell!.quit();

    const log = JSON.stringify(lines());

    expect(log).toContain('station configuration');
    expect(log).not.toContain(configuredEnv.PACKING_STATION_TOKEN);
  });

  it('starts the embedded server in standalone mode', async () => {
    const server = fakeServerLauncher();

    const { shell } = await start({ env: {}, launcher: server.launcher });

    expect(shell!.config.mode).toBe('standalone');
    expect(shell!.embedded).not.toBeNull();
    expect(shell!.services.station?.backendUrl).toBe('http://127.0.0.1:9');
    expect(server.requests[0]!.args).toEqual([
      '--data',
      path.join(userDataDir, 'embedded-server', 'pgdata'),
      '--seed-demo',
    ]);
  });

  it('stops the embedded server on quit', async () => {
    const server = fakeServerLauncher();
    const { shell } = await start({ env: {}, launcher: server.launcher });

    await shell!.quit();

    expect(server.sent).toContainEqual({ type: 'stop' });
  });

  it('closes the services before the log', async () => {
    const steps: string[] = [];
    const createServices = async (options: StationServicesOptions): Promise<StationServices> => {
      const services = await createStationServices(options);
      return {
        ...services,
        close: async () => {
          steps.push('services closed');
          await services.close();
        },
      };
    };
    const { shell, lines } = await start({ createServices });

    await shell!.quit();
    await shell!.quit();

    expect(steps).toEqual(['services closed']);
    const messages = lines().map((line) => line.msg);
    expect(messages.indexOf('closed')).toBeLessThan(messages.indexOf('quit complete'));
  });

  it('prints the paths and exits', async () => {
    const { shell, printed, app } = await start({ argv: ['--print-paths'] });

    expect(shell).toBeNull();
    expect(app.exitCodes).toEqual([0]);
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(printed.join('')).toContain(path.join(userDataDir, 'logs'));
    expect(printed.join('')).toContain(path.join(userDataDir, 'station.sqlite'));
  });

  it('prints the paths while another instance runs', async () => {
    const fake = createFakeElectron({ userDataDir, lockGranted: false });
    const printed: string[] = [];

    const shell = await startShell(fake.electron as unknown as ElectronModule, {
      outDir: '/opt/packing-station/out',
      logger: captureLogger().logger,
      argv: ['--print-paths'],
      env: { PACKING_BACKEND_URL: 'http://127.0.0.1:9' },
      print: (text) => printed.push(text),
    });

    expect(shell).toBeNull();
    expect(fake.app.exitCodes).toEqual([0]);
    expect(printed.join('')).toContain(path.join(userDataDir, 'logs'));
  });

  it('exits at once on a fatal error during start-up', async () => {
    const processEvents = new EventEmitter();
    let release = () => {};
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const fake = createFakeElectron({ userDataDir });
    const starting = startShell(fake.electron as unknown as ElectronModule, {
      outDir: '/opt/packing-station/out',
      logger: captureLogger().logger,
      argv: [],
      env: configuredEnv,
      hid: null,
      processEvents,
      createServices: async (options) => {
        processEvents.emit('uncaughtException', new Error('boom'), 'uncaughtException');
        await blocked;
        return createStationServices({ logger: options.logger, shell: options.shell });
      },
    });

    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    const shell = await starting;
    if (shell !== null) shells.push(shell);

    expect(fake.app.exitCodes).toEqual([1]);
  });

  it('opens the window before the services are ready', async () => {
    let release = () => {};
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const fake = createFakeElectron({ userDataDir });
    const starting = startShell(fake.electron as unknown as ElectronModule, {
      outDir: '/opt/packing-station/out',
      logger: captureLogger().logger,
      argv: [],
      env: configuredEnv,
      hid: null,
      processEvents: new EventEmitter(),
      createServices: async (options) => {
        await blocked;
        return createStationServices({ logger: options.logger, shell: options.shell });
      },
    });

    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1), { timeout: 5000 });
    const rendererUrl = FakeBrowserWindow.created[0]!.loadedUrl!;
    const call = fake.handlers.get('app.info')!(
      { senderFrame: { url: rendererUrl, parent: null } },
      {},
    );
    release();
    const shell = await starting;
    shells.push(shell!);

    expect(await call).toMatchObject({ ok: true, value: { shell: 'electron' } });
  });

  it('explains services that fail to start', async () => {
    const { shell, app, dialog } = await start({
      createServices: () =>
        Promise.reject(
          new AppError('embedded_server_failed', 'The embedded server exited with code 1.'),
        ),
    });

    expect(shell).toBeNull();
    expect(app.exitCodes).toEqual([2]);
    expect(dialog.errors[0]!.content).toBe('The embedded server exited with code 1.');
  });

  it('explains an invalid configuration', async () => {
    writeFileSync(path.join(userDataDir, 'station-config.json'), '{ not json');

    const { shell, app, dialog } = await start();

    expect(shell).toBeNull();
    expect(app.exitCodes).toEqual([2]);
    expect(dialog.errors[0]!.content).toContain('station-config.json');
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('explains a backend without a token', async () => {
    const { shell, dialog } = await start({ env: { PACKING_BACKEND_URL: 'http://127.0.0.1:9' } });

    expect(shell).toBeNull();
    expect(dialog.errors[0]!.content).toContain('PACKING_STATION_TOKEN');
  });

  it('keeps user data in packing-station under appData', async () => {
    const fake = createFakeElectron({ userDataDir: '/elsewhere/Packing Station' });
    fake.app.getPath = (name: string) => {
      if (name === 'appData') return path.dirname(userDataDir);
      return fake.app.userDataDir;
    };

    const shell = await startShell(fake.electron as unknown as ElectronModule, {
      outDir: '/opt/packing-station/out',
      logger: captureLogger().logger,
      argv: [],
      env: configuredEnv,
      hid: null,
      processEvents: new EventEmitter(),
    });
    shells.push(shell!);

    expect(shell!.config.paths.userDataDir).toBe(userDataDir);
  });

  it('takes the user-data folder from PACKING_USER_DATA_DIR', async () => {
    const other = path.join(userDataDir, 'second-profile');

    const { shell } = await start({ env: { ...configuredEnv, PACKING_USER_DATA_DIR: other } });

    expect(shell!.config.paths.userDataDir).toBe(other);
    expect(existsSync(path.join(other, 'station.sqlite'))).toBe(true);
  });

  it('saves the configuration with --save-config', async () => {
    await start({ argv: ['--save-config'] });

    const files = readdirSync(userDataDir);
    expect(files).toContain('station-config.json');
    expect(files).toContain('station-token.txt');
  });

  it('quits in order on an uncaught exception', async () => {
    const { processEvents, app, lines } = await start();

    processEvents.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    await vi.waitFor(() => expect(app.exitCodes).toHaveLength(1), { timeout: 5000 });

    expect(app.exitCodes).toEqual([1]);
    expect(lines().some((line) => line.msg === 'quit complete')).toBe(true);
  });
});

describe('shell menu', () => {
  it('shows where logs and data live', async () => {
    const { menu, dialog, electron } = await start({ messageBoxResponses: [0] });
    const item = helpMenu(menu.template).find((entry) => entry.label === 'Logs and Data Folders…');

    item!.click!();
    await vi.waitFor(() => expect(electron.shell.opened).toHaveLength(1), { timeout: 5000 });

    expect(String(dialog.messages[0]!.detail)).toContain(path.join(userDataDir, 'logs'));
    expect(electron.shell.opened).toEqual([path.join(userDataDir, 'logs')]);
  });

  it('offers demo removal only in standalone mode', async () => {
    const configured = await start();
    const configuredLabels = helpMenu(configured.menu.template).map((item) => item.label);
    await configured.shell!.quit();

    const standalone = await start({ env: {}, launcher: fakeServerLauncher().launcher });
    const standaloneLabels = helpMenu(standalone.menu.template).map((item) => item.label);

    expect(configuredLabels).not.toContain('Remove Demo Data…');
    expect(standaloneLabels).toContain('Remove Demo Data…');
  });

  it('removes the demo data after confirmation', async () => {
    const server = fakeServerLauncher();
    const { menu, dialog } = await start({
      env: {},
      launcher: server.launcher,
      messageBoxResponses: [0, 0],
    });
    const item = helpMenu(menu.template).find((entry) => entry.label === 'Remove Demo Data…');

    item!.click!();
    await vi.waitFor(() => expect(dialog.messages).toHaveLength(2), { timeout: 5000 });

    expect(server.sent).toContainEqual({ type: 'remove-demo' });
    expect(dialog.messages[1]!.message).toBe('2 open demo orders cancelled.');
    const state = JSON.parse(
      readFileSync(path.join(userDataDir, 'embedded-server', 'demo-data.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(state.removedAt).toEqual(expect.any(String));
  });

  it('keeps the demo data when cancelled', async () => {
    const server = fakeServerLauncher();
    const { menu, dialog } = await start({
      env: {},
      launcher: server.launcher,
      messageBoxResponses: [1],
    });
    const item = helpMenu(menu.template).find((entry) => entry.label === 'Remove Demo Data…');

    item!.click!();
    await vi.waitFor(() => expect(dialog.messages).toHaveLength(1), { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(server.sent).not.toContainEqual({ type: 'remove-demo' });
  });
});
