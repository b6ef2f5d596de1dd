import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const rendererDir = path.resolve('out/renderer');

/**
 * Global set-up of the e2e project: builds the app with electron-vite when out/renderer is
 * missing or older than any file under src/, so the browser tests always see current code.
 */
export default function setup(): void {
  const index = path.join(rendererDir, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > newestSource('src')) return;

  execFileSync(path.resolve('node_modules/.bin/electron-vite'), ['build'], { stdio: 'inherit' });
}

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    const time = entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs;
    newest = Math.max(newest, time);
  }

  return newest;
}
