import { z } from 'zod';

import type { Database } from '../../db/database';
import { renderLabelPdf } from '../../shipments/label-pdf';
import { renderLabelZpl } from '../../shipments/label-zpl';
import { createShipment, getLabelData } from '../../shipments/shipments';
import { route } from '../route';

const trackingParams = z.object({ trackingNumber: z.string().min(1).max(64) });

export function shipmentRoutes({ db }: Database) {
  return [
    route({
      method: 'POST',
      url: '/orders/:orderNumber/shipment',
      summary: 'Ship a fully packed order: tracking number and label',
      role: 'station',
      params: z.object({ orderNumber: z.string().min(1).max(64) }),
      responses: {
        201: 'The new shipment with label links',
        200: 'The order was shipped already: its existing shipment',
        404: 'order_not_found',
        409: 'order_incomplete, serial_missing or order_not_open',
      },
      handler: async ({ params, identity, request, reply }) => {
        const { shipment, created } = await createShipment(db, params.orderNumber, identity);
        if (created) {
          request.log.info(
            {
              orderNumber: shipment.orderNumber,
              trackingNumber: shipment.trackingNumber,
              actor: identity.name,
            },
            'shipment created',
          );
        }
        const base = `/v1/shipments/${encodeURIComponent(shipment.trackingNumber)}`;
        return reply
          .status(created ? 201 : 200)
          .send({ ...shipment, labels: { pdf: `${base}/label.pdf`, zpl: `${base}/label.zpl` } });
      },
    }),
    route({
      method: 'GET',
      url: '/shipments/:trackingNumber',
      summary: 'Get a shipment with its items and serials',
      role: 'station',
      params: trackingParams,
      responses: { 200: 'The shipment', 404: 'shipment_not_found' },
      handler: async ({ params }) => getLabelData(db, params.trackingNumber),
    }),
    route({
      method: 'GET',
      url: '/shipments/:trackingNumber/label.pdf',
      summary: 'The 4×6 inch shipping label as PDF',
      role: 'station',
      params: trackingParams,
      produces: ['application/pdf'],
      responses: { 200: 'application/pdf', 404: 'shipment_not_found' },
      handler: async ({ params, reply }) => {
        const pdf = await renderLabelPdf(await getLabelData(db, params.trackingNumber));
        return reply.type('application/pdf').send(pdf);
      },
    }),
    route({
      method: 'GET',
      url: '/shipments/:trackingNumber/label.zpl',
      summary: 'The 4×6 inch shipping label as ZPL II for 203 dpi printers',
      role: 'station',
      params: trackingParams,
      produces: ['application/zpl'],
      responses: { 200: 'ZPL text', 404: 'shipment_not_found' },
      handler: async ({ params, reply }) => {
        const zpl = renderLabelZpl(await getLabelData(db, params.trackingNumber));
        return reply.type('application/zpl; charset=utf-8').send(zpl);
      },
    }),
  ];
}
