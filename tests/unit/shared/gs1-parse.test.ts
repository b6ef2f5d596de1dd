import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  formatGs1Bracketed,
  formatGs1Raw,
  GS,
  parseGs1,
  type Gs1Message,
  type Gs1ParseOptions,
} from '../../../src/shared/gs1';
import { gs1Elements } from './gs1-arbitraries';

const now = new Date('2026-12-04T12:00:00Z');
const GTIN = '09506000134352';

function parsed(raw: string, options: Gs1ParseOptions = {}): Gs1Message {
  const result = parseGs1(raw, { now, ...options });
  if (!result.ok) {
    throw new Error(`expected ${JSON.stringify(raw)} to parse, got ${result.error.message}`);
  }
  return result.value;
}

function errorOf(raw: string, options: Gs1ParseOptions = {}) {
  const result = parseGs1(raw, { now, ...options });
  if (result.ok) {
    throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
  }
  return result.error;
}

describe('parseGs1 input forms', () => {
  it('reads GS1-128 with ]C1 and parentheses in the serial', () => {
    const message = parsed(`]C101${GTIN}10B7${GS}21SN(7)X`);

    expect(message.aim).toBe(']C1');
    expect(message.gtin).toBe(GTIN);
    expect(message.lot).toBe('B7');
    expect(message.serial).toBe('SN(7)X');
  });

  it('reads GS1 DataMatrix with ]d2 and an expiry', () => {
    const message = parsed(`]d201${GTIN}17270531` + `10B7${GS}21SN-1`);

    expect(message.gtin).toBe(GTIN);
    expect(message.expiry).toBe('2027-05-31');
    expect(message.lot).toBe('B7');
    expect(message.serial).toBe('SN-1');
  });

  it('reads GS1 QR with ]Q3', () => {
    const message = parsed(`]Q301${GTIN}21SN-1`);

    expect(message.gtin).toBe(GTIN);
    expect(message.serial).toBe('SN-1');
  });

  it('reads ]e0 and ]J1 as GS1', () => {
    expect(parsed(`]e001${GTIN}`).gtin).toBe(GTIN);
    expect(parsed(`]J101${GTIN}21A`).serial).toBe('A');
  });

  it('rejects non-GS1 AIM identifiers', () => {
    for (const aim of [']C0', ']d1', ']Q1']) {
      const error = errorOf(`${aim}01${GTIN}`);
      expect(error.code, aim).toBe('gs1_not_gs1_symbology');
      expect(error.message, aim).toContain(aim);
    }
  });

  it('removes the AIM identifier from values', () => {
    const message = parsed(`]d201${GTIN}21SN-1`);

    expect(Object.values(message.values).join('')).not.toContain(']d2');
  });

  it('reads a leading FNC1 as GS', () => {
    expect(parsed(`${GS}01${GTIN}21SN-1`).serial).toBe('SN-1');
  });

  it('reads U+241D as GS by default', () => {
    const message = parsed(`01${GTIN}10B7\u241D21SN-1`);

    expect(message.lot).toBe('B7');
    expect(message.serial).toBe('SN-1');
  });

  it('keeps U+241D as data when turned off', () => {
    const message = parsed(`01${GTIN}10B7\u241D21SN-1`, { symbolForGsIsGs: false });

    expect(message.lot).toBe('B7\u241D21SN-1');
    expect(message.serial).toBeUndefined();
  });

  it('keeps ] as data unless the profile says otherwise', () => {
    const message = parsed(`01${GTIN}10B7]21SN-1`);

    expect(message.lot).toBe('B7]21SN-1');
    expect(message.serial).toBeUndefined();
  });

  it('reads ] as GS when the profile says so', () => {
    const message = parsed(`01${GTIN}10B7]21SN-1`, { closingBracketIsGs: true });

    expect(message.lot).toBe('B7');
    expect(message.serial).toBe('SN-1');
  });

  it('reads extra separators such as a private-use character', () => {
    const message = parsed(`01${GTIN}10B7\uF70B21SN-1`, { extraSeparators: ['\uF70B'] });

    expect(message.serial).toBe('SN-1');
  });

  it('drops a trailing CR LF', () => {
    expect(parsed(`01${GTIN}21SN-1\r\n`).serial).toBe('SN-1');
  });

  it('reads the bracketed form like the raw form', () => {
    const bracketed = parsed(`(01)${GTIN}(10)B7(21)SN(7)X`);
    const raw = parsed(`]C101${GTIN}10B7${GS}21SN(7)X`);

    expect(bracketed.form).toBe('bracketed');
    expect(bracketed.elements).toEqual(raw.elements);
  });

  // NOTE: a lot that really contains "(22)" is read as a new element here. A bracketed
  // known AI always starts an element; only unknown AI-shaped groups are rejected.
  it('splits the bracketed form at every known AI', () => {
    const message = parsed(`(01)${GTIN}(10)B(22)7(21)SN-1`);

    expect(message.lot).toBe('B');
    expect(message.values['22']).toBe('7');
    expect(message.serial).toBe('SN-1');
  });

  it('rejects an unknown AI-shaped group inside data', () => {
    const error = errorOf(`(01)${GTIN}(10)B(123)7`);

    expect(error.code).toBe('gs1_ambiguous_brackets');
    expect(error.message).toContain('(123)');
  });
});

