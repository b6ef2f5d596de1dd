import { describe, expect, it } from 'vitest';

import { renderLabelZpl } from '../../../src/server/shipments/label-zpl';

const label = {
  trackingNumber: 'PS123456789012',
  orderNumber: 'ORD-1',
  shippedAt: '2026-12-04T10:00:00.000Z',
  items: [{ sku: 'WIDGET-01', name: 'Widget ^FS~JR', quantity: 2, serials: ['SN_1', 'SN\n2'] }],
};

describe('renderLabelZpl', () => {
  it('escapes ZPL command characters in text fields', () => {
    const zpl = renderLabelZpl(label);

    expect(zpl).toContain('Widget _5EFS_7EJR');
    expect(zpl).toContain('SN SN_5F1');
    expect(zpl).toContain('SN SN 2');
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
  });

  it('counts the lines that do not fit', () => {
    const many = {
      ...label,
      items: [
        {
          ...label.items[0]!,
          quantity: 60,
          serials: Array.from({ length: 60 }, (_, index) => `SN-${index}`),
        },
      ],
    };

    const zpl = renderLabelZpl(many);

    expect(zpl).toContain('more lines on the packing list');
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
  });
});
