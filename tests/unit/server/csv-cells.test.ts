import { describe, expect, it } from 'vitest';

import { csvCell, csvLine } from '../../../src/server/reports/csv-cells';

describe('csvCell', () => {
  it.each([
    [
      '=HYPERLINK("http://example.invalid","x")',
      '"\'=HYPERLINK(""http://example.invalid"",""x"")"',
    ],
    ['+SN5', '"\'+SN5"'],
    ['-SN6', '"\'-SN6"'],
    ['@SUM(A1:A2)', '"\'@SUM(A1:A2)"'],
    ['\tSN8', '"\'\tSN8"'],
    ['\rSN8', '"\'\rSN8"'],
    ['SN "9"', '"SN ""9"""'],
    ['SN,10', '"SN,10"'],
    ['0012345', '"0012345"'],
    ['SN-=1', '"SN-=1"'],
  ])('writes %j as %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('csvLine', () => {
  it('quotes every cell and ends with CRLF', () => {
    expect(csvLine(['ORD-1002', 'WIDGET-01', '-SN6'])).toBe('"ORD-1002","WIDGET-01","\'-SN6"\r\n');
  });
});