describe('parseGs1 errors', () => {
  it('rejects a bad GTIN check digit', () => {
    const error = errorOf('0109506000134353');

    expect(error.code).toBe('gs1_check_digit');
    expect(error.message).toContain('09506000134353');
  });

  it('rejects a bad SSCC check digit', () => {
    expect(errorOf('00123456789012345670').code).toBe('gs1_check_digit');
  });

  it('rejects an unknown AI naming it', () => {
    const error = errorOf(`01${GTIN}2399`);

    expect(error.code).toBe('gs1_unknown_ai');
    expect(error.message).toContain('"2399"');
    expect(error.details).toMatchObject({ position: 16 });
  });

  it('rejects an unknown bracketed AI', () => {
    expect(errorOf('(23)X').code).toBe('gs1_unknown_ai');
  });

  it('detects a missing separator', () => {
    const error = errorOf(`01${GTIN}10LOT-2024-000000001721SN-1`);

    expect(error.code).toBe('gs1_separator_missing');
    expect(error.message).toContain('(10)');
  });

  it('rejects a value over its maximum', () => {
    expect(errorOf('21ABCDEFGHIJKLMNOPQRSTUVWXYZ').code).toBe('gs1_field_too_long');
    expect(errorOf('(21)ABCDEFGHIJKLMNOPQRSTU').code).toBe('gs1_field_too_long');
  });

  it('rejects a cut-off fixed-length value', () => {
    expect(errorOf('010950600013435').code).toBe('gs1_field_too_short');
    expect(errorOf(`0109506000${GS}21X`).code).toBe('gs1_field_too_short');
    expect(errorOf(`(01)${GTIN}2(21)A`).code).toBe('gs1_field_too_long');
  });

  it('rejects an empty variable-length value', () => {
    expect(errorOf(`10${GS}21A`).code).toBe('gs1_field_too_short');
  });

  it('rejects letters in a numeric AI', () => {
    expect(errorOf('01095060001343AB').code).toBe('gs1_invalid_value');
  });

  it('rejects an impossible date', () => {
    expect(errorOf('17271331').code).toBe('gs1_invalid_date');
    expect(errorOf('17270231').code).toBe('gs1_invalid_date');
  });

  it('rejects an AI repeated with another value', () => {
    expect(errorOf(`21A${GS}21B`).code).toBe('gs1_duplicate_ai');
  });

  it('rejects empty data', () => {
    expect(errorOf(']d2').code).toBe('gs1_empty');
    expect(errorOf(GS).code).toBe('gs1_empty');
  });
});

describe('parseGs1 values', () => {
  it('reads day 00 as the last day of the month', () => {
    expect(parsed('17270200').expiry).toBe('2027-02-28');
    expect(parsed('17280200').expiry).toBe('2028-02-29');
    expect(parsed('17261100').expiry).toBe('2026-11-30');
  });

  it('applies the GS1 century rule', () => {
    const in2026 = { now: new Date('2026-06-01T00:00:00Z') };

    expect(parsed('17760101', in2026).expiry).toBe('2076-01-01');
    expect(parsed('17770101', in2026).expiry).toBe('1977-01-01');
    expect(parsed('11990101', { now: new Date('2049-06-01T00:00:00Z') }).elements[0]?.date).toBe(
      '2099-01-01',
    );
    expect(parsed('11000101', { now: new Date('2051-06-01T00:00:00Z') }).elements[0]?.date).toBe(
      '2100-01-01',
    );
  });

  it('decodes a measure with its decimals', () => {
    expect(parsed('3103001250').elements[0]?.measure).toBeCloseTo(1.25);
    expect(parsed('3200000042').elements[0]?.measure).toBe(42);
  });

  it('decodes date-time AIs', () => {
    expect(parsed('70032705311430').elements[0]?.date).toBe('2027-05-31T14:30');
    expect(parsed('800827053114').elements[0]?.date).toBe('2027-05-31T14:00');
  });

  it('reads AIs without a separator after a predefined length', () => {
    const message = parsed(`01${GTIN}3103001250` + `17270531` + `21X`);

    expect(message.elements.map((element) => element.ai)).toEqual(['01', '3103', '17', '21']);
  });

  it('reads a separator after a fixed length that needs one', () => {
    const message = parsed(`422756${GS}21X`);

    expect(message.values['422']).toBe('756');
    expect(message.serial).toBe('X');
  });

  it('keeps the serial and lot as parsed values', () => {
    const message = parsed(`01${GTIN}21ABCD1234EFGH5678JKLM`);

    expect(message.serial).toBe('ABCD1234EFGH5678JKLM');
  });
});

describe('parseGs1 round trip', () => {
  it('parses the raw form back to the same elements', () => {
    fc.assert(
      fc.property(gs1Elements, fc.constantFrom('', ']C1', ']d2', ']Q3'), (elements, aim) => {
        const message = parsed(formatGs1Raw(elements, aim));

        expect(message.elements.map(({ ai, value }) => ({ ai, value }))).toEqual(elements);
      }),
      { numRuns: 1000 },
    );
  });

  it('parses the bracketed form back to the same elements', () => {
    fc.assert(
      fc.property(gs1Elements, (elements) => {
        const message = parsed(formatGs1Bracketed(elements));

        expect(message.elements.map(({ ai, value }) => ({ ai, value }))).toEqual(elements);
      }),
      { numRuns: 1000 },
    );
  });
});
