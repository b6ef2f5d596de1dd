import type { ErrorBody } from '../errors';
import { fail, ok, type Result } from '../serial/result';
import { isGs1Aim, splitAimPrefix } from './aim';
import { AI_TABLE, lookupAi } from './ai-table';
import { GS, GS_SYMBOL } from './codes';
import { validateElement } from './element';
import type { Gs1Element, Gs1Message, Gs1ParseOptions } from './types';

type Failure = { ok: false; error: ErrorBody };

/**
 * Parses a GS1 element string in any form a scanner or a person produces:
 *
 * - raw data with FNC1 sent as GS (0x1D), with or without a leading FNC1 and with or without
 *   a GS1 AIM identifier (`]C1`, `]d2`, `]Q3`, `]e0`, `]J1`), which is removed;
 * - the human-readable form with AIs in brackets, `(01)09506000134352(21)SN-1`.
 *
 * A non-GS1 AIM identifier (`]C0`, `]d1`, `]Q1`, …) is rejected, so a plain Code 128 symbol
 * whose digits look like AIs is never split. In the bracketed form only a known AI in
 * brackets starts an element, so `(7)` inside a serial stays data.
 */
export function parseGs1(raw: string, options: Gs1ParseOptions = {}): Result<Gs1Message> {
  const now = options.now ?? new Date();
  const { aim, data } = splitAimPrefix(raw.replace(/[\r\n]+$/, ''));

  if (aim !== null && !isGs1Aim(aim)) {
    return fail(
      'gs1_not_gs1_symbology',
      `The scan "${raw}" comes from a ${aim} symbol, which is not GS1, so it has no AIs.`,
      { aim },
    );
  }

  const text = replaceSeparators(data, options);
  const parsed = text.startsWith('(') ? parseBracketed(text, now) : parseRaw(text, now);
  if (!parsed.ok) {
    return parsed;
  }

  return buildMessage(parsed.value, text.startsWith('(') ? 'bracketed' : 'raw', aim);
}

function replaceSeparators(data: string, options: Gs1ParseOptions): string {
  const separators = [...(options.extraSeparators ?? [])];
  if (options.symbolForGsIsGs !== false) {
    separators.push(GS_SYMBOL);
  }
  if (options.closingBracketIsGs === true) {
    separators.push(']');
  }

  let text = data;
  for (const separator of separators) {
    text = text.split(separator).join(GS);
  }
  return text;
}

function parseRaw(input: string, now: Date): Result<Gs1Element[]> {
  // A leading GS is the FNC1 in first position that marks the symbol as GS1.
  let firstData = 0;
  while (input[firstData] === GS) {
    firstData += 1;
  }
  const text = input.slice(firstData);
  if (text.length === 0) {
    return emptyMessage();
  }

  const elements: Gs1Element[] = [];
  let offset = 0;

  while (offset < text.length) {
    if (text[offset] === GS) {
      offset += 1;
      continue;
    }

    const definition = lookupAi(text, offset);
    if (definition === undefined) {
      return unknownAi(text.slice(offset, offset + 4), offset);
    }

    const start = offset + definition.ai.length;
    let value: string;

    if (definition.minLength === definition.maxLength) {
      value = text.slice(start, start + definition.maxLength);
      const separatorAt = value.indexOf(GS);
      if (separatorAt !== -1) {
        value = value.slice(0, separatorAt);
      }
      offset = start + value.length;
    } else {
      const separatorAt = text.indexOf(GS, start);
      const end = separatorAt === -1 ? text.length : separatorAt;
      value = text.slice(start, end);
      if (value.length > definition.maxLength) {
        return overlongRawValue(definition.ai, value, definition.maxLength);
      }
      offset = end;
    }

    const element = validateElement(definition, value, now);
    if (!element.ok) {
      return element;
    }
    elements.push(element.value);
  }

  return ok(elements);
}

