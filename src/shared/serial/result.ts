import type { ErrorBody } from '../errors';

/**
 * The outcome of a rule check: the accepted value, or an error body the UI can show as is.
 * Rules return this instead of throwing so the same check can run in a React render, in
 * the packing service and on the server without try/catch at every call.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<C extends string>(
  code: C,
  message: string,
  details?: Record<string, unknown>,
): { ok: false; error: ErrorBody } {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}

/** Formats a code point the way Unicode charts name it, e.g. `U+200B`. */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
