// Native modules for two runtimes in one node_modules. better-sqlite3 is compiled against
// one V8 ABI: the Node build serves `npm test` and the browser host, an Electron build
// serves the desktop app. Both builds are kept in node_modules/.packing-station-native/;
// `npm start` puts the Electron build in place while Electron runs and the Node build back
// afterwards, and `npm test` puts the Node build back if a run was cut short. node-hid uses
// Node-API, which is ABI-stable, so one build serves both.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { log, root } from './setup.mjs';

const binary = path.join(
  root,
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
);
const cacheDir = path.join(root, 'node_modules', '.packing-station-native');
const nodeCopy = path.join(cacheDir, `node-${process.versions.modules}`, 'better_sqlite3.node');

/** True when better-sqlite3 loads in this Node and opens a database. */
export function sqliteLoadsInNode() {
  const result = spawnSync(
    process.execPath,
    ['-e', "const D = require('better-sqlite3'); new D(':memory:').close();"],
    { cwd: root, encoding: 'utf8' },
  );
  return result.status === 0;
}

/**
 * Makes sure the Node build of better-sqlite3 is in place, restoring the kept copy or, as a
 * last resort, running `npm rebuild better-sqlite3`. Throws when neither works.
 */
export function ensureNodeNativeModules() {
  if (sqliteLoadsInNode()) {
    keepCopy(binary, nodeCopy);
    return;
  }

  log(
    'better-sqlite3 is built for Electron (an `npm start` was cut short); restoring the Node build.',
  );
  if (existsSync(nodeCopy)) copyFileSync(nodeCopy, binary);
  if (sqliteLoadsInNode()) return;

  log('No Node build kept; running `npm rebuild better-sqlite3`...');
  const rebuilt = spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
  if (rebuilt.status !== 0 || !sqliteLoadsInNode()) {
    throw new Error(
      'better-sqlite3 does not load in Node and could not be rebuilt. Run `npm rebuild better-sqlite3` and read its output.',
    );
  }
  keepCopy(binary, nodeCopy);
}

/**
 * Puts the Electron build of better-sqlite3 in place, building it with @electron/rebuild the
 * first time (which downloads a prebuilt binary or Electron's headers, so it needs internet
 * access). Returns a function that puts the Node build back. Throws when the build fails,
 * after putting the Node build back.
 */
export function useElectronNativeModules() {
  ensureNodeNativeModules();

  const electronVersion = JSON.parse(
    readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  const electronCopy = path.join(cacheDir, `electron-${electronVersion}`, 'better_sqlite3.node');

  if (!existsSync(electronCopy)) {
    log(`Building better-sqlite3 for Electron ${electronVersion} (once; kept for later starts)...`);
    const result = spawnSync(
      path.join(root, 'node_modules', '.bin', 'electron-rebuild'),
      ['--version', electronVersion, '--only', 'better-sqlite3', '--force', '--module-dir', root],
      { cwd: root, stdio: 'inherit' },
    );
    const built = result.status === 0 && !sqliteLoadsInNode();
    if (built) keepCopy(binary, electronCopy);

    copyFileSync(nodeCopy, binary);
    if (!built) {
      throw new Error(
        `@electron/rebuild could not build better-sqlite3 for Electron ${electronVersion} (exit status ${result.status}). It needs internet access to fetch a prebuilt binary or Electron's headers.`,
      );
    }
  }

  copyFileSync(electronCopy, binary);
  return () => copyFileSync(nodeCopy, binary);
}

function keepCopy(from, to) {
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(from, to);
}