/**
 * Splits `(AI)value(AI)value…` at every bracketed known AI. A bracketed group of 2 to 4
 * digits that is not a known AI could be a new AI or data, so it is rejected rather than
 * guessed. Other parentheses, such as `(7)` or `(A)`, are data.
 *
 * NOTE: a value that really contains a known AI in brackets, such as a lot "B(22)7", is
 * split there. Only scanning the barcode itself avoids that.
 */
function parseBracketed(text: string, now: Date): Result<Gs1Element[]> {
  const boundaries: Array<{ ai: string; start: number; end: number }> = [];
  const bracket = /\((\d{2,4})\)/g;

  for (let match = bracket.exec(text); match !== null; match = bracket.exec(text)) {
    const ai = match[1] ?? '';
    if (AI_TABLE.has(ai)) {
      boundaries.push({ ai, start: match.index, end: match.index + match[0].length });
    } else if (match.index === 0) {
      return unknownAi(ai, 0);
    } else {
      return fail(
        'gs1_ambiguous_brackets',
        `The text "${text}" has parentheses inside data: "(${ai})" could be an AI or part ` +
          'of a value. Scan the barcode instead of typing the bracketed form.',
        { text, position: match.index },
      );
    }
  }

  if (boundaries[0]?.start !== 0) {
    return unknownAi(text.slice(0, 6), 0);
  }

  const elements: Gs1Element[] = [];
  for (const [index, boundary] of boundaries.entries()) {
    const valueEnd = boundaries[index + 1]?.start ?? text.length;
    const definition = AI_TABLE.get(boundary.ai);
    if (definition === undefined) {
      return unknownAi(boundary.ai, boundary.start);
    }

    const element = validateElement(definition, text.slice(boundary.end, valueEnd), now);
    if (!element.ok) {
      return element;
    }
    elements.push(element.value);
  }
  return ok(elements);
}

function buildMessage(
  elements: Gs1Element[],
  form: Gs1Message['form'],
  aim: string | null,
): Result<Gs1Message> {
  const values: Record<string, string> = {};
  for (const element of elements) {
    const earlier = values[element.ai];
    if (earlier !== undefined && earlier !== element.value) {
      return fail(
        'gs1_duplicate_ai',
        `AI (${element.ai}) appears twice with different values, "${earlier}" and ` +
          `"${element.value}". Scan the barcode again.`,
        { ai: element.ai, values: [earlier, element.value] },
      );
    }
    values[element.ai] = element.value;
  }

  const message: Gs1Message = { form, aim, elements, values };
  const expiry = elements.find((element) => element.ai === '17')?.date;
  if (values['01'] !== undefined) message.gtin = values['01'];
  if (values['21'] !== undefined) message.serial = values['21'];
  if (values['10'] !== undefined) message.lot = values['10'];
  if (expiry !== undefined) message.expiry = expiry;
  return ok(message);
}

/**
 * Reports a raw variable-length value that runs past its maximum. When a known AI starts
 * within the allowed length, the GS after the value was most likely lost in transmission.
 */
function overlongRawValue(ai: string, value: string, maxLength: number): Failure {
  for (let offset = 1; offset <= maxLength; offset += 1) {
    if (lookupAi(value, offset) !== undefined) {
      return fail(
        'gs1_separator_missing',
        `AI (${ai}) value "${value}" is longer than ${maxLength} characters, so the group ` +
          'separator (GS) after it is probably missing. Check that the scanner sends GS ' +
          '(FNC1), then scan again.',
        { ai, value, maxLength },
      );
    }
  }
  return fail(
    'gs1_field_too_long',
    `AI (${ai}) value "${value}" has ${value.length} characters; at most ${maxLength} are ` +
      'allowed. Scan the barcode again.',
    { ai, value, maxLength },
  );
}

function unknownAi(digits: string, position: number): Failure {
  return fail(
    'gs1_unknown_ai',
    `"${digits}" at position ${position + 1} does not start a known GS1 Application ` +
      'Identifier. Scan the barcode again, or check that it is a GS1 barcode.',
    { digits, position },
  );
}

function emptyMessage(): Failure {
  return fail('gs1_empty', 'The GS1 barcode contains no data. Scan it again.');
}
