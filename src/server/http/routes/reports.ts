import type { Database } from '../../db/database';
import {
  readSerialReportPage,
  serialReportQuerySchema,
  streamSerialReportCsv,
} from '../../reports/serial-report';
import { preferredMediaType } from '../media-type';
import { route } from '../route';

export function reportRoutes({ db }: Database) {
  return [
    route({
      method: 'GET',
      url: '/reports/serial-numbers',
      summary:
        'Serial Number Report, sorted by shipped time; `Accept: text/csv` streams all of it as CSV',
      role: 'station',
      query: serialReportQuerySchema,
      produces: ['application/json', 'text/csv'],
      responses: {
        200: '{rows, nextCursor} or, with Accept: text/csv, the whole result as CSV',
        400: 'invalid_request or invalid_cursor',
      },
      handler: async ({ query, request, reply }) => {
        const wanted = preferredMediaType(request.headers.accept, ['application/json', 'text/csv']);
        if (wanted === 'text/csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="serial-numbers.csv"')
            .header(
              'x-csv-formula-guard',
              "cells starting with = + - @ TAB or CR are prefixed with '",
            )
            .send(streamSerialReportCsv(db, query));
        }
        return readSerialReportPage(db, query);
      },
    }),
  ];
}
