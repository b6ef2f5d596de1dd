import { cpSync } from 'node:fs';
import { resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Copies the SQL migrations next to the bundles that read them at start-up: the station
 * store's next to out/main/index.js, the server's next to out/main/server/embedded.js.
 */
function copyMigrations() {
  return {
    name: 'copy-migrations',
    closeBundle() {
      cpSync(resolve(import.meta.dirname, 'src/main/store/migrations'), 'out/main/migrations', {
        recursive: true,
      });
      cpSync(
        resolve(import.meta.dirname, 'src/server/db/migrations'),
        'out/main/server/migrations',
        { recursive: true },
      );
    },
  };
}

// Three bundles: main (Node, ESM), preload (CommonJS, because a sandboxed preload cannot
// load ES modules) and the renderer (the React page). Main has a second entry: the server
// that a standalone station runs embedded in a utility process.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'server/embedded': resolve(import.meta.dirname, 'src/server/embedded-entry.ts'),
        },
        external: ['better-sqlite3', 'node-hid', 'electron'],
      },
    },
    plugins: [copyMigrations()],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only `electron`, so everything else is bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
