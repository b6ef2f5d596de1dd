import { userInfo } from 'node:os';

import { AppError } from '../../shared/errors';
import type { StationSettings } from '../../shared/ipc/channels/station';
import { parsePlainText } from '../../shared/text/plain-text';
import { saveStationConfig } from '../config';
import type { StationConfig, TokenStore } from '../config';
import type { Logger } from '../logger';
import type { ConfigPort, StationIdentity, StationSettingsChanges } from '../packing';

export interface ConfigPortOptions {
  config: StationConfig;
  tokenStore: TokenStore;
  logger: Logger;
}

/**
 * Creates the station configuration behind the settings screen. Station and packer names
 * apply to the next packed unit and travel in every outbox event, so they are trimmed, and a
 * name with a control or invisible character is rejected with `invalid_name`. A new backend
 * URL or token is saved for the next start, because the sync engine and the station
 * database's client id belong to one backend, and the returned settings then have
 * `restartRequired` set.
 */
export function createConfigPort(options: ConfigPortOptions): ConfigPort {
  const log = options.logger.child({ component: 'settings' });
  let config = options.config;
  let restartRequired = false;

  const settings = (): StationSettings => ({
    mode: config.mode,
    backendUrl: config.mode === 'configured' ? config.backendUrl : null,
    hasToken: config.mode === 'configured' && config.token !== null,
    stationName: config.stationName,
    packerName: packerNameOf(config),
    restartRequired,
  });

  return {
    settings,

    identity: (): StationIdentity => ({
      stationName: config.stationName,
      packerName: packerNameOf(config),
    }),

    async update(changes: StationSettingsChanges): Promise<StationSettings> {
      const next: StationConfig = { ...config, sources: { ...config.sources } };

      if (changes.stationName !== undefined)
        next.stationName = parsePlainText(changes.stationName, {
          field: 'station name',
          code: 'invalid_name',
          maxLength: 64,
        });
      if (changes.packerName !== undefined)
        next.packerName = parsePlainText(changes.packerName, {
          field: 'packer name',
          code: 'invalid_name',
          maxLength: 128,
        });

      const backendChanged = changes.backendUrl !== undefined || changes.token !== undefined;
      if (changes.backendUrl !== undefined) {
        next.backendUrl = changes.backendUrl;
        next.mode = changes.backendUrl === null ? 'standalone' : 'configured';
      }
      if (changes.token !== undefined) {
        next.token = changes.token === '' ? null : changes.token;
      }
      if (next.mode === 'configured' && next.token === null) {
        throw new AppError(
          'missing_station_token',
          `The backend ${next.backendUrl ?? ''} needs a station token. Enter the token IT created for this station.`,
        );
      }

      if (changes.token === '') await options.tokenStore.clear();
      if (changes.token !== undefined && changes.token !== '') next.sources.token = 'flag';
      await saveStationConfig(next, options.tokenStore);
      if (changes.token !== undefined && changes.token !== '') next.sources.token = 'token-store';

      config = next;
      restartRequired = restartRequired || backendChanged;
      log.info(
        {
          mode: next.mode,
          backendUrl: next.backendUrl,
          stationName: next.stationName,
          backendChanged,
        },
        'station settings saved',
      );
      return settings();
    },
  };
}

function packerNameOf(config: StationConfig): string {
  if (config.packerName !== null) return config.packerName;

  try {
    return userInfo().username || 'packer';
  } catch {
    return 'packer';
  }
}
