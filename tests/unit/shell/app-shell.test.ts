import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startShell } from '../../../src/main/shell/app-shell';
import type { ElectronModule, ShellOptions } from '../../../src/main/shell/app-shell';
import { createStationServices } from '../../../src/main/services';
import { contentSecurityPolicy } from '../../../src/main/shell/security';
import { channelNames, eventTransportChannel } from '../../../src/shared/ipc/contract';
import { captureLogger } from '../../support/capture-logger';
import { createFakeElectron, FakeBrowserWindow } from '../../support/fake-electron';

const outDir = '/opt/packing-station/out';
const rendererUrl = pathToFileURL(path.join(outDir, 'renderer', 'index.html')).href;

// Nothing listens on port 9 of the loopback interface, so the sync engine's requests fail
// at once and never leave the machine.
const configuredEnv = {
  PACKING_BACKEND_URL: 'http://127.0.0.1:9',
  PACKING_STATION_TOKEN: 'pst_shell-test-token',
};

/** Services with only the `app.*` channels: enough for the IPC and window tests. */
const appOnlyServices: ShellOptions['createServices'] = (options) =>
  createStationServices({ logger: options.logger, shell: options.shell });

let userDataDir: string;

beforeEach(() => {
  // The shell puts its user-data folder at <appData>/packing-station; the fake's appData
  // is the parent of this folder.
  userDataDir = path.join(mkdtempSync(path.join(tmpdir(), 'shell-user-data-')), 'packing-station');
});

afterEach(() => {
  rmSync(path.dirname(userDataDir), { recursive: true, force: true });
});

/** Starts the shell in configured mode (no embedded server) unless the options say otherwise. */
async function start(
  options: { lockGranted?: boolean; messageBoxResponses?: number[] } & Partial<ShellOptions> = {},
) {
  const fake = createFakeElectron({ ...options, userDataDir });
  const { logger, lines } = captureLogger();
  const processEvents = new EventEmitter();
  const shell = await startShell(fake.electron as unknown as ElectronModule, {
    outDir,
    logger,
    argv: [],
    env: configuredEnv,
    processEvents,
    hid: null,
    createServices: appOnlyServices,
    ...options,
  });

  return { ...fake, shell, lines, processEvents };
}

function topFrame(url: string) {
  return { senderFrame: { url, parent: null } };
}

describe('desktop shell', () => {
  it('creates one window with isolation, sandbox and no Node', async () => {
    await start();

    expect(FakeBrowserWindow.created).toHaveLength(1);
    const prefs = FakeBrowserWindow.created[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.preload).toBe(path.join(outDir, 'preload', 'index.cjs'));
  });

  it('loads the built renderer from a file URL', async () => {
    await start();

    expect(FakeBrowserWindow.created[0]!.loadedUrl).toBe(rendererUrl);
  });

  it('registers a handler for every contract channel', async () => {
    const { handlers } = await start();

    expect([...handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('answers the app page through ipcMain', async () => {
    const { handlers } = await start();

    const result = await handlers.get('app.echo')!(topFrame(rendererUrl), { message: 'hi' });

    expect(result).toMatchObject({ ok: true, value: { message: 'hi' } });
  });

  it('refuses a call from a foreign page', async () => {
    const { handlers, lines } = await start();

    const result = await handlers.get('app.info')!(topFrame('https://evil.example/'), {});

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(lines().some((line) => line.msg === 'refused IPC call from a foreign frame')).toBe(true);
  });

  it('refuses a call from a sub-frame of the app', async () => {
    const { handlers } = await start();

    const event = { senderFrame: { url: rendererUrl, parent: { url: rendererUrl } } };
    const result = await handlers.get('app.info')!(event, {});

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses a call with no sender frame', async () => {
    const { handlers } = await start();

    const result = await handlers.get('app.info')!({ senderFrame: null }, {});

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('adds the strict CSP to every response', async () => {
    const { session } = await start();
    let headers: Record<string, string[]> = {};

    session.headersHandler!({ responseHeaders: { 'X-Other': ['1'] } }, (response) => {
      headers = (response as { responseHeaders: Record<string, string[]> }).responseHeaders;
    });

    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(headers['X-Other']).toEqual(['1']);
  });

  it('CSP allows no inline script, eval or remote origin', () => {
    const directives = Object.fromEntries(
      contentSecurityPolicy.split('; ').map((part) => {
        const [name, ...values] = part.split(' ');
        return [name, values];
      }),
    );

    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(contentSecurityPolicy).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy).not.toMatch(/https?:/);
  });

  it('denies every permission request and check', async () => {
    const { session } = await start();
    const answers: boolean[] = [];

    session.permissionRequestHandler!({}, 'media', (granted: boolean) => answers.push(granted));

    expect(answers).toEqual([false]);
    expect(session.permissionCheckHandler!({}, 'hid')).toBe(false);
    expect(session.devicePermissionHandler!({})).toBe(false);
  });

  it('denies navigation away from the app and new windows', async () => {
    const { app } = await start();
    const contents = FakeBrowserWindow.created[0]!.webContents;
    app.emit('web-contents-created', {}, contents);
    let prevented = 0;
    const event = { preventDefault: () => (prevented += 1) };

    contents.emit('will-navigate', event, 'https://evil.example/');
    contents.emit('will-navigate', event, rendererUrl + '#settings');
    contents.emit('will-attach-webview', event);

    expect(prevented).toBe(2);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('forwards main events to the window', async () => {
    const { handlers } = await start();

    await handlers.get('app.echo')!(topFrame(rendererUrl), { message: 'event please' });
    await Promise.resolve();

    const sent = FakeBrowserWindow.created[0]!.webContents.sent;
    expect(sent).toEqual([
      {
        channel: eventTransportChannel,
        payload: {
          name: 'app.echoed',
          payload: { message: 'event please', at: expect.any(String) },
        },
      },
    ]);
  });

  it('gives way when another instance holds the lock', async () => {
    const { shell, app } = await start({ lockGranted: false });

    expect(shell).toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('focuses the window when a second instance starts', async () => {
    const { app } = await start();

    app.emit('second-instance');

    expect(FakeBrowserWindow.created[0]!.focused).toBe(1);
  });

  it('closes the services before quitting', async () => {
    const { app, shell, handlers } = await start();
    let prevented = false;

    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    await shell!.quit();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(prevented).toBe(true);
    expect(handlers.size).toBe(0);
    expect(app.quitCalls).toBe(1);
  });
});
