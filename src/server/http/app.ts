import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';

import { AppError } from '../../shared/errors';
import type { Database } from '../db/database';
import { httpStatusFor } from '../errors';
import type { Logger } from '../logger';
import { buildOpenApiDocument } from './openapi';
import { addRequestChecks } from './request-checks';
import { registerRoute } from './route';
import type { RouteSpec } from './route';
import { catalogRoutes } from './routes/catalog';
import { orderRoutes } from './routes/orders';
import { reportRoutes } from './routes/reports';
import { settingsRoutes } from './routes/settings';
import { shipmentRoutes } from './routes/shipments';
import { syncRoutes } from './routes/sync';

/** JSON bodies: a full push batch of 500 events fits with room to spare. */
const jsonBodyLimit = 2 * 1024 * 1024;

export function allRoutes(database: Database, logger: Logger): RouteSpec[] {
  return [
    ...catalogRoutes(database),
    ...settingsRoutes(database),
    ...orderRoutes(database),
    ...syncRoutes(database, logger),
    ...shipmentRoutes(database),
    ...reportRoutes(database),
  ];
}

/**
 * Builds the HTTP API. Every route under /v1 needs a bearer token; errors are sent as `{"error": {"code", "message", "details"}}` with the status of their code.
 */
export function buildApp(database: Database, logger: Logger): FastifyInstance {
  const httpLogger = logger.child({ component: 'http' });
  const app = Fastify({
    loggerInstance: httpLogger as FastifyBaseLogger,
    bodyLimit: jsonBodyLimit,
  }) as unknown as FastifyInstance;

  app.addContentTypeParser(/^text\/csv(;|$)/i, { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  addRequestChecks(app, database);

  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const { status, body } = toErrorBody(error);
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    void reply.status(status).send({ error: body });
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: {
        code: 'not_found',
        message: `No route ${request.method} ${request.url.split('?')[0]}. See /v1/openapi.json for the API.`,
      },
    });
  });

  const routes = allRoutes(database, logger);
  for (const spec of routes) registerRoute(app, spec);
  const openApi = buildOpenApiDocument(routes);
  const openApiAccess = {
    role: 'station',
    bodyType: 'application/json',
    checkBodyCharacters: true,
  } as const;
  app.get('/v1/openapi.json', { config: { access: openApiAccess } }, async () => openApi);

  return app;
}

function toErrorBody(error: FastifyError | Error): {
  status: number;
  body: Record<string, unknown>;
} {
  if (error instanceof AppError) {
    return { status: httpStatusFor(error.code), body: { ...error.toBody() } };
  }
  if (error instanceof ZodError) {
    const issues = error.issues
      .slice(0, 20)
      .map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const first = issues[0];
    const message =
      first === undefined
        ? 'The request is invalid.'
        : `Invalid request: ${first.path === '' ? '' : `${first.path}: `}${first.message}.`;
    return { status: 400, body: { code: 'invalid_request', message, details: { issues } } };
  }

  const fastifyCode = (error as FastifyError).code;
  switch (fastifyCode) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: {
          code: 'payload_too_large',
          message: 'The request body is larger than this route accepts. Send it in smaller parts.',
        },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: {
          code: 'unsupported_media_type',
          message:
            'Unsupported Content-Type. Send application/json, or text/csv where the route takes a file.',
        },
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        body: {
          code: 'invalid_json',
          message:
            'The request body is not valid JSON, or it contains a "__proto__" or "constructor" key, which is not accepted. Check the JSON syntax and send it again.',
        },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        body: {
          code: 'invalid_json',
          message: 'The request body is empty or cut short. Send a JSON body.',
        },
      };
    default:
      break;
  }
  if ((error as FastifyError).statusCode === 400 && error instanceof SyntaxError) {
    return {
      status: 400,
      body: {
        code: 'invalid_json',
        message: `The request body is not valid JSON: ${error.message}.`,
      },
    };
  }
  const statusCode = (error as FastifyError).statusCode;
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, body: { code: 'invalid_request', message: error.message } };
  }
  return {
    status: 500,
    body: {
      code: 'internal_error',
      message:
        'The server failed to handle the request. The error is in the server log; try again.',
    },
  };
}
