/**
 * The station's configuration: standalone or configured mode, and where files live.
 *
 * - `resolveStationConfig({userDataDir, argv, env, safeStorage?})` returns `{config,
 *   tokenStore}`. `config.mode` is `configured` when a backend URL is set (flag, then
 *   environment, then `station-config.json` in the user-data folder) and a station token
 *   with it; otherwise `standalone`, and the caller starts the embedded server and calls
 *   `withEmbeddedServer`. It throws an AppError (codes in ./errors) for bad input.
 * - `saveStationConfig(config, tokenStore)` keeps the settings for the next start.
 * - The token is encrypted with Electron's safeStorage when `safeStorage` is given, and
 *   kept in a 0600 plain file otherwise (browser host). It is never logged: log
 *   `describeConfig(config)` instead of the config itself.
 */
import type { StationConfig } from './resolve';

export { resolveStationConfig, saveStationConfig, configEnvironment } from './resolve';
export type {
  ConfigSource,
  ResolvedStationConfig,
  ResolveStationConfigOptions,
  StationConfig,
  StationMode,
} from './resolve';
export { describePaths, stationPaths } from './paths';
export type { StationPaths } from './paths';
export { createPlainFileTokenStore, createSafeStorageTokenStore } from './token-store';
export type { SafeStorageApi, TokenStore } from './token-store';
export type { ConfigErrorCode } from './errors';

/** A standalone config completed with the embedded server's address and station token. */
export function withEmbeddedServer(
  config: StationConfig,
  server: { url: string; stationToken: string },
): StationConfig {
  return { ...config, backendUrl: server.url, token: server.stationToken };
}

/** The config as a log record: every field but the token, which is only reported as set or not. */
export function describeConfig(config: StationConfig): Record<string, unknown> {
  return {
    mode: config.mode,
    backendUrl: config.backendUrl,
    tokenSet: config.token !== null,
    stationName: config.stationName,
    packerName: config.packerName,
    dataDir: config.dataDir,
    // `tokenSource`, because the logger redacts every field named `token`.
    tokenSource: config.sources.token,
    sources: {
      backendUrl: config.sources.backendUrl,
      stationName: config.sources.stationName,
      packerName: config.sources.packerName,
      dataDir: config.sources.dataDir,
    },
  };
}
