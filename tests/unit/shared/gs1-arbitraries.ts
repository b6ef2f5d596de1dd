import fc from 'fast-check';

import { AI_TABLE, type AiDefinition, gs1CheckDigit } from '../../../src/shared/gs1';

const digit = fc.constantFrom(...'0123456789');
const dataCharacter = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-./:+',
);

function digits(min: number, max: number): fc.Arbitrary<string> {
  return fc.string({ unit: digit, minLength: min, maxLength: max });
}

function data(min: number, max: number): fc.Arbitrary<string> {
  return fc.string({ unit: dataCharacter, minLength: min, maxLength: max });
}

function twoDigits(min: number, max: number): fc.Arbitrary<string> {
  return fc.integer({ min, max }).map((value) => String(value).padStart(2, '0'));
}

const yymmdd = fc
  .tuple(twoDigits(0, 99), twoDigits(1, 12), twoDigits(0, 28))
  .map((parts) => parts.join(''));

/** Generates values that pass the definition's rules, including check digits and dates. */
export function validValue(definition: AiDefinition): fc.Arbitrary<string> {
  if (definition.date === 'YYMMDD') {
    return yymmdd;
  }
  if (definition.date === 'YYMMDDHHMM') {
    return fc
      .tuple(
        yymmdd.filter((date) => !date.endsWith('00')),
        twoDigits(0, 23),
        twoDigits(0, 59),
      )
      .map((parts) => parts.join(''));
  }
  if (definition.date !== undefined) {
    return fc
      .tuple(
        yymmdd.filter((date) => !date.endsWith('00')),
        twoDigits(0, 23),
        fc.constantFrom('', '30', '3059'),
      )
      .map((parts) => parts.join(''));
  }

  if (definition.checkDigitAt !== undefined) {
    const body = digits(definition.checkDigitAt - 1, definition.checkDigitAt - 1).map(
      (value) => value + String(gs1CheckDigit(value)),
    );
    const restMax = definition.maxLength - definition.checkDigitAt;
    return fc.tuple(body, data(0, restMax)).map(([head, rest]) => head + rest);
  }

  if (definition.numericPrefix >= definition.maxLength) {
    return digits(definition.minLength, definition.maxLength);
  }
  if (definition.numericPrefix > 0) {
    const rest = definition.maxLength - definition.numericPrefix;
    return fc
      .tuple(digits(definition.numericPrefix, definition.numericPrefix), data(0, rest))
      .map(([head, tail]) => head + tail);
  }
  return data(definition.minLength, definition.maxLength);
}

const definitions = [...AI_TABLE.values()];

/** One to six elements with distinct AIs and valid values. */
export const gs1Elements: fc.Arbitrary<Array<{ ai: string; value: string }>> = fc
  .uniqueArray(fc.constantFrom(...definitions), {
    minLength: 1,
    maxLength: 6,
    selector: (definition) => definition.ai,
  })
  .chain((chosen) =>
    fc.tuple(
      ...chosen.map((definition) =>
        validValue(definition).map((value) => ({ ai: definition.ai, value })),
      ),
    ),
  );
