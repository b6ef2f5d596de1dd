import { AppError } from '../shared/errors';
import { channelNames } from '../shared/ipc/contract';
import type { Channel } from '../shared/ipc/contract';
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

  const appHandlers: Pick<Handlers, 'app.info' | 'app.echo'> = {
    'app.info': () => ({ version: appVersion, shell: options.shell, startedAt }),
    'app.echo': ({ message }) => {
      const receivedAt = new Date().toISOString();
      queueMicrotask(() => bus.emit('app.echoed', { message, at: receivedAt }));
      return { message, receivedAt };
    },
  };

  // TODO: the packing, supervisor, admin and station handlers are wired in here as their
  // services land; until then those channels answer `not_available`.
  const handlers = { ...unavailableHandlers(), ...appHandlers } as Handlers;

  return {
    dispatcher: createDispatcher(handlers, options.logger),
    bus,
    close: async () => {},
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
