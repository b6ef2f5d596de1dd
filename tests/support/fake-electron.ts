import { EventEmitter } from 'node:events';
import path from 'node:path';

/**
 * A stand-in for the parts of the `electron` module the shell touches. It records what the
 * shell asked for (window options, handlers, session policies) so tests can inspect it.
 */
export class FakeWebContents extends EventEmitter {
  sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  focused = 0;
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  focus(): void {
    this.focused += 1;
  }

  show(): void {}
}

type InvokeHandler = (event: unknown, payload: unknown) => unknown;

export function createFakeElectron(
  options: { lockGranted?: boolean; userDataDir?: string; messageBoxResponses?: number[] } = {},
) {
  FakeBrowserWindow.created = [];
  const handlers = new Map<string, InvokeHandler>();
  const session = {
    permissionRequestHandler: null as null | ((...args: unknown[]) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    devicePermissionHandler: null as null | ((...args: unknown[]) => boolean),
    headersHandler: null as
      | null
      | ((
          details: { responseHeaders: Record<string, string[]> },
          callback: (r: unknown) => void,
        ) => void),
    setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: (...args: unknown[]) => boolean) {
      this.devicePermissionHandler = handler;
    },
    webRequest: {
      onHeadersReceived(
        handler: (
          details: { responseHeaders: Record<string, string[]> },
          callback: (r: unknown) => void,
        ) => void,
      ) {
        session.headersHandler = handler;
      },
    },
  };

  const app = Object.assign(new EventEmitter(), {
    quitCalls: 0,
    exitCodes: [] as number[],
    isPackaged: true,
    requestSingleInstanceLock: () => options.lockGranted ?? true,
    whenReady: () => Promise.resolve(),
    userDataDir: options.userDataDir ?? '/nonexistent/packing-station',
    getPath(name: string) {
      if (name === 'appData') return path.dirname(app.userDataDir);
      if (name !== 'userData') throw new Error(`the fake knows userData and appData, not ${name}`);
      return app.userDataDir;
    },
    setPath(name: string, value: string) {
      if (name !== 'userData') throw new Error(`the fake knows only userData, not ${name}`);
      app.userDataDir = value;
    },
    quit() {
      app.quitCalls += 1;
    },
    exit(code = 0) {
      app.exitCodes.push(code);
    },
  });

  const menu = { template: null as unknown };
  const Menu = {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu(built: { template: unknown }) {
      menu.template = built.template;
    },
  };

  const responses = [...(options.messageBoxResponses ?? [])];
  const dialog = {
    errors: [] as { title: string; content: string }[],
    messages: [] as Record<string, unknown>[],
    showErrorBox(title: string, content: string) {
      dialog.errors.push({ title, content });
    },
    showMessageBox(box: Record<string, unknown>) {
      dialog.messages.push(box);
      return Promise.resolve({ response: responses.shift() ?? 0, checkboxChecked: false });
    },
  };

  const shell = {
    opened: [] as string[],
    openPath(folder: string) {
      shell.opened.push(folder);
      return Promise.resolve('');
    },
  };

  const ipcMain = {
    handle(channel: string, handler: InvokeHandler) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };

  return {
    electron: {
      app,
      BrowserWindow: FakeBrowserWindow,
      ipcMain,
      session: { defaultSession: session },
      Menu,
      dialog,
      shell,
    },
    app,
    handlers,
    session,
    menu,
    dialog,
    shell,
  };
}
