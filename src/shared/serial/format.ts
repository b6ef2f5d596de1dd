import type { SerialFormat } from '../domain';
import type { ErrorBody } from '../errors';
import { MAX_SERIAL_LENGTH } from './codes';
import { normalizeSerial } from './normalize';
import { findUnsafePatternConstruct } from './pattern-safety';
import { fail, ok, type Result } from './result';

/**
 * Validates a product's serial format when the product is saved: lengths in range and in
 * order, a prefix that fits, and a pattern that compiles (with the `u` flag) and passes
 * `findUnsafePatternConstruct`. Only a rule that passed here may reach a station, and the
 * prompt re-checks it anyway, because products also arrive from older servers.
 */
export function validateSerialFormatRule(format: SerialFormat): Result<SerialFormat> {
  const min = format.minLength ?? 1;
  const max = format.maxLength ?? MAX_SERIAL_LENGTH;

  if (min < 1 || max > MAX_SERIAL_LENGTH || min > max) {
    return invalidRule(
      format,
      `the lengths must satisfy 1 ≤ minimum ≤ maximum ≤ ${MAX_SERIAL_LENGTH}, ` +
        `but the minimum is ${min} and the maximum is ${max}`,
    );
  }

  if (format.prefix !== undefined && format.prefix.length > max) {
    return invalidRule(
      format,
      `the prefix "${format.prefix}" is longer than the maximum length ${max}`,
    );
  }

  if (format.prefix !== undefined) {
    const prefixReason = unmatchablePrefixReason(format.prefix);
    if (prefixReason !== null) {
      return invalidRule(format, prefixReason);
    }
  }

  if (format.pattern !== undefined) {
    const compiled = compilePattern(format.pattern);
    if (!compiled.ok) {
      return invalidRule(format, compiled.reason);
    }
  }

  return ok(format);
}

/**
 * Checks a normalised serial against a product's format (if it has one). The message states
 * the rule, so the packer sees what a valid serial looks like.
 */
export function checkSerialFormat(
  serial: string,
  format: SerialFormat | null,
  sku: string,
): Result<string> {
  if (format === null) {
    return ok(serial);
  }

  const rule = validateSerialFormatRule(format);
  if (!rule.ok) {
    return rule;
  }

  // The pattern runs only on input of at most 64 characters, the bound that keeps even the
  // patterns allowed by `findUnsafePatternConstruct` fast.
  const tooLongForPattern = serial.length > MAX_SERIAL_LENGTH;
  const min = format.minLength ?? 1;
  const max = format.maxLength ?? MAX_SERIAL_LENGTH;
  const fitsLength = serial.length >= min && serial.length <= max;
  const fitsPrefix = format.prefix === undefined || serial.startsWith(format.prefix);
  const compiled = format.pattern === undefined ? null : compilePattern(format.pattern);
  const fitsPattern =
    compiled === null || (compiled.ok && !tooLongForPattern && compiled.regex.test(serial));

  if (fitsLength && fitsPrefix && fitsPattern && !tooLongForPattern) {
    return ok(serial);
  }

  return fail(
    'serial_format_mismatch',
    `Serial "${serial}" does not match the format for ${sku}: ${describeSerialFormat(format)}. ` +
      'Check that you scanned the serial and not another barcode.',
    { serial, sku, format },
  );
}

/** Describes a format in words, e.g. `10 to 12 characters, starting with "SN", matching ^\d+$`. */
export function describeSerialFormat(format: SerialFormat): string {
  const parts: string[] = [];
  const { minLength, maxLength } = format;

  if (minLength !== undefined && maxLength !== undefined) {
    parts.push(
      minLength === maxLength
        ? `exactly ${minLength} characters`
        : `${minLength} to ${maxLength} characters`,
    );
  } else if (minLength !== undefined) {
    parts.push(`at least ${minLength} characters`);
  } else if (maxLength !== undefined) {
    parts.push(`at most ${maxLength} characters`);
  }

  if (format.prefix !== undefined) {
    parts.push(`starting with "${format.prefix}"`);
  }
  if (format.pattern !== undefined) {
    parts.push(`matching the pattern ${format.pattern}`);
  }
  return parts.length === 0 ? 'any serial' : parts.join(', ');
}

/**
 * Returns why no normalised serial can start with the prefix, or null. Serials are NFKC
 * normalised and trimmed before the check, and must pass the character and script rules,
 * so a prefix that starts with a space, changes under NFKC or breaks those rules never
 * matches. A trailing space is allowed because serials keep inner spaces.
 */
function unmatchablePrefixReason(prefix: string): string | null {
  if (prefix.normalize('NFKC') !== prefix) {
    return `the prefix "${prefix}" changes under Unicode NFKC normalisation, which every serial gets, so no serial can start with it`;
  }
  const normalized = normalizeSerial(prefix);
  if (!normalized.ok) {
    return `no serial can start with the prefix "${prefix}": ${normalized.error.message}`;
  }
  if (!prefix.startsWith(normalized.value)) {
    return `the prefix "${prefix}" starts with a space, which is trimmed from every serial`;
  }
  return null;
}

type CompiledPattern = { ok: true; regex: RegExp } | { ok: false; reason: string };

const compiledPatterns = new Map<string, CompiledPattern>();

/** Compiles a pattern anchored to the whole serial; results are cached by pattern source. */
function compilePattern(pattern: string): CompiledPattern {
  const cached = compiledPatterns.get(pattern);
  if (cached !== undefined) {
    return cached;
  }

  const compiled = compileUncached(pattern);
  if (compiledPatterns.size > 1000) {
    compiledPatterns.clear();
  }
  compiledPatterns.set(pattern, compiled);
  return compiled;
}

function compileUncached(pattern: string): CompiledPattern {
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: `the pattern ${pattern} is not a valid regular expression (${detail})`,
    };
  }

  const unsafe = findUnsafePatternConstruct(pattern);
  if (unsafe !== null) {
    return {
      ok: false,
      reason: `the pattern ${pattern} could make the station hang: ${unsafe}`,
    };
  }
  return { ok: true, regex };
}

function invalidRule(format: SerialFormat, reason: string): { ok: false; error: ErrorBody } {
  return fail(
    'serial_format_rule_invalid',
    `The serial format is invalid: ${reason}. Correct the product's serial format and save again.`,
    { format, reason },
  );
}
