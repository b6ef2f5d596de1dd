// `npm test`: everything, on a fresh machine too. Sets up npm packages, checks (and as root
// on Debian, installs) the system packages the tests need, puts the Node build of
// better-sqlite3 back if an `npm start` left the Electron one, builds the app, runs
// Electronegativity over src/, then runs the unit, integration and end-to-end tests.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { ensureNodeNativeModules } from './lib/native-modules.mjs';
import { ensureSetup, log, root, run } from './lib/setup.mjs';

/** Debian packages the tests use, and a file each one installs. */
const systemPackages = [
  { name: 'chromium', file: '/usr/bin/chromium', why: 'end-to-end tests in a real browser' },
  { name: 'libusb-1.0-0', file: '/usr/lib/x86_64-linux-gnu/libusb-1.0.so.0', why: 'node-hid' },
  {
    name: 'postgresql',
    file: '/usr/lib/postgresql/15/bin/initdb',
    why: 'server tests on PostgreSQL 15',
  },
];

function ensureSystemPackages() {
  const missing = systemPackages.filter(
    (pkg) => !existsSync(pkg.file) && !hasDpkgPackage(pkg.name),
  );
  if (missing.length === 0) return;

  const names = missing.map((pkg) => pkg.name);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    const list = missing.map((pkg) => `${pkg.name} (${pkg.why})`).join(', ');
    throw new Error(
      `Missing system packages: ${list}. Install them: sudo apt-get install -y ${names.join(' ')}`,
    );
  }

  log(`Installing Debian packages: ${names.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...names], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function hasDpkgPackage(name) {
  try {
    const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return status.includes('install ok installed');
  } catch {
    return false;
  }
}

try {
  ensureSetup({ electron: false });
  ensureSystemPackages();
  ensureNodeNativeModules();

  run(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build', '--logLevel', 'warn']);
  // Imported only now: on a fresh clone the npm package exists only after ensureSetup().
  const { checkElectronegativity } = await import('./lib/electronegativity.mjs');
  await checkElectronegativity();
  run(path.join(root, 'node_modules', '.bin', 'vitest'), ['run', ...process.argv.slice(2)]);
} catch (error) {
  process.stderr.write(`\nnpm test: ${error.message}\n`);
  process.exit(1);
}
