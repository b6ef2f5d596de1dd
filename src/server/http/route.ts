import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

import type { TokenIdentity, TokenRole } from '../auth/tokens';
import { serverError } from '../errors';

/** One API route: its auth, schemas and handler, also the source of the OpenAPI document. */
export interface RouteSpec<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify path under /v1 with `:name` parameters. */
  url: string;
  summary: string;
  /** Minimum role: admin tokens may call station routes too. */
  role: TokenRole;
  params?: Params;
  query?: Query;
  body?: Body;
  /** `text/csv` routes receive the body as a string. */
  bodyType?: 'application/json' | 'text/csv';
  bodyLimit?: number;
  /** Status code → description, for the OpenAPI document. */
  responses: Record<number, string>;
  /** Content type of the 200/201 answer when it is not JSON. */
  produces?: string[];
  handler: (context: {
    params: z.output<Params>;
    query: z.output<Query>;
    body: z.output<Body>;
    identity: TokenIdentity;
    request: FastifyRequest;
    reply: FastifyReply;
  }) => Promise<unknown>;
}

export function route<Params extends z.ZodType, Query extends z.ZodType, Body extends z.ZodType>(
  spec: RouteSpec<Params, Query, Body>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

declare module 'fastify' {
  interface FastifyRequest {
    identity?: TokenIdentity;
  }
}

/** Registers a route whose params, query and body are parsed with its zod schemas. */
export function registerRoute(app: FastifyInstance, spec: RouteSpec): void {
  app.route({
    method: spec.method,
    url: `/v1${spec.url}`,
    bodyLimit: spec.bodyLimit,
    handler: async (request, reply) => {
      const identity = request.identity;
      if (identity === undefined) {
        throw serverError(
          'unauthorized',
          'A bearer token is required. Send "Authorization: Bearer TOKEN".',
        );
      }
      if (spec.role === 'admin' && identity.role !== 'admin') {
        throw serverError(
          'forbidden',
          `This operation needs an admin token; the token "${identity.name}" is a station token.`,
        );
      }
      if (
        spec.bodyType === 'text/csv' &&
        !String(request.headers['content-type'] ?? '').startsWith('text/csv')
      ) {
        throw serverError('unsupported_media_type', 'Send the file with "Content-Type: text/csv".');
      }

      const params = spec.params === undefined ? request.params : spec.params.parse(request.params);
      const query = spec.query === undefined ? request.query : spec.query.parse(request.query);
      const body = spec.body === undefined ? request.body : spec.body.parse(request.body ?? {});
      return spec.handler({ params, query, body, identity, request, reply });
    },
  });
}
