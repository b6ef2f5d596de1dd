import type { ZodType } from 'zod';

import { storeError } from './errors';

/** Milliseconds since the Unix epoch from an ISO 8601 time with an offset. */
export function millisecondsOf(field: string, isoTime: string): number {
  const milliseconds = Date.parse(isoTime);
  if (Number.isNaN(milliseconds)) {
    throw storeError(
      'store_invalid_record',
      `The time "${isoTime}" in ${field} is not a valid ISO 8601 time. Send a time such as 2026-01-31T09:15:00Z.`,
      { field, value: isoTime },
    );
  }

  return milliseconds;
}

export function isoOf(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
}

export function isoOrNull(milliseconds: number | null): string | null {
  return milliseconds === null ? null : isoOf(milliseconds);
}

/** Parses a record with a shared schema; a failure names the first invalid field. */
export function parseRecord<T>(what: string, schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }

  const issue = result.error.issues[0];
  const field = issue === undefined ? '(unknown)' : issue.path.join('.') || '(root)';
  throw storeError(
    'store_invalid_record',
    `The ${what} has an invalid ${field}: ${issue?.message ?? 'invalid value'}. Correct it and try again.`,
    { what, field, issues: result.error.issues.slice(0, 5) },
  );
}
