import { AppError } from '../../shared/errors';

/** Codes of the errors starting or stopping the embedded server can raise. */
export type EmbeddedErrorCode =
  'embedded_server_failed' | 'embedded_server_timeout' | 'embedded_server_stopped';

export function embeddedError(
  code: EmbeddedErrorCode,
  message: string,
  details?: Record<string, unknown>,
): AppError {
  return new AppError(code, message, details);
}
