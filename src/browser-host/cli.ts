import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { isAppError } from '../shared/errors';
import { resolveStationConfig, saveStationConfig } from '../main/config';
import { embeddedEntrySource, nodeLauncher } from '../main/embedded';
import { createLogger } from '../main/logger';
import { createNodeHidBackend } from '../main/scanner/node-hid-backend';
import { createStationServices } from '../main/services';
import { startBrowserHost } from './host';

// `npm run station:web`: runs the station's main-process services in plain Node and serves
// the built renderer on 127.0.0.1, for machines where Electron is not installed. The
// station settings flags (--backend-url, --station-name, --packer-name, --data-dir,
// --standalone, --save-config) are read by the station configuration. --data sets the
// user-data folder, --no-hid leaves HID scanners unread, and PACKING_ADMIN_TOKEN opens the
// admin screens against a configured backend (standalone mode needs none).
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    renderer: { type: 'string', default: path.resolve(import.meta.dirname, '../../out/renderer') },
    data: { type: 'string', default: defaultDataFolder() },
    'no-hid': { type: 'boolean', default: false },
  },
  strict: false,
  allowPositionals: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(
    `--port must be a whole number from 0 to 65535 (0 picks a free port); got "${String(values.port)}".\n`,
  );
  process.exit(2);
}

const rendererDir = path.resolve(String(values.renderer));
if (!existsSync(path.join(rendererDir, 'index.html'))) {
  process.stderr.write(`No built renderer in ${rendererDir}. Run "npm run build" first.\n`);
  process.exit(2);
}

const logger = createLogger();
const userDataDir = path.resolve(String(values.data));

try {
  const { config, tokenStore } = await resolveStationConfig({
    userDataDir,
    argv: process.argv.slice(2),
    env: process.env,
  });
  for (const warning of config.warnings) logger.warn({}, warning);
  if (config.saveConfig) await saveStationConfig(config, tokenStore);

  const services = await createStationServices({
    logger,
    shell: 'browser-host',
    config,
    tokenStore,
    launcher: nodeLauncher(embeddedEntrySource(), { execArgv: ['--import', 'tsx'] }),
    adminToken: process.env.PACKING_ADMIN_TOKEN ?? null,
    hid: values['no-hid'] === true ? null : createNodeHidBackend(),
  });
  const host = await startBrowserHost({ services, rendererDir, logger, port });

  process.stdout.write(
    `\nPacking Station is running in the browser host (${config.mode} mode, data in ${config.dataDir}).\nOpen ${host.url}\n\n`,
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;

    logger.info({ signal }, 'stopping the browser host');
    await host.close();
    await services.close();
    process.exit(0);
  };

  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (!isAppError(error)) throw error;

  logger.error({ code: error.code }, error.message);
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

/** `$XDG_DATA_HOME/packing-station-web`, by default `~/.local/share/packing-station-web`. */
function defaultDataFolder(): string {
  const base = process.env.XDG_DATA_HOME ?? path.join(homedir(), '.local', 'share');
  return path.join(base, 'packing-station-web');
}
