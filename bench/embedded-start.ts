// Time from launch to "listening" of the server embedded in a standalone station, and of its
// orderly stop: the wait a packer sees at start-up and quit. Runs the built entry
// (out/main/server/embedded.js, `npm run build` first) with child_process.fork, as the
// browser host would; in the desktop app Electron's utilityProcess starts the same file.
//
//   npm run bench -- embedded-start [--runs N]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { embeddedEntryBuilt, nodeLauncher, startEmbeddedServer } from '../src/main/embedded';
import { createLogger } from '../src/main/logger';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number of at least 1, not "${values.runs}".`);
  process.exit(2);
}

const entry = embeddedEntryBuilt(path.resolve('out'));
if (!existsSync(entry)) {
  console.error(`No built embedded server at ${entry}. Run "npm run build" first.`);
  process.exit(2);
}

const launcher = nodeLauncher(entry);
const logger = createLogger({ level: 'silent' });
const firstStarts: number[] = [];
const laterStarts: number[] = [];
const stops: number[] = [];

for (let run = 1; run <= runs; run += 1) {
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-embedded-'));
  const dataDir = path.join(folder, 'embedded-server');

  try {
    for (const times of [firstStarts, laterStarts]) {
      const started = performance.now();
      const server = await startEmbeddedServer({ dataDir, logger, launcher });
      times.push(performance.now() - started);

      const stopping = performance.now();
      await server.stop();
      stops.push(performance.now() - stopping);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  console.log(
    `run ${run} of ${runs}: first start ${format(firstStarts.at(-1)!)}, later start ${format(laterStarts.at(-1)!)}`,
  );
}

console.log(
  `embedded server, median of ${runs}: first start (migrations and demo data) ${format(median(firstStarts))}, later start ${format(median(laterStarts))}, stop ${format(median(stops))}`,
);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
