import { hostname } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { escapeText, findHiddenCharacter } from '../../shared/text/plain-text';
import { readConfigFile, writeConfigFile } from './config-file';
import type { ConfigFile } from './config-file';
import { configError } from './errors';
import { stationPaths } from './paths';
import type { StationPaths } from './paths';
import { createPlainFileTokenStore, createSafeStorageTokenStore } from './token-store';
import type { SafeStorageApi, TokenStore } from './token-store';

export type StationMode = 'standalone' | 'configured';

/** Where a setting came from, highest precedence first. */
export type ConfigSource = 'flag' | 'env' | 'file' | 'token-store' | 'default';

export interface StationConfig {
  mode: StationMode;
  /** The backend's base URL; null in standalone mode until the embedded server has started. */
  backendUrl: string | null;
  /** The station token; null in standalone mode until the embedded server has started. */
  token: string | null;
  stationName: string;
  packerName: string | null;
  /** Folder of the station database and, in standalone mode, of the embedded server. */
  dataDir: string;
  paths: StationPaths;
  sources: Record<'backendUrl' | 'token' | 'stationName' | 'packerName' | 'dataDir', ConfigSource>;
  /** Messages worth a warning in the log, without secrets. */
  warnings: string[];
  /** `--print-paths`: print where logs and data live, then exit. */
  printPaths: boolean;
  /** `--save-config`: write the resolved settings to the config file and the token store. */
  saveConfig: boolean;
}

export interface ResolveStationConfigOptions {
  /** Electron's `app.getPath('userData')`, or the browser host's equivalent. */
  userDataDir: string;
  /** Command-line arguments after the program (and script) path. Unknown ones are ignored. */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Electron's safeStorage. Without it (the browser host) the token is kept in a plain file
   * with mode 0600.
   */
  safeStorage?: SafeStorageApi;
  /** Default station name; the computer's host name when omitted. */
  hostname?: string;
}

export interface ResolvedStationConfig {
  config: StationConfig;
  tokenStore: TokenStore;
}

/** Environment variables read by `resolveStationConfig`. */
export const configEnvironment = {
  backendUrl: 'PACKING_BACKEND_URL',
  token: 'PACKING_STATION_TOKEN',
  stationName: 'PACKING_STATION_NAME',
  packerName: 'PACKING_PACKER_NAME',
  dataDir: 'PACKING_DATA_DIR',
} as const;

/**
 * Works out how the station runs. Each setting is taken from the first source that has it:
 * command-line flag, then environment variable, then the config file in the user-data
 * folder (the token: its token store), then the default. A backend URL from any source
 * means configured mode, which then needs a token; no backend URL, or `--standalone`, means
 * standalone mode with the server embedded.
 */
