import type { ZodType } from 'zod';
import { z } from 'zod';

import type { Logger } from '../logger';
import { BackendError, httpError, transportError } from './errors';

export interface HttpOptions {
  /** Base address of the server, such as `http://127.0.0.1:8080`; routes live under `/v1`. */
  baseUrl: string;
  /** Bearer token. It is sent in the Authorization header only and never logged. */
  token: string;
  logger: Logger;
  /** Time limit of one request, body included, in milliseconds. */
  timeoutMs?: number;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  json?: unknown;
  /** A raw body with its content type, such as a CSV file. */
  raw?: { body: string; contentType: string };
  accept?: string;
  timeoutMs?: number;
  /** Cancels the request, for example when the sync engine stops. */
  signal?: AbortSignal;
}

export interface HttpTransport {
  readonly baseUrl: string;
  /** Sends a request and parses the JSON response with `schema`; HTTP errors throw `BackendError`. */
  json<T>(method: string, path: string, schema: ZodType<T>, options?: RequestOptions): Promise<T>;
  /** Sends a request and returns the successful `Response` with its body unread. */
  raw(method: string, path: string, options?: RequestOptions): Promise<Response>;
}

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

const defaultTimeoutMs = 30_000;

export function createHttpTransport(options: HttpOptions): HttpTransport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const logger = options.logger.child({ component: 'backend-client' });
  const authorization = `Bearer ${options.token}`;

  async function send(method: string, path: string, request: RequestOptions): Promise<Response> {
    const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? defaultTimeoutMs;
    const url = urlOf(baseUrl, path, request.query);
    const headers: Record<string, string> = {
      authorization,
      accept: request.accept ?? 'application/json',
    };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.raw !== undefined) {
      headers['content-type'] = request.raw.contentType;
      body = request.raw.body;
    }

    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body,
        signal:
          request.signal === undefined
            ? AbortSignal.timeout(timeoutMs)
            : AbortSignal.any([AbortSignal.timeout(timeoutMs), request.signal]),
      });
    } catch (error) {
      const failure = transportError(error, baseUrl, timeoutMs);
      logger.debug({ method, path, code: failure.code, err: error }, 'request failed');
      throw failure;
    }

    const ms = Math.round(performance.now() - started);
    logger.debug({ method, path, status: response.status, ms }, 'request completed');
    if (!response.ok) {
      throw httpError(response.status, await errorBodyOf(response), baseUrl);
    }

    return response;
  }

  return {
    baseUrl,

    async json(method, path, schema, request = {}) {
      const response = await send(method, path, request);
      const text = await readBody(response, baseUrl, request.timeoutMs ?? options.timeoutMs);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw invalidResponse(method, path, 'the body is not JSON', baseUrl);
      }

      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue === undefined ? '' : `${issue.path.join('.')}: ${issue.message}`;
        throw invalidResponse(method, path, where, baseUrl);
      }

      return parsed.data;
    },

    raw: (method, path, request = {}) => send(method, path, request),
  };
}

/** Reads a body to the end; a connection cut while reading counts as unreachable. */
export async function readBody(
  response: Response,
  target: string,
  timeoutMs = defaultTimeoutMs,
): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw transportError(error, target, timeoutMs);
  }
}

function urlOf(baseUrl: string, path: string, query: RequestOptions['query']): string {
  const url = new URL(`${baseUrl}/v1${path}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) {
      continue;
    }

    const values = Array.isArray(value) ? value : [String(value)];
    for (const item of values) {
      url.searchParams.append(key, item);
    }
  }

  return url.toString();
}

async function errorBodyOf(
  response: Response,
): Promise<{ code: string; message: string; details?: Record<string, unknown> } | null> {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(await response.text()));
    return parsed.success ? parsed.data.error : null;
  } catch {
    return null;
  }
}

function invalidResponse(method: string, path: string, problem: string, target: string) {
  return new BackendError(
    'backend_invalid_response',
    `The server at ${target} sent an answer to ${method} ${path} that this station cannot read (${problem}). Check that the station and the server run matching versions.`,
    false,
    { method, path },
  );
}
