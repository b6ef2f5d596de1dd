import type { Handlers } from '../ipc/dispatcher';
import type { ConfigPort } from '../packing';

/** Station settings: backend URL and token, station and packer name. The token never leaves main. */
export function settingsHandlers(
  config: ConfigPort,
): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => config.settings(),
    'settings.update': (changes) => config.update(changes),
  };
}