export async function resolveStationConfig(
  options: ResolveStationConfigOptions,
): Promise<ResolvedStationConfig> {
  const flags = parseFlags(options.argv);
  const env = options.env;
  const warnings: string[] = [];

  const userDataDir = path.resolve(options.userDataDir);
  const bootstrapPaths = stationPaths(userDataDir, userDataDir, tokenFileKind(options));
  const file = await readConfigFile(bootstrapPaths.configFile);
  const tokenStore =
    options.safeStorage === undefined
      ? createPlainFileTokenStore(bootstrapPaths.tokenFile)
      : createSafeStorageTokenStore(options.safeStorage, bootstrapPaths.tokenFile);

  const dataDir = pick(flags.dataDir, env[configEnvironment.dataDir], file.dataDir);
  const resolvedDataDir = dataDir === null ? userDataDir : path.resolve(dataDir.value);
  const paths = stationPaths(userDataDir, resolvedDataDir, tokenFileKind(options));

  const stationName = pick(flags.stationName, env[configEnvironment.stationName], file.stationName);
  const packerName = pick(flags.packerName, env[configEnvironment.packerName], file.packerName);
  const backendUrl = flags.standalone
    ? null
    : pick(flags.backendUrl, env[configEnvironment.backendUrl], file.backendUrl);

  let token = pick(flags.token, env[configEnvironment.token], undefined);
  if (token === null && backendUrl !== null && !flags.printPaths) {
    const stored = await tokenStore.read();
    token = stored === null ? null : { value: stored, source: 'token-store' };
  }

  if (token?.source === 'token-store' && tokenStore.kind === 'plain-file') {
    warnings.push(
      `The station token is read from ${tokenStore.file}, a plain text file (mode 0600), because the browser host has no OS key store; the desktop app keeps it encrypted.`,
    );
  }

  if (flags.token !== undefined) {
    warnings.push(
      'The station token was given with --station-token, so other users of this computer can see it in the process list; prefer PACKING_STATION_TOKEN or a saved token.',
    );
  }

  const config: StationConfig = {
    mode: backendUrl === null ? 'standalone' : 'configured',
    backendUrl: null,
    token: null,
    stationName: validStationName(stationName?.value ?? options.hostname ?? hostname()),
    packerName: packerName === null ? null : validPackerName(packerName.value),
    dataDir: resolvedDataDir,
    paths,
    sources: {
      backendUrl: backendUrl?.source ?? 'default',
      token: token?.source ?? 'default',
      stationName: stationName?.source ?? 'default',
      packerName: packerName?.source ?? 'default',
      dataDir: dataDir?.source ?? 'default',
    },
    warnings,
    printPaths: flags.printPaths,
    saveConfig: flags.saveConfig,
  };

  if (backendUrl !== null) {
    config.backendUrl = validBackendUrl(backendUrl.value, backendUrl.source, warnings);

    // `--print-paths` only prints where files are, so a missing token does not stop it.
    if (flags.printPaths) return { config, tokenStore };

    if (token === null) {
      throw configError(
        'missing_station_token',
        `The backend ${config.backendUrl} is configured but no station token is. Set PACKING_STATION_TOKEN (or pass --station-token), add --save-config to keep it, or start with --standalone.`,
        { backendUrl: config.backendUrl, backendUrlSource: backendUrl.source },
      );
    }

    config.token = validToken(token.value, token.source);
  }

  return { config, tokenStore };
}

/**
 * Writes the resolved backend URL, names and data folder to the config file and the token
 * to the token store, so the next start needs no flags or environment variables.
 */
export async function saveStationConfig(
  config: StationConfig,
  tokenStore: TokenStore,
): Promise<void> {
  const file: ConfigFile = { stationName: config.stationName };
  if (config.mode === 'configured' && config.backendUrl !== null)
    file.backendUrl = config.backendUrl;
  if (config.packerName !== null) file.packerName = config.packerName;
  if (config.dataDir !== config.paths.userDataDir) file.dataDir = config.dataDir;

  if (
    config.mode === 'configured' &&
    config.token !== null &&
    config.sources.token !== 'token-store'
  ) {
    await tokenStore.write(config.token);
  }

  await writeConfigFile(config.paths.configFile, file);
}

interface Flags {
  backendUrl?: string;
  token?: string;
  stationName?: string;
  packerName?: string;
  dataDir?: string;
  standalone: boolean;
  printPaths: boolean;
  saveConfig: boolean;
}

const flagOptions = {
  'backend-url': { type: 'string' },
  'station-token': { type: 'string' },
  'station-name': { type: 'string' },
  'packer-name': { type: 'string' },
  'data-dir': { type: 'string' },
  standalone: { type: 'boolean' },
  'print-paths': { type: 'boolean' },
  'save-config': { type: 'boolean' },
} as const;

/**
 * Reads the station's flags and ignores every other argument, because Chromium and
 * electron-vite add switches of their own to the command line.
 */
function parseFlags(argv: readonly string[]): Flags {
  const { values } = parseArgs({
    args: [...argv],
    options: flagOptions,
    strict: false,
    allowPositionals: true,
  });

  return {
    backendUrl: stringFlag(values, 'backend-url'),
    token: stringFlag(values, 'station-token'),
    stationName: stringFlag(values, 'station-name'),
    packerName: stringFlag(values, 'packer-name'),
    dataDir: stringFlag(values, 'data-dir'),
    standalone: values.standalone === true,
    printPaths: values['print-paths'] === true,
    saveConfig: values['save-config'] === true,
  };
}

