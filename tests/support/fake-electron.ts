import { EventEmitter } from 'node:events';

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

export function createFakeElectron(options: { lockGranted?: boolean } = {}) {
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
    requestSingleInstanceLock: () => options.lockGranted ?? true,
    whenReady: () => Promise.resolve(),
    quit() {
      app.quitCalls += 1;
    },
    exit() {},
  });

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
    },
    app,
    handlers,
    session,
  };
}
