import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

import type { TokenIdentity, TokenRole } from '../auth/tokens';

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
  /** `text/csv` routes receive the body as a string and check its characters per row. */
  bodyType?: 'application/json' | 'text/csv';
  /**
   * False for a JSON body whose handler checks for U+0000 and lone surrogates itself, so it
   * can reply per item instead of rejecting the whole request.
   */
  checkBodyCharacters?: boolean;
  bodyLimit?: number;
  /** Status code → description, for the OpenAPI document. */
  responses: Record<number, string>;
  /** Content type of the 200/201 response when it is not JSON. */
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

/** What the onRequest and preValidation hooks need to know about a route. */
export interface RouteAccess {
  role: TokenRole;
  bodyType: 'application/json' | 'text/csv';
  checkBodyCharacters: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    identity?: TokenIdentity;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/**
 * Registers a route whose params, query and body are parsed with its zod schemas. The
 * token, role and Content-Type were already checked in onRequest, before the body was read.
 */
export function registerRoute(app: FastifyInstance, spec: RouteSpec): void {
  const bodyType = spec.bodyType ?? 'application/json';
  app.route({
    method: spec.method,
    url: `/v1${spec.url}`,
    bodyLimit: spec.bodyLimit,
    config: {
      access: {
        role: spec.role,
        bodyType,
        checkBodyCharacters: bodyType === 'application/json' && spec.checkBodyCharacters !== false,
      },
    },
    handler: async (request, reply) => {
      const identity = request.identity;
      if (identity === undefined) throw new Error('onRequest let a request without identity pass');

      const params = spec.params === undefined ? request.params : spec.params.parse(request.params);
      const query = spec.query === undefined ? request.query : spec.query.parse(request.query);
      const body = spec.body === undefined ? request.body : spec.body.parse(request.body ?? {});
      return spec.handler({ params, query, body, identity, request, reply });
    },
  });
}