function stringFlag(
  values: Record<string, string | boolean | (string | boolean)[] | undefined>,
  name: string,
): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;

  throw configError('invalid_flag', `--${name} needs a value, as in --${name}=VALUE.`, {
    flag: name,
  });
}

function pick(
  flag: string | undefined,
  env: string | undefined,
  file: string | undefined,
): { value: string; source: ConfigSource } | null {
  if (flag !== undefined) return { value: flag, source: 'flag' };
  if (env !== undefined && env !== '') return { value: env, source: 'env' };
  if (file !== undefined && file !== '') return { value: file, source: 'file' };
  return null;
}

function tokenFileKind(options: ResolveStationConfigOptions) {
  return options.safeStorage === undefined ? 'plain-file' : 'safe-storage';
}

function validBackendUrl(text: string, source: ConfigSource, warnings: string[]): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw configError(
      'invalid_backend_url',
      `The backend URL "${text}" (from ${describeSource(source)}) is not a URL. Use the form https://packing.example.com.`,
      { backendUrl: text, source },
    );
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configError(
      'invalid_backend_url',
      `The backend URL "${text}" (from ${describeSource(source)}) must start with http:// or https://.`,
      { backendUrl: text, source },
    );
  }

  if (url.username !== '' || url.password !== '') {
    throw configError(
      'invalid_backend_url',
      `The backend URL (from ${describeSource(source)}) contains a user name or password. Remove them and give the station token separately.`,
      { source },
    );
  }

  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    warnings.push(
      `The backend ${url.origin} is plain http, so the station token crosses the network unencrypted; use https.`,
    );
  }

  return url.href.replace(/\/+$/, '');
}

function validToken(token: string, source: ConfigSource): string {
  const trimmed = token.trim();
  if (trimmed === '' || /\s/.test(trimmed) || trimmed.length > 200) {
    throw configError(
      'invalid_station_token',
      `The station token from ${describeSource(source)} is empty, contains spaces or is longer than 200 characters. Copy it again from "token create".`,
      { source, length: trimmed.length },
    );
  }

  return trimmed;
}

/**
 * Trims the station name and rejects one that is empty, longer than 64 characters or
 * contains a control or invisible character, because it is sent in every outbox event.
 */
function validStationName(name: string): string {
  const trimmed = name.trim();
  const hidden = findHiddenCharacter(trimmed);

  if (hidden !== null) {
    throw configError(
      'invalid_station_name',
      `The station name "${escapeText(trimmed)}" contains the ${hidden.kind} ${hidden.label} at position ${hidden.position}. Set a name without it with --station-name or PACKING_STATION_NAME.`,
      { stationName: name, position: hidden.position },
    );
  }

  if (trimmed === '' || [...trimmed].length > 64) {
    throw configError(
      'invalid_station_name',
      `The station name "${escapeText(name)}" must be 1 to 64 printable characters. Set it with --station-name or PACKING_STATION_NAME.`,
      { stationName: name },
    );
  }

  return trimmed;
}

/** Trims the packer name; an empty one means the operating system user name. */
function validPackerName(name: string): string | null {
  const trimmed = name.trim();
  const hidden = findHiddenCharacter(trimmed);

  if (hidden !== null) {
    throw configError(
      'invalid_packer_name',
      `The packer name "${escapeText(trimmed)}" contains the ${hidden.kind} ${hidden.label} at position ${hidden.position}. Set a name without it with --packer-name or PACKING_PACKER_NAME.`,
      { packerName: name, position: hidden.position },
    );
  }

  if ([...trimmed].length > 128) {
    throw configError(
      'invalid_packer_name',
      `The packer name "${escapeText(trimmed)}" is longer than 128 characters. Set a shorter one with --packer-name or PACKING_PACKER_NAME.`,
      { packerName: name },
    );
  }

  return trimmed === '' ? null : trimmed;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

function describeSource(source: ConfigSource): string {
  switch (source) {
    case 'flag':
      return 'the command line';
    case 'env':
      return 'the environment';
    case 'file':
      return 'the config file';
    case 'token-store':
      return 'the saved token';
    case 'default':
      return 'the defaults';
    default: {
      const unexpected: never = source;
      throw new Error(`unknown config source ${String(unexpected)}`);
    }
  }
}
