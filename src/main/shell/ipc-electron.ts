import type { IpcMain, IpcMainInvokeEvent } from 'electron';

import { channelNames } from '../../shared/ipc/contract';
import { fail } from '../../shared/ipc/result';
import type { Dispatcher } from '../ipc/dispatcher';
import type { Logger } from '../logger';
import { isTrustedSender } from './security';

/**
 * Registers one `ipcMain.handle` per contract channel. Channels outside the contract have
 * no handler, so Electron rejects them; a call from a frame that is not the app's own page
 * gets `forbidden_sender` and is logged.
 */
export function registerIpcHandlers(
  ipcMain: IpcMain,
  dispatcher: Dispatcher,
  rendererUrl: () => string,
  logger: Logger,
): () => void {
  const log = logger.child({ component: 'ipc-electron' });

  for (const channel of channelNames) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame, rendererUrl())) {
        log.warn({ channel, url: event.senderFrame?.url }, 'refused IPC call from a foreign frame');
        return fail('forbidden_sender', 'This window is not allowed to talk to the station.');
      }

      return dispatcher.dispatch(channel, payload);
    });
  }

  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}
