import { describe, expect, it } from 'vitest';

import { KeyboardScanAssembler } from '../../../src/main/scanner/keyboard-scan-assembler';
import { getLayout } from '../../../src/shared/scanner/layouts';
import { bootReport, discarded } from './fixtures';

const RELEASE = bootReport(0);
const ENTER = bootReport(0, 0x28);
const CTRL_SHIFT_J = bootReport(0x03, 0x0d);

function typeDigits(assembler: KeyboardScanAssembler, digits: string, start: number): number {
  let now = start;

  for (const digit of digits) {
    const usage = digit === '0' ? 0x27 : 0x1e + Number(digit) - 1;
    assembler.push(bootReport(0, usage), now);
    assembler.push(RELEASE, now + 2);
    now += 4;
  }

  return now;
}

describe('keyboard scan assembly', () => {
  it('ends a scan without terminator after the idle timeout', () => {
    const assembler = new KeyboardScanAssembler(getLayout('us'));
    const end = typeDigits(assembler, '4711', 0);

    expect(assembler.nextDeadline()).toBe(end - 2 + 300);
    expect(assembler.poll(end + 200)).toEqual([]);
    expect(assembler.poll(end + 400)).toEqual([
      { kind: 'barcode', barcode: { text: '4711', symbology: null, terminator: 'none' } },
    ]);
  });

  it('emits a CR scan once the LF window has passed', () => {
    const assembler = new KeyboardScanAssembler(getLayout('us'));
    const end = typeDigits(assembler, '12', 0);

    expect(assembler.push(ENTER, end)).toEqual([]);
    expect(assembler.poll(end + 49)).toEqual([]);
    expect(assembler.poll(end + 50)).toEqual([
      { kind: 'barcode', barcode: { text: '12', symbology: null, terminator: 'cr' } },
    ]);
  });

  it('merges an LF after CR into one terminator', () => {
    const assembler = new KeyboardScanAssembler(getLayout('us'));
    const end = typeDigits(assembler, '12', 0);
    assembler.push(ENTER, end);
    assembler.push(RELEASE, end + 2);

    expect(assembler.push(CTRL_SHIFT_J, end + 4)).toEqual([
      { kind: 'barcode', barcode: { text: '12', symbology: null, terminator: 'crlf' } },
    ]);
    expect(assembler.end('end-of-input')).toEqual([]);
  });

  it('swallows a second Enter of the same suffix', () => {
    const assembler = new KeyboardScanAssembler(getLayout('us'));
    const end = typeDigits(assembler, '12', 0);
    assembler.push(ENTER, end);
    assembler.push(RELEASE, end + 2);

    const outputs = assembler.push(ENTER, end + 4);

    expect(outputs).toEqual([
      { kind: 'barcode', barcode: { text: '12', symbology: null, terminator: 'cr' } },
    ]);
    expect(assembler.end('end-of-input')).toEqual([]);
  });

  it('emits the waiting scan when the next scan starts', () => {
    const assembler = new KeyboardScanAssembler(getLayout('us'));
    const end = typeDigits(assembler, '12', 0);
    assembler.push(ENTER, end);
    assembler.push(RELEASE, end + 2);

    expect(assembler.push(bootReport(0, 0x20), end + 4)).toEqual([
      { kind: 'barcode', barcode: { text: '12', symbology: null, terminator: 'cr' } },
    ]);
  });

  it('discards a scan cut off by an unplug', () => {
    const assembler = new KeyboardScanAssembler(getLayout('us'));
    typeDigits(assembler, '123', 0);

    const outputs = assembler.end('unplugged');

    expect(outputs).toHaveLength(1);
    expect(outputs[0]?.kind).toBe('discarded');
    expect(discarded(outputs[0]).error.code).toBe('scanner_device_lost');
    expect(discarded(outputs[0]).partialLength).toBe(3);
  });

  it('starts clean after an unplug', () => {
    const assembler = new KeyboardScanAssembler(getLayout('us'));
    assembler.push(bootReport(0x02, 0x1e), 0);
    assembler.end('read-error');

    const end = typeDigits(assembler, '1', 10);
    assembler.push(ENTER, end);

    expect(assembler.end('end-of-input')).toEqual([
      { kind: 'barcode', barcode: { text: '1', symbology: null, terminator: 'cr' } },
    ]);
  });

  it('rejects a report of the wrong length', () => {
    const assembler = new KeyboardScanAssembler(getLayout('us'));
    typeDigits(assembler, '1', 0);
    assembler.push(Uint8Array.from([0, 0, 0x1e]), 10);

    const outputs = assembler.push(ENTER, 12);

    expect(outputs).toHaveLength(1);
    expect(discarded(outputs[0]).error.code).toBe('scanner_invalid_report');
  });

  it('splits an AIM prefix when configured', () => {
    const reports = [
      bootReport(0, 0x30),
      bootReport(0x02, 0x07),
      bootReport(0),
      bootReport(0, 0x1f),
      bootReport(0),
      bootReport(0, 0x1e),
      bootReport(0),
      bootReport(0, 0x28),
    ];
    const withPrefix = new KeyboardScanAssembler(getLayout('us'), { aimPrefix: true });
    const withoutPrefix = new KeyboardScanAssembler(getLayout('us'));

    for (const [index, report] of reports.entries()) {
      withPrefix.push(report, index);
      withoutPrefix.push(report, index);
    }

    expect(withPrefix.end('end-of-input')).toEqual([
      { kind: 'barcode', barcode: { text: '1', symbology: ']D2', terminator: 'cr' } },
    ]);
    expect(withoutPrefix.end('end-of-input')).toEqual([
      { kind: 'barcode', barcode: { text: ']D21', symbology: null, terminator: 'cr' } },
    ]);
  });
});
