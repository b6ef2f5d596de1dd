import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseHexReport } from '../../../src/main/scanner/hex-report';
import type { AssemblyOutput } from '../../../src/main/scanner/scan-assembler';

export const fixtureDirectory = join(import.meta.dirname, '../../fixtures/hid');

/** Reads a recorded report sequence, one hex report per line. */
export function loadReports(name: string): Uint8Array[] {
  return readFileSync(join(fixtureDirectory, name), 'utf8')
    .split('\n')
    .map(parseHexReport)
    .filter((report): report is Uint8Array => report !== null);
}

/** Writes a boot keyboard report from its modifier byte and key usages. */
export function bootReport(modifiers: number, ...usages: number[]): Uint8Array {
  const report = new Uint8Array(8);
  report[0] = modifiers;
  report.set(usages, 2);

  return report;
}

/** Returns the output as a discarded scan, failing the test when it is anything else. */
export function discarded(output: AssemblyOutput | undefined) {
  if (output?.kind !== 'discarded') {
    throw new Error(`expected a discarded scan, got ${JSON.stringify(output)}`);
  }

  return output;
}
