import { fail, ok, type Result } from '../serial/result';
import type { AiDefinition } from './ai-table';
import { hasValidGs1CheckDigit } from './check-digit';
import { parseGs1Date, parseGs1DateTime } from './dates';
import type { Gs1Element } from './types';

/**
 * Checks one element's value against its AI definition: length, the digits it must start
 * with, its check digit and its date. Returns the element with its date or measure decoded.
 *
 * NOTE: alphanumeric values are not checked against GS1's 82-character set, so a `]` that
 * stood in for a lost GS stays in the value, and the AI after it is missing from the scan.
 */
export function validateElement(
  definition: AiDefinition,
  value: string,
  now: Date,
): Result<Gs1Element> {
  const { ai } = definition;

  if (value.length < definition.minLength) {
    const expected =
      definition.minLength === definition.maxLength
        ? `exactly ${definition.minLength}`
        : `at least ${definition.minLength}`;
    return fail(
      'gs1_field_too_short',
      `AI (${ai}) value "${value}" has ${value.length} characters; it needs ${expected}. ` +
        'Scan the barcode again.',
      { ai, value, minLength: definition.minLength },
    );
  }

  if (value.length > definition.maxLength) {
    return fail(
      'gs1_field_too_long',
      `AI (${ai}) value "${value}" has ${value.length} characters; at most ` +
        `${definition.maxLength} are allowed. Scan the barcode again.`,
      { ai, value, maxLength: definition.maxLength },
    );
  }

  const numericPart = value.slice(0, definition.numericPrefix);
  if (!/^\d*$/.test(numericPart)) {
    return fail(
      'gs1_invalid_value',
      `AI (${ai}) value "${value}" must start with ${Math.min(definition.numericPrefix, value.length)} ` +
        'digits. Scan the barcode again.',
      { ai, value },
    );
  }

  if (definition.checkDigitAt !== undefined) {
    const checked = value.slice(0, definition.checkDigitAt);
    if (!hasValidGs1CheckDigit(checked)) {
      return fail(
        'gs1_check_digit',
        `AI (${ai}) value "${checked}" has a wrong check digit. The barcode may be damaged ` +
          'or misread: scan it again or type the number from the label.',
        { ai, value },
      );
    }
  }

  const element: Gs1Element = { ai, value };

  if (definition.date !== undefined) {
    const date =
      definition.date === 'YYMMDD' ? parseGs1Date(value, now) : parseGs1DateTime(value, now);
    if (date === null) {
      return fail(
        'gs1_invalid_date',
        `AI (${ai}) value "${value}" is not a valid date (${definition.date}). ` +
          'Scan the barcode again.',
        { ai, value },
      );
    }
    element.date = date;
  }

  if (definition.decimals !== undefined) {
    element.measure = Number(value) / 10 ** definition.decimals;
  }

  return ok(element);
}
