// `npm run setup [-- --electron]`: installs the npm packages and tries to fetch the Electron
// binary. `--electron` retries the Electron download after an earlier failure.
import { ensureSetup } from './lib/setup.mjs';

ensureSetup({ forceElectron: process.argv.includes('--electron') });
