import { describe, expect, it } from 'vitest';

import { parseGs1Fields } from '../../../src/shared/scanner/gs1-fields';
import { buildScan, findControlCharacters, scanSchema } from '../../../src/shared/scanner/scan';

const TIME = new Date('2026-12-04T09:00:00.000Z');

describe('scan', () => {
  it('keeps GS and lists other control characters', () => {
    expect(findControlCharacters('10AB\x1d21X9')).toEqual([]);
    expect(findControlCharacters('A\x01B\x04')).toEqual([
      { index: 1, codePoint: 1 },
      { index: 3, codePoint: 4 },
    ]);
  });

  it('builds a valid scan with control characters', () => {
    const scan = buildScan(
      { text: 'A!@\x01', symbology: null, terminator: 'cr' },
      { source: 'hid-keyboard', device: '/dev/hidraw2', time: TIME, parseGs1: parseGs1Fields },
    );

    expect(scanSchema.parse(scan)).toEqual(scan);
    expect(scan).toEqual({
      text: 'A!@\x01',
      symbology: null,
      gs1: null,
      source: 'hid-keyboard',
      device: '/dev/hidraw2',
      time: '2026-12-04T09:00:00.000Z',
      controlCharacters: [{ index: 3, codePoint: 1 }],
    });
  });

  it('reads GS1 fields only from GS1 data', () => {
    expect(parseGs1Fields('0109506000134352', ']C0')).toBeNull();
    expect(parseGs1Fields('6957842208856', null)).toBeNull();
    expect(parseGs1Fields('0109506000134352\x1d21SN1', null)).toEqual({
      '01': '09506000134352',
      '21': 'SN1',
    });
    expect(parseGs1Fields('010950600013435221SN1', ']C1')).toEqual({
      '01': '09506000134352',
      '21': 'SN1',
    });
  });

  it('rejects an empty scan text', () => {
    const result = scanSchema.safeParse({
      text: '',
      symbology: null,
      gs1: null,
      source: 'wedge',
      device: null,
      time: TIME.toISOString(),
    });

    expect(result.success).toBe(false);
  });
});
