import { userInfo } from 'node:os';

import { AppError } from '../../shared/errors';
import type { StationSettings } from '../../shared/ipc/channels/station';
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
 * apply to the next packed unit. A new backend URL or token is saved for the next start,
 * because the sync engine and the station database's client id belong to one backend, and
 * the returned settings then have `restartRequired` set.
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
        next.stationName = printable('station name', changes.stationName, 64);
      if (changes.packerName !== undefined)
        next.packerName = printable('packer name', changes.packerName, 128);

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

function printable(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > max || /\p{Cc}/u.test(trimmed)) {
    throw new AppError(
      'invalid_setting',
      `The ${field} "${value}" must be 1 to ${max} printable characters.`,
      { field },
    );
  }

  return trimmed;
}
