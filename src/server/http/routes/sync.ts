import { z } from 'zod';

import { pushEnvelopeSchema } from '../../../shared/sync/protocol';
import type { Database } from '../../db/database';
import type { Logger } from '../../logger';
import { pullChanges } from '../../sync/pull';
import { applyPush } from '../../sync/push';
import { route } from '../route';
import { pageLimit } from './query-values';

export function syncRoutes(database: Database, logger: Logger) {
  const pushLogger = logger.child({ component: 'sync-push' });
  return [
    route({
      method: 'POST',
      url: '/sync/push',
      summary: "Apply a station's outbox events exactly once, in seq order per client id",
      role: 'station',
      body: pushEnvelopeSchema,
      checkBodyCharacters: false,
      responses: {
        200: '{lastSeq, results}: one result per event; a malformed payload is a `rejected` result',
        400: 'invalid_request or push_out_of_order (the envelope, not a payload)',
        403: 'client_token_mismatch',
      },
      handler: async ({ body, identity }) => applyPush(database, body, identity, pushLogger),
    }),
    route({
      method: 'GET',
      url: '/sync/pull',
      summary: 'Products, settings and orders changed since a cursor',
      role: 'station',
      query: z.object({ cursor: z.string().max(500).optional(), limit: pageLimit(2_000, 500) }),
      responses: { 200: '{cursor, products, orders, settings, hasMore}', 400: 'invalid_cursor' },
      handler: async ({ query }) => pullChanges(database.db, query.cursor, query.limit),
    }),
  ];
}
