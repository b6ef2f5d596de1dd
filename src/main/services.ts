import { createDispatcher } from './ipc/dispatcher';
import type { Dispatcher, Handlers } from './ipc/dispatcher';
import { createEventBus } from './ipc/event-bus';
import type { EventBus } from './ipc/event-bus';
import type { Logger } from './logger';
import { appVersion } from './version';

export type Shell = 'electron' | 'browser-host';

export interface StationServicesOptions {
  logger: Logger;
  shell: Shell;
}

/**
 * The station's main-process services behind the IPC contract. The Electron shell and the
 * dev-only browser host both run exactly this, so the browser host exercises real code.
 */
export interface StationServices {
  dispatcher: Dispatcher;
  bus: EventBus;
  close(): Promise<void>;
}

export async function createStationServices(
  options: StationServicesOptions,
): Promise<StationServices> {
  const bus = createEventBus();
  const startedAt = new Date().toISOString();

  const handlers: Handlers = {
    'app.info': () => ({ version: appVersion, shell: options.shell, startedAt }),
    'app.echo': ({ message }) => {
      const receivedAt = new Date().toISOString();
      queueMicrotask(() => bus.emit('app.echoed', { message, at: receivedAt }));
      return { message, receivedAt };
    },
  };

  return {
    dispatcher: createDispatcher(handlers, options.logger),
    bus,
    close: async () => {},
  };
}
