import type * as Electron from 'electron';

import { describeConfig, describePaths, resolveStationConfig, saveStationConfig } from '../config';
import type { StationConfig, TokenStore } from '../config';
import type { Logger } from '../logger';
import { createFileLogger } from '../logging';
import type { FileLogger } from '../logging';

export interface StartupInput {
  app: Pick<Electron.App, 'getPath' | 'isPackaged'>;
  safeStorage?: Electron.SafeStorage;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** A logger to use instead of the log files (tests). */
  logger?: Logger;
  /** Writes `--print-paths` output. */
  print(text: string): void;
}

export type Startup =
  | { kind: 'printed' }
  | {
      kind: 'ready';
      config: StationConfig;
      tokenStore: TokenStore;
      logger: Logger;
      fileLogger: FileLogger | null;
    };

/**
 * Everything before the services: the configuration, the log files, `--print-paths` and
 * `--save-config`. Throws an AppError with a message for the person at the screen when
 * the configuration is invalid.
 */
export async function prepareStation(input: StartupInput): Promise<Startup> {
  const { config, tokenStore } = await resolveStationConfig({
    userDataDir: input.app.getPath('userData'),
    argv: input.argv,
    env: input.env,
    safeStorage: input.safeStorage,
  });

  if (config.printPaths) {
    input.print(`${describePaths(config.paths)}\n`);
    return { kind: 'printed' };
  }

  const fileLogger =
    input.logger === undefined
      ? await createFileLogger({ logDir: config.paths.logDir, stdout: !input.app.isPackaged })
      : null;
  const logger = input.logger ?? fileLogger!.logger;
  const log = logger.child({ component: 'startup' });

  for (const warning of config.warnings) log.warn(warning);
  log.info(describeConfig(config), 'station configuration');

  if (config.saveConfig) {
    await saveStationConfig(config, tokenStore);
    log.info({ file: config.paths.configFile, tokenStore: tokenStore.kind }, 'configuration saved');
  }

  return { kind: 'ready', config, tokenStore, logger, fileLogger };
}
