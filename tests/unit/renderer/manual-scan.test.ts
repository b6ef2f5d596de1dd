import { describe, expect, it } from 'vitest';

import { manualScan } from '../../../src/renderer/src/pack/manual-scan';

const time = new Date('2026-03-01T10:00:00Z');

describe('manualScan', () => {
  it('sends an order number as typed', () => {
    const scan = manualScan('DEMO-1001', time);

    expect(scan).toEqual({
      text: 'DEMO-1001',
      symbology: null,
      gs1: null,
      source: 'manual',
      device: null,
      time: '2026-03-01T10:00:00.000Z',
    });
  });

  it('reads GS1 fields after a GS1 DataMatrix identifier', () => {
    const scan = manualScan(']d2010950600013435221SN-77', time);

    expect(scan.symbology).toBe(']d2');
    expect(scan.text).toBe('010950600013435221SN-77');
    expect(scan.gs1).toEqual({ '01': '09506000134352', '21': 'SN-77' });
  });

  it('keeps digits after a non-GS1 identifier whole', () => {
    const scan = manualScan(']E09506000134390', time);

    expect(scan.symbology).toBe(']E0');
    expect(scan.gs1).toBeNull();
  });

  it('does not treat plain GTIN digits as GS1', () => {
    expect(manualScan('09506000134352', time).gs1).toBeNull();
  });

  it('keeps a lone identifier as text', () => {
    const scan = manualScan(']d2', time);

    expect(scan.text).toBe(']d2');
    expect(scan.symbology).toBeNull();
  });
});
