/**
 * The station's typed client of the server's `/v1` HTTP API.
 *
 *   const client = createBackendClient({ baseUrl, token, logger });
 *   const answer = await client.push({ clientId, events });
 *
 * Failures are `BackendError`s; `isRetryable(error)` separates a transport failure (send
 * again unchanged) from a response that needs a person (bad token, rule violation).
 */
export { createBackendClient } from './client';
export type {
  BackendClient,
  BackendClientOptions,
  ProductChange,
  SerialReportQuery,
} from './client';
export { BackendError, isRetryable } from './errors';
export type { BackendErrorCode } from './errors';
export type * from './schemas';
