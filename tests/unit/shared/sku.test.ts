import { describe, expect, it } from 'vitest';

import { checkSku } from '../../../src/shared/products';

describe('checkSku', () => {
  it.each([
    ['DEMO-CABLE'],
    ['A B'],
    ['A/B'],
    ['\u041a\u0410\u0411\u0415\u041b\u042c-1'],
    ['\u30c6\u30b9\u30c8-1'],
  ])('accepts %s', (sku) => {
    expect(checkSku(sku)).toEqual({ ok: true, value: sku });
  });

  it.each([
    ['', 'empty'],
    ['A'.repeat(65), 'too_long'],
    ['TRAIL ', 'edge_space'],
    ['\tTAB', 'edge_space'],
    ['\ufeffBOM', 'edge_space'],
    ['ZW\u200b', 'edge_space'],
    ['CTL\u0007X', 'control_character'],
    ['ZW\u200bSKU', 'invisible_character'],
    ['BOM\ufeffIN', 'invisible_character'],
    ['NB\u00a0SP', 'invisible_character'],
    ['DEMO-\u0421ABLE', 'mixed_scripts'],
  ])('rejects %j as %s', (sku, reason) => {
    const result = checkSku(sku);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_sku');
    expect(result.error.details?.reason).toBe(reason);
  });

  it('shows invisible characters in the message', () => {
    const result = checkSku('ZW\u200bSKU');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('ZW<U+200B>SKU');
  });
});
