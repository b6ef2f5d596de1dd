import type { z } from 'zod';

/**
 * Turns a zod failure into one sentence that names the failing field, e.g.
 * `message: Too small: expected string to have >=1 characters`.
 */
export function describeValidationError(error: z.ZodError): string {
  const first = error.issues[0];
  if (first === undefined) return 'The request is invalid.';

  const field = first.path.length === 0 ? '(request)' : first.path.map(String).join('.');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';

  return `${field}: ${first.message}${more}`;
}

/** The dotted path of the first failing field, or null when the whole value failed. */
export function failingField(error: z.ZodError): string | null {
  const first = error.issues[0];
  if (first === undefined || first.path.length === 0) return null;

  return first.path.map(String).join('.');
}
