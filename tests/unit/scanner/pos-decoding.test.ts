import { describe, expect, it } from 'vitest';

import { PosScanAssembler } from '../../../src/main/scanner/pos-scan-assembler';
import { posProfiles } from '../../../src/main/scanner/pos-report-layout';
import { replayReports } from '../../../src/main/scanner/report-replay';
import { discarded, loadReports } from './fixtures';

const GS1_TEXT =
  '0109506000134352' + '17270531' + '10B2024-117' + '\x1d' + '21ABCD1234EFGH5678JKLM';

describe('HID POS decoding', () => {
  it('joins a GS1 DataMatrix spread over two reports', () => {
    const outputs = replayReports(loadReports('pos-gs1-datamatrix.hex'), { layout: 'us' });

    expect(outputs).toEqual([
      { kind: 'barcode', barcode: { text: GS1_TEXT, symbology: ']d2', terminator: 'cr' } },
    ]);
  });

  it('keeps the last character whether or not a CR follows', () => {
    const outputs = replayReports(loadReports('pos-code128-suffix.hex'), { layout: 'us' });

    expect(outputs).toEqual([
      { kind: 'barcode', barcode: { text: 'SN-00417-B', symbology: ']C0', terminator: 'cr' } },
      { kind: 'barcode', barcode: { text: 'SN-00417-B', symbology: ']C0', terminator: 'none' } },
    ]);
  });

  it('joins a 200-character barcode from four reports', () => {
    const outputs = replayReports(loadReports('pos-long-qr.hex'), { layout: 'us' });
    const expected = Array.from(
      { length: 25 },
      (_, index) => `QR${String(index).padStart(5, '0')}:`,
    ).join('');

    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toEqual({
      kind: 'barcode',
      barcode: { text: expected, symbology: ']Q1', terminator: 'none' },
    });
    expect(expected).toHaveLength(200);
  });

  it('finds the AIM identifier one byte later', () => {
    const outputs = replayReports(loadReports('pos-aim-after-extra-byte.hex'), { layout: 'us' });

    expect(outputs).toEqual([
      { kind: 'barcode', barcode: { text: 'SN-00417-B', symbology: ']C0', terminator: 'none' } },
    ]);
  });

  it('discards a barcode whose continuation never comes', () => {
    const outputs = replayReports(loadReports('pos-continuation-lost.hex'), { layout: 'us' });

    expect(outputs).toHaveLength(1);
    expect(outputs[0]?.kind).toBe('discarded');
    expect(discarded(outputs[0]).error.code).toBe('scanner_continuation_timeout');
  });

  it('times out a missing continuation after 500 ms', () => {
    const [first] = loadReports('pos-continuation-lost.hex');
    const assembler = new PosScanAssembler(posProfiles.standard);

    expect(assembler.push(first as Uint8Array, 1_000)).toEqual([]);
    expect(assembler.nextDeadline()).toBe(1_500);
    expect(assembler.poll(1_499)).toEqual([]);

    const outputs = assembler.poll(1_500);

    expect(outputs).toHaveLength(1);
    expect(discarded(outputs[0]).partialLength).toBe(56);
    expect(assembler.nextDeadline()).toBeNull();
  });

  it('discards a barcode cut off by an unplug', () => {
    const [first] = loadReports('pos-gs1-datamatrix.hex');
    const assembler = new PosScanAssembler(posProfiles.standard);
    assembler.push(first as Uint8Array, 0);

    const outputs = assembler.end('unplugged');

    expect(outputs).toHaveLength(1);
    expect(discarded(outputs[0]).error.code).toBe('scanner_device_lost');
  });

  it('never reads bytes past the byte count', () => {
    const report = new Uint8Array(64).fill(0x41);
    report.set([0x02, 0x03, 0x5d, 0x43, 0x30, 0x31, 0x32, 0x33]);
    report[63] = 0;

    const outputs = replayReports([report], { layout: 'us', mode: 'pos' });

    expect(outputs).toEqual([
      { kind: 'barcode', barcode: { text: '123', symbology: ']C0', terminator: 'none' } },
    ]);
  });

  it('ignores reports with another report ID', () => {
    const trigger = new Uint8Array(64);
    trigger[0] = 0x04;

    expect(replayReports([trigger], { layout: 'us', mode: 'pos' })).toEqual([]);
  });

  it('rejects a byte count larger than a report holds', () => {
    const report = new Uint8Array(64);
    report.set([0x02, 0x60]);

    const outputs = replayReports([report], { layout: 'us', mode: 'pos' });

    expect(discarded(outputs[0]).error.code).toBe('scanner_invalid_report');
  });
});
