import type { Handlers } from '../ipc/dispatcher';
import type { SyncPort } from '../packing';

type SyncChannel = 'sync.status' | 'sync.retryNow' | 'sync.dismissRejected';

/** The sync queue screen: status, retry now, and dismissing a rejected event after its fix. */
export function syncHandlers(
  sync: SyncPort,
  identity: () => { packerName: string },
): Pick<Handlers, SyncChannel> {
  return {
    'sync.status': () => sync.status(),
    'sync.retryNow': () => sync.retryNow(),
    'sync.dismissRejected': ({ seq, note }) =>
      sync.dismissRejected(seq, note, identity().packerName),
  };
}
