import type { FastifyInstance, FastifyRequest } from 'fastify';

import { authenticateToken } from '../auth/tokens';
import type { TokenIdentity } from '../auth/tokens';
import type { Database } from '../db/database';
import { serverError } from '../errors';
import { mediaTypeOf } from './media-type';
import { requireCleanText } from './text-safety';

/**
 * Adds the checks every /v1 route runs before its handler. Authentication, the role and the
 * Content-Type of a CSV route are checked in onRequest, so a request without a valid token
 * gets 401 before its body is read. After parsing, params, query and JSON body are checked
 * for U+0000 and lone surrogates, which PostgreSQL text cannot store faithfully.
 */
export function addRequestChecks(app: FastifyInstance, database: Database): void {
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;

    const identity = await identify(database, request);
    if (access.role === 'admin' && identity.role !== 'admin') {
      throw serverError(
        'forbidden',
        `This operation needs an admin token; the token "${identity.name}" is a station token.`,
      );
    }
    request.identity = identity;

    const hasBody =
      request.headers['content-length'] !== undefined ||
      request.headers['transfer-encoding'] !== undefined;
    if (
      access.bodyType === 'text/csv' &&
      hasBody &&
      mediaTypeOf(request.headers['content-type']) !== 'text/csv'
    ) {
      throw serverError('unsupported_media_type', 'Send the file with "Content-Type: text/csv".');
    }
  });

  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;

    requireCleanText(request.params, 'path');
    requireCleanText(request.query, 'query');
    if (access.checkBodyCharacters) requireCleanText(request.body, 'body');
  });
}

async function identify(database: Database, request: FastifyRequest): Promise<TokenIdentity> {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === '') {
    throw serverError(
      'unauthorized',
      'A bearer token is required. Send "Authorization: Bearer TOKEN".',
    );
  }

  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) {
    throw serverError(
      'unauthorized',
      'The Authorization header is not a bearer token. Send "Authorization: Bearer TOKEN".',
    );
  }

  const identity = await authenticateToken(database.db, match[1]!);
  if (identity === null) {
    throw serverError(
      'unauthorized',
      'The bearer token is unknown or revoked. Ask an administrator for a valid token.',
    );
  }
  return identity;
}
