import { describe, expect, it } from 'vitest';

import { KeyboardScanAssembler } from '../../../src/main/scanner/keyboard-scan-assembler';
import { replayReports } from '../../../src/main/scanner/report-replay';
import type { AssemblyOutput } from '../../../src/main/scanner/scan-assembler';
import { getLayout } from '../../../src/shared/scanner/layouts';
import { bootReport, discarded, loadReports } from './fixtures';

function replay(name: string, layout = 'us'): AssemblyOutput[] {
  return replayReports(loadReports(name), { layout, mode: 'keyboard' });
}

function texts(outputs: AssemblyOutput[]): string[] {
  return outputs.map((output) =>
    output.kind === 'barcode' ? output.barcode.text : `!${output.error.code}`,
  );
}

describe('boot keyboard decoding', () => {
  it('decodes an EAN-13 capture with a CR LF suffix as one scan', () => {
    const outputs = replay('keyboard-ean13-crlf.hex');

    expect(outputs).toEqual([
      { kind: 'barcode', barcode: { text: '6957842208856', symbology: null, terminator: 'crlf' } },
    ]);
  });

  it('gives the same scan whatever the report chunking', () => {
    const reports = loadReports('keyboard-ean13-crlf.hex');

    for (const chunkSize of [1, 2, 5, 33]) {
      const assembler = new KeyboardScanAssembler(getLayout('us'));
      const outputs: AssemblyOutput[] = [];

      for (let start = 0; start < reports.length; start += chunkSize) {
        for (const report of reports.slice(start, start + chunkSize)) {
          outputs.push(...assembler.push(report, start));
        }
      }

      outputs.push(...assembler.end('end-of-input'));
      expect(texts(outputs)).toEqual(['6957842208856']);
    }
  });

  it('decodes a shifted symbol sent in four reports', () => {
    expect(texts(replay('keyboard-shifted-asterisk.hex'))).toEqual(['4*9']);
  });

  it('keeps case per character when shift lingers', () => {
    expect(texts(replay('keyboard-mixed-case-shift.hex'))).toEqual(['KmPvqXBNc_']);
  });

  it('reads both shift bits and reports Ctrl+A as 0x01', () => {
    expect(texts(replay('keyboard-modifier-masks.hex'))).toEqual(['A!@\x01']);
  });

  it('handles doubles, repeats, rollover and ErrorRollOver', () => {
    expect(texts(replay('keyboard-repeats-rollover.hex'))).toEqual(['00', '0', 'ab', '12']);
  });

  it('keeps every doubled digit', () => {
    expect(texts(replay('keyboard-doubled-digits.hex'))).toEqual(['02422288']);
  });

  it('emits two new keys of one report in slot order', () => {
    const outputs = replayReports(
      [bootReport(0, 0x1e, 0x1f), bootReport(0), bootReport(0, 0x28), bootReport(0)],
      { layout: 'us' },
    );

    expect(texts(outputs)).toEqual(['12']);
  });

  it('decodes punctuation needed by PDF417 data', () => {
    expect(texts(replay('keyboard-punctuation.hex'))).toEqual(['V=1,EID=12345']);
  });

  it('decodes keypad digits ended by keypad Enter', () => {
    const outputs = replay('keyboard-keypad.hex');

    expect(outputs).toEqual([
      { kind: 'barcode', barcode: { text: '4071-3.5', symbology: null, terminator: 'cr' } },
    ]);
  });

  it('ends a scan at Tab', () => {
    const outputs = replay('keyboard-tab-suffix.hex');

    expect(outputs).toEqual([
      { kind: 'barcode', barcode: { text: 'SN7', symbology: null, terminator: 'tab' } },
    ]);
  });

  it('decodes Ctrl+] as GS, not a bracket', () => {
    expect(texts(replay('keyboard-gs-ctrl-chord.hex'))).toEqual(['10AB\x1d21X9']);
  });

  it('assembles an Alt code into GS', () => {
    expect(texts(replay('keyboard-gs-alt-code.hex'))).toEqual(['10AB\x1d21X9']);
  });

  it('decodes AltGr characters with the German layout', () => {
    expect(texts(replay('keyboard-de-altgr.hex', 'de'))).toEqual(['zy@{€]ß=']);
  });

  it('decodes AltGr characters and a dead key with the French layout', () => {
    expect(texts(replay('keyboard-fr-altgr.hex', 'fr'))).toEqual(['az@#€1éê']);
  });

  it('decodes with the configured layout, not the US one', () => {
    const reports = [bootReport(0, 0x1c), bootReport(0), bootReport(0, 0x28), bootReport(0)];

    expect(texts(replayReports(reports, { layout: 'us' }))).toEqual(['y']);
    expect(texts(replayReports(reports, { layout: 'de' }))).toEqual(['z']);
  });

  it('discards a scan with an unknown key usage', () => {
    const reports = [bootReport(0, 0x1e), bootReport(0, 0x3a), bootReport(0), bootReport(0, 0x28)];
    const outputs = replayReports(reports, { layout: 'us' });

    expect(outputs).toHaveLength(1);
    expect(outputs[0]?.kind).toBe('discarded');
    expect(discarded(outputs[0]).error.message).toContain('Unknown key usage 0x3a in scan');
  });

  it('ignores a lone terminator', () => {
    expect(replayReports([bootReport(0, 0x28), bootReport(0)], { layout: 'us' })).toEqual([]);
  });
});
