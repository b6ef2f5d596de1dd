import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { fixtureDirectory } from './fixtures';

const repositoryRoot = join(import.meta.dirname, '../../..');

function runDecode(input: string, ...args: string[]) {
  return runDecodeWith({}, input, ...args);
}

function runDecodeWith(env: Record<string, string>, input: string, ...args: string[]) {
  const result = spawnSync('npx', ['tsx', 'src/main/scanner/cli.ts', 'decode', ...args], {
    cwd: repositoryRoot,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
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
    expect(stderr).toBe('decode: 35 lines read, 0 bad, 1 scan, 0 discarded\n');
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

    expect(status).toBe(1);
    expect(scans).toEqual([{ text: '12', symbology: null, gs1: null, terminator: 'cr' }]);
    expect(stderr).toContain('line 2: "not" is not a hex byte');
    expect(stderr).toContain('line 4: a keyboard report has 8 bytes');
    expect(stderr).toContain('decode: 7 lines read, 2 bad, 1 scan, 0 discarded');
  });

  it('keeps reading keyboard lines after a 10-byte first line', () => {
    const input = [
      '00 00 1e 00 00 00 00 00 00 00',
      '00 00 1e 00 00 00 00 00',
      '00 00 00 00 00 00 00 00',
      '00 00 28 00 00 00 00 00',
    ].join('\n');
    const { status, scans, stderr } = runDecode(input);

    expect(scans).toEqual([{ text: '1', symbology: null, gs1: null, terminator: 'cr' }]);
    expect(stderr).toContain('line 1: this 10-byte line is longer than a keyboard report');
    expect(stderr).toContain('decode: 4 lines read, 1 bad, 1 scan');
    expect(status).toBe(1);
  });

  it('reports each keyboard line read with --mode pos', () => {
    const { status, scans, stderr } = runDecode(
      fixture('keyboard-ean13-crlf.hex'),
      '--mode',
      'pos',
    );
    const reported = stderr.split('\n').filter((line) => line.startsWith('line '));

    expect(scans).toEqual([]);
    expect(reported).toHaveLength(33);
    expect(reported[0]).toBe(
      'line 3: a HID POS scanned-data report starts with report ID 0x02, this 8-byte line starts with 0x00; use --mode keyboard for a keyboard capture',
    );
    expect(stderr).toContain('decode: 35 lines read, 33 bad, 0 scans, 0 discarded');
    expect(status).toBe(1);
  });

  it('escapes control characters in a bad line', () => {
    const { stderr } = runDecode('00 \x1b]0;owned\x07\x1b[2J\x00 00\n');

    const controls = [...stderr].filter((character) => {
      const code = character.charCodeAt(0);

      return (code < 0x20 && character !== '\n') || code === 0x7f;
    });

    expect(controls).toEqual([]);
    expect(stderr).toContain('line 1: "\\x1b]0;owned\\x07\\x1b[2J\\x00" is not a hex byte');
  });

  it('cuts the echo of a long bad token', () => {
    const { stderr } = runDecode(`${'zz'.repeat(2000)}\n`);

    expect(stderr).toContain(`line 1: "${'zz'.repeat(20)}… (3960 more)" is not a hex byte`);
    expect(stderr.length).toBeLessThan(300);
  });

  it('reports a 1 MB line by number without echoing it', () => {
    const { stderr } = runDecode(`${'\x1b'.repeat(1_000_000)}\n00 00 00 00 00 00 00 00\n`);

    expect(stderr).toContain(
      'line 1: the line is 1000000 bytes long; a report line has at most 4096, so it was skipped',
    );
    expect(stderr).toContain('decode: 2 lines read, 1 bad');
    expect(stderr.length).toBeLessThan(300);
  });

  it('reads a 50 MiB line without a newline in a 96 MiB heap', () => {
    const { status, stderr } = runDecodeWith(
      { NODE_OPTIONS: '--max-old-space-size=96' },
      '0'.repeat(50 * 1024 * 1024),
    );

    expect(stderr).toContain('line 1: the line is 52428800 bytes long');
    expect(stderr).toContain('decode: 1 line read, 1 bad');
    expect(status).toBe(1);
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
