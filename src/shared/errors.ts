/**
 * Errors that a person or the UI can act on. `code` is a stable snake_case identifier the
 * UI switches on; `message` is a sentence a packer or supervisor understands and names the
 * offending value; `details` carries machine-readable context (ids, positions, limits).
 */
export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** An expected failure with a code the UI can act on. Anything else is an internal error. */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
