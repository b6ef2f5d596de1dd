import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { fixtureDirectory } from './fixtures';

const repositoryRoot = join(import.meta.dirname, '../../..');

function runDecode(input: string, ...args: string[]) {
  const result = spawnSync('npx', ['tsx', 'src/main/scanner/cli.ts', 'decode', ...args], {
    cwd: repositoryRoot,
    input,
    encoding: 'utf8',
  });
  const scans = result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);

  return { status: result.status, scans, stderr: result.stderr };
}

function fixture(name: string): string {
  return readFileSync(join(fixtureDirectory, name), 'utf8');
}

describe('scanner decode command', () => {
  it('prints one JSON object for a CR LF keyboard capture', () => {
    const { status, scans, stderr } = runDecode(
      fixture('keyboard-ean13-crlf.hex'),
      '--layout',
      'us',
    );

    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(scans).toEqual([
      { text: '6957842208856', symbology: null, gs1: null, terminator: 'crlf' },
    ]);
  });

  it('detects HID POS reports and parses GS1 fields', () => {
    const { status, scans } = runDecode(fixture('pos-gs1-datamatrix.hex'));

    expect(status).toBe(0);
    expect(scans).toEqual([
      {
        text: '01095060001343521727053110B2024-117\x1d21ABCD1234EFGH5678JKLM',
        symbology: ']d2',
        gs1: {
          '01': '09506000134352',
          '17': '270531',
          '10': 'B2024-117',
          '21': 'ABCD1234EFGH5678JKLM',
        },
        terminator: 'cr',
      },
    ]);
  });

  it('reports bad lines by number and keeps decoding', () => {
    const input = [
      '00 00 1e 00 00 00 00 00',
      'not hex',
      '00 00 00 00 00 00 00 00',
      '00 00 1f',
      '00 00 1f 00 00 00 00 00',
      '00 00 00 00 00 00 00 00',
      '00 00 28 00 00 00 00 00',
    ].join('\n');
    const { status, scans, stderr } = runDecode(input, '--layout', 'us', '--mode', 'keyboard');

    expect(status).toBe(0);
    expect(scans).toEqual([{ text: '12', symbology: null, gs1: null, terminator: 'cr' }]);
    expect(stderr).toContain('line 2: "not" is not a hex byte');
    expect(stderr).toContain('line 4: a keyboard report has 8 bytes');
  });

  it('decodes with the layout given', () => {
    const { scans } = runDecode(fixture('keyboard-de-altgr.hex'), '--layout', 'de');

    expect(scans).toEqual([{ text: 'zy@{€]ß=', symbology: null, gs1: null, terminator: 'cr' }]);
  });

  it('parses GS1 from a keyboard scan with GS', () => {
    const { scans } = runDecode(fixture('keyboard-gs-ctrl-chord.hex'), '--layout', 'us');

    expect(scans).toEqual([
      { text: '10AB\x1d21X9', symbology: null, gs1: { '10': 'AB', '21': 'X9' }, terminator: 'cr' },
    ]);
  });

  it('rejects an unknown layout', () => {
    const { status, stderr } = runDecode('', '--layout', 'xx');

    expect(status).toBe(2);
    expect(stderr).toContain('Keyboard layout "xx" is not supported');
  });
});
