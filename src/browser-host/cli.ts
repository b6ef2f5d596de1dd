import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { createLogger } from '../main/logger';
import { createStationServices } from '../main/services';
import { startBrowserHost } from './host';

// `npm run station:web`: runs the station's main-process services in plain Node and serves
// the built renderer on 127.0.0.1, for machines where Electron is not installed.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    renderer: { type: 'string', default: path.resolve(import.meta.dirname, '../../out/renderer') },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(
    `--port must be a whole number from 0 to 65535 (0 picks a free port); got "${values.port}".\n`,
  );
  process.exit(2);
}

const rendererDir = path.resolve(values.renderer);
if (!existsSync(path.join(rendererDir, 'index.html'))) {
  process.stderr.write(`No built renderer in ${rendererDir}. Run "npm run build" first.\n`);
  process.exit(2);
}

const logger = createLogger();
const services = await createStationServices({ logger, shell: 'browser-host' });
const host = await startBrowserHost({ services, rendererDir, logger, port });

process.stdout.write(`\nPacking Station is running in the browser host.\nOpen ${host.url}\n\n`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;

  logger.info({ signal }, 'stopping the browser host');
  await host.close();
  await services.close();
  process.exit(0);
}

process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
