import type { StationSettings } from '../../shared/ipc/channels/station';
import type { Handlers } from '../ipc/dispatcher';
import type { ConfigPort, StationConfig } from '../packing';

/** Station settings: backend URL and token, station and packer name. The token never leaves main. */
export function settingsHandlers(
  config: ConfigPort,
): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settingsOf(config.get()),
    'settings.update': async (changes) => settingsOf(await config.update(changes)),
  };
}

function settingsOf(config: StationConfig): StationSettings {
  return {
    mode: config.mode,
    backendUrl: config.backendUrl,
    hasToken: config.stationToken !== null,
    stationName: config.stationName,
    packerName: config.packerName,
  };
}
