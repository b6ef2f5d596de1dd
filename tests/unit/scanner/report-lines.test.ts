import { describe, expect, it } from 'vitest';

import type { InputLine } from '../../../src/main/scanner/bounded-lines';
import type { ReportLineOptions } from '../../../src/main/scanner/report-lines';
import { decodeReportLines } from '../../../src/main/scanner/report-lines';
import type { DecodedBarcode } from '../../../src/shared/scanner/scan';

const keyDown1 = '00 00 1e 00 00 00 00 00';
const keyUp = '00 00 00 00 00 00 00 00';
const enter = '00 00 28 00 00 00 00 00';
const posScan = `02 03 5d 43 30 41 42 43 ${'00 '.repeat(56).trim()}`;

async function decode(texts: string[], options: Partial<ReportLineOptions> = {}) {
  const barcodes: DecodedBarcode[] = [];
  const problems: string[] = [];
  const lines = texts.map((text, index): InputLine => ({ number: index + 1, text }));

  const summary = await decodeReportLines(
    toAsync(lines),
    { layout: 'us', mode: null, aimPrefix: false, ...options },
    {
      barcode: (barcode) => barcodes.push(barcode),
      problem: (lineNumber, message) => problems.push(`${lineNumber}: ${message}`),
    },
  );

  return { barcodes, problems, summary };
}

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    yield await Promise.resolve(item);
  }
}

describe('decodeReportLines', () => {
  it('reads keyboard and HID POS lines each in its own mode', async () => {
    const { barcodes, summary } = await decode([keyDown1, keyUp, posScan, enter]);

    expect(barcodes.map((barcode) => barcode.text)).toEqual(['ABC', '1']);
    expect(summary).toEqual({ linesRead: 4, badLines: 0, barcodes: 2, discardedScans: 0 });
  });

  it('reports a report shorter than a keyboard report', async () => {
    const { problems, summary } = await decode(['00 00 1e', keyDown1, keyUp, enter]);

    expect(problems).toEqual([
      '1: a report of 3 bytes is too short: a keyboard report has 8 bytes (9 with a report ID) and a HID POS report more',
    ]);
    expect(summary.badLines).toBe(1);
    expect(summary.barcodes).toBe(1);
  });

  it('reports a HID POS line read in keyboard mode', async () => {
    const { problems, summary } = await decode([posScan], { mode: 'keyboard' });

    expect(problems[0]).toContain('1: a keyboard report has 8 bytes (9 with a report ID)');
    expect(summary).toEqual({ linesRead: 1, badLines: 1, barcodes: 0, discardedScans: 0 });
  });

  it('skips comments and blank lines without counting them bad', async () => {
    const { summary } = await decode(['# capture', '', keyDown1, keyUp, enter]);

    expect(summary).toEqual({ linesRead: 5, badLines: 0, barcodes: 1, discardedScans: 0 });
  });

  it('counts an over-long line as bad', async () => {
    const lines: InputLine[] = [{ number: 1, overLength: 9000 }];
    const problems: string[] = [];

    const summary = await decodeReportLines(
      toAsync(lines),
      { layout: 'us', mode: null, aimPrefix: false },
      { barcode: () => undefined, problem: (_line, message) => problems.push(message) },
    );

    expect(problems).toEqual([
      'the line is 9000 bytes long; a report line has at most 4096, so it was skipped',
    ]);
    expect(summary.badLines).toBe(1);
  });
});
