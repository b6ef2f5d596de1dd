// Set-up shared by `npm start`, `npm test` and `npm run setup`: installs the npm packages
// when they are missing or older than package-lock.json, and tries once to fetch the
// Electron binary. A failed Electron download never fails set-up: the station then runs in
// the browser host, and the reason is printed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');
const stateFile = path.join(root, 'node_modules', '.packing-station-setup.json');

export function log(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

/** Runs a command with inherited output; throws with the command line when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    throw new Error(`"${command} ${args.join(' ')}" failed with exit status ${result.status}`);
  }
}

function packagesCurrent() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return false;

  return statSync(installed).mtimeMs >= statSync(path.join(root, 'package-lock.json')).mtimeMs;
}

function readState() {
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    return {};
  }
}

/** Path of the Electron binary, or null when the npm package has none. */
export function electronBinary() {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;

  const binary = path.join(
    root,
    'node_modules',
    'electron',
    'dist',
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(binary) ? binary : null;
}

function tryElectronDownload() {
  log('Fetching the Electron binary (needed for the desktop window only)...');
  const result = spawnSync(process.execPath, ['node_modules/electron/install.js'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });

  if (result.status === 0 && electronBinary() !== null) {
    log('Electron binary installed.');
    return { ok: true };
  }

  const reason = (result.stderr || result.error?.message || 'no output').trim().split('\n')[0];
  log(`Could not fetch the Electron binary: ${reason}`);
  log('Set-up goes on without it: `npm start` will open the station in the browser host.');
  log('To get the desktop window, set ELECTRON_MIRROR to a reachable Electron mirror and run');
  log('`npm run setup -- --electron`, or install a packaged release (see docs/it.md).');
  return { ok: false, reason };
}

/**
 * Makes node_modules current. With `electron`, also tries to fetch the Electron binary,
 * once per install; `forceElectron` retries after an earlier failure.
 */
export function ensureSetup({ electron = true, forceElectron = false } = {}) {
  if (!packagesCurrent()) {
    log('Installing npm packages (npm ci, without the Electron binary)...');
    run('npm', ['ci', '--no-audit', '--no-fund'], {
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    writeFileSync(stateFile, JSON.stringify({}));
  }

  if (!electron) return;

  const state = readState();
  const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1' && !forceElectron;
  if (electronBinary() === null && !skip && (forceElectron || state.electronAttempted !== true)) {
    const outcome = tryElectronDownload();
    writeFileSync(
      stateFile,
      JSON.stringify({ ...state, electronAttempted: true, electron: outcome }),
    );
  }
}
