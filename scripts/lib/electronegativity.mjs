// Runs Electronegativity (Doyensec's static checker for Electron apps) over the source and
// fails on every finding above INFORMATIONAL that .electronegativity.json does not justify.
// The tool itself exits 0 whatever it finds, so its CSV output is read here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';

import { log, root } from './setup.mjs';

const severityRank = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/**
 * Returns `{findings, justified, unjustified, stale}`; throws when the tool cannot run.
 * `stale` lists justifications that no longer match a finding (worth deleting).
 */
export function runElectronegativity() {
  const config = JSON.parse(readFileSync(path.join(root, '.electronegativity.json'), 'utf8'));
  const outputDir = path.join(root, 'out', 'security');
  const outputFile = path.join(outputDir, 'electronegativity.csv');
  mkdirSync(outputDir, { recursive: true });
  rmSync(outputFile, { force: true });

  // -e: the tool would look the Electron version up online, which fails offline.
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'electronegativity'),
    [
      '-i',
      path.join(root, config.input),
      '-e',
      config.electronVersion,
      '-r',
      '-v',
      'false',
      '-o',
      outputFile,
    ],
    { cwd: root, encoding: 'utf8', timeout: 300_000 },
  );

  if (result.error !== undefined || !existsSync(outputFile)) {
    const reason = result.error?.message ?? (result.stderr || result.stdout || 'no output').trim();
    throw new Error(`Electronegativity did not produce ${outputFile}: ${reason}`);
  }

  const rows = parse(readFileSync(outputFile, 'utf8'), {
    columns: (header) => header.map((name) => name.trim()),
    skip_empty_lines: true,
    trim: true,
  });
  const findings = rows.map((row) => ({
    check: row.issue,
    severity: row.severity,
    confidence: row.confidence,
    file: row.filename,
    location: row.location,
    sample: row.sample,
    description: row.description,
  }));

  const used = new Set();
  const unjustified = [];
  const justified = [];

  for (const finding of findings) {
    const rank = severityRank[finding.severity];
    if (rank === undefined) {
      throw new Error(`Electronegativity reported an unknown severity "${finding.severity}".`);
    }
    if (rank === 0) continue;

    const entry = config.justified.findIndex((candidate) => matches(candidate, finding));
    if (entry === -1) {
      unjustified.push(finding);
    } else {
      used.add(entry);
      justified.push({ finding, reason: config.justified[entry].reason });
    }
  }

  const stale = config.justified.filter((_entry, index) => !used.has(index));
  return { findings, justified, unjustified, stale, outputFile };
}

/** Runs the check for `npm test`: prints a summary and throws on unjustified findings. */
export function checkElectronegativity() {
  log('Electronegativity: checking the Electron configuration in src/ ...');
  const outcome = runElectronegativity();

  log(
    `Electronegativity: ${outcome.findings.length} findings, ${outcome.justified.length} justified in .electronegativity.json, ${outcome.unjustified.length} not (${path.relative(root, outcome.outputFile)}).`,
  );
  for (const entry of outcome.stale) {
    log(`Electronegativity: justification no longer needed: ${entry.check} in ${entry.file}`);
  }

  if (outcome.unjustified.length > 0) {
    const lines = outcome.unjustified.map(
      (finding) =>
        `  ${finding.severity} ${finding.check} at ${finding.file}:${finding.location}: ${finding.description}`,
    );
    throw new Error(
      `Electronegativity found ${outcome.unjustified.length} problem(s) above INFORMATIONAL:\n${lines.join('\n')}\nFix them, or add each to .electronegativity.json with the reason it is safe.`,
    );
  }
}

function matches(entry, finding) {
  if (entry.check !== finding.check || entry.file !== finding.file) return false;
  return entry.sample === undefined || finding.sample.startsWith(entry.sample);
}
