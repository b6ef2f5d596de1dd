import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the Electron binary is, or why there is none. The npm package `electron` writes
 * path.txt only after its install script downloaded the binary, so a machine installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 has the package (and its types) but no binary.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  const fromEnv = process.env.PACKING_ELECTRON_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    return existsSync(fromEnv)
      ? { path: fromEnv }
      : { missing: `PACKING_ELECTRON_PATH points at ${fromEnv}, which does not exist` };
  }

  const packageDir = path.resolve('node_modules/electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        'the Electron binary is not installed (node_modules/electron/path.txt is missing; ' +
        'installs made with ELECTRON_SKIP_BINARY_DOWNLOAD=1 have none)',
    };
  }

  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}
