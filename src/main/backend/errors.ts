import { AppError } from '../../shared/errors';

/**
 * Codes for failures of the HTTP exchange itself. A request that the server rejected with its
 * own `{"error": {code, message}}` body keeps the server's code (`order_not_found`,
 * `order_incomplete`, ...) instead.
 */
export type BackendErrorCode =
  | 'backend_not_configured'
  | 'backend_unreachable'
  | 'backend_timeout'
  | 'backend_request_cancelled'
  | 'backend_server_error'
  | 'backend_unauthorized'
  | 'backend_forbidden'
  | 'backend_invalid_response';

/**
 * An error from the backend client. `retryable` is true for failures that may pass on
 * their own (connection refused or reset, timeout, HTTP 5xx, 408 and 429): the same request
 * may be sent again unchanged. Everything else needs a person or a code change first.
 */
export class BackendError extends AppError {
  constructor(
    code: BackendErrorCode | (string & {}),
    message: string,
    readonly retryable: boolean,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
  }
}

export function isRetryable(error: unknown): boolean {
  return error instanceof BackendError && error.retryable;
}

/** Turns a `fetch` failure (no HTTP response at all) into a retryable `BackendError`. */
export function transportError(error: unknown, target: string, timeoutMs: number): BackendError {
  if (error instanceof Error && error.name === 'AbortError') {
    return new BackendError(
      'backend_request_cancelled',
      `The request to ${target} was cancelled because the station is stopping. The work is kept and sent at the next start.`,
      true,
      { target },
    );
  }

  if (isTimeout(error)) {
    return new BackendError(
      'backend_timeout',
      `The server at ${target} did not answer within ${timeoutMs} ms. The station keeps the work and retries.`,
      true,
      { target, timeoutMs },
    );
  }

  const cause = causeCode(error);
  return new BackendError(
    'backend_unreachable',
    `The server at ${target} cannot be reached${cause === undefined ? '' : ` (${cause})`}. Check the network and the backend address; the station keeps the work and retries.`,
    true,
    cause === undefined ? { target } : { target, cause },
  );
}

/** Turns an HTTP error response into a `BackendError` that keeps the server's code and message. */
export function httpError(
  status: number,
  body: { code: string; message: string; details?: Record<string, unknown> } | null,
  target: string,
): BackendError {
  if (status === 401) {
    return new BackendError(
      'backend_unauthorized',
      `The server at ${target} did not accept this station's token. Ask IT for a new token and enter it in the station settings.`,
      false,
      { target, status },
    );
  }

  if (status === 403) {
    return new BackendError(
      'backend_forbidden',
      body?.message ??
        `The token of this station may not do this at ${target}. Use an admin token.`,
      false,
      { target, status },
    );
  }

  if (status >= 500 || status === 408 || status === 429) {
    const said = body === null ? '' : ` (${body.code}: ${body.message})`;
    return new BackendError(
      'backend_server_error',
      `The server at ${target} failed with HTTP ${status}${said}. The station keeps the work and retries.`,
      true,
      { target, status, serverCode: body?.code },
    );
  }

  if (body === null) {
    return new BackendError(
      'backend_invalid_response',
      `The server at ${target} answered HTTP ${status} without an error body. Check that the backend address points at a Packing Station server.`,
      false,
      { target, status },
    );
  }

  return new BackendError(body.code, body.message, false, { ...body.details, status });
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

/** Finds the socket-level code behind undici's "fetch failed", such as ECONNREFUSED. */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }

    current = current.cause;
  }

  return undefined;
}
