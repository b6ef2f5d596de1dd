import path from 'node:path';

/**
 * Where the station keeps its files. Everything lives under one user-data folder (Electron's
 * `app.getPath('userData')`) unless `--data-dir` or PACKING_DATA_DIR moves the data; the
 * configuration and the logs always stay in the user-data folder, so IT finds them in one
 * known place.
 */
export interface StationPaths {
  userDataDir: string;
  configFile: string;
  /** The station token: encrypted with safeStorage in Electron, a 0600 file elsewhere. */
  tokenFile: string;
  logDir: string;
  dataDir: string;
  /** The station's SQLite database (with its -wal and -shm files next to it). */
  stationDatabase: string;
  /** The embedded server's PGlite folder, used in standalone mode only. */
  embeddedServerDir: string;
}

export type TokenFileKind = 'safe-storage' | 'plain-file';

export function stationPaths(
  userDataDir: string,
  dataDir: string = userDataDir,
  tokenFileKind: TokenFileKind = 'safe-storage',
): StationPaths {
  return {
    userDataDir,
    configFile: path.join(userDataDir, 'station-config.json'),
    tokenFile: path.join(
      userDataDir,
      tokenFileKind === 'safe-storage' ? 'station-token.enc' : 'station-token.txt',
    ),
    logDir: path.join(userDataDir, 'logs'),
    dataDir,
    stationDatabase: path.join(dataDir, 'station.sqlite'),
    embeddedServerDir: path.join(dataDir, 'embedded-server'),
  };
}

/** The text `--print-paths` writes and the "Logs and data folders" menu item shows. */
export function describePaths(paths: StationPaths): string {
  return [
    `User data folder:      ${paths.userDataDir}`,
    `Configuration file:    ${paths.configFile}`,
    `Station token file:    ${paths.tokenFile}`,
    `Logs:                  ${paths.logDir}`,
    `Station database:      ${paths.stationDatabase} (with -wal and -shm files)`,
    `Embedded server data:  ${paths.embeddedServerDir} (standalone mode only)`,
  ].join('\n');
}
