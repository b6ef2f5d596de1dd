import { Readable } from 'node:stream';

import type { AccountSettings, Product } from '../../shared/domain';
import { productSchema } from '../../shared/domain';
import { pullResponseSchema, pushResponseSchema } from '../../shared/sync/protocol';
import type { PullResponse, PushRequest, PushResponse } from '../../shared/sync/protocol';
import type { Logger } from '../logger';
import { BackendError } from './errors';
import { createHttpTransport } from './http';
import type { HttpTransport } from './http';
import {
  accountSettingsAnswerSchema,
  bulkEditResultSchema,
  openOrdersPageSchema,
  orderDetailSchema,
  productsPageSchema,
  serialReportPageSchema,
  shipmentDetailSchema,
  shipmentSchema,
} from './schemas';
import type {
  AccountSettingsAnswer,
  BulkEditResult,
  OrderDetail,
  ProductsPage,
  SerialReportPage,
  ShipmentAnswer,
  ShipmentDetail,
} from './schemas';

export interface BackendClientOptions {
  baseUrl: string;
  /** Station or admin token; admin routes need an admin token. Never logged. */
  token: string;
  logger: Logger;
  /** Time limit of one request in milliseconds (default 30 s). */
  timeoutMs?: number;
}

/** Per-call settings: a time limit in milliseconds and a signal that cancels the request. */
export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface SerialReportQuery {
  serials?: readonly string[];
  sku?: string;
  orderNumber?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/** Fields of a product that an edit may change; absent fields stay as they are. */
export type ProductChange = Partial<
  Pick<Product, 'name' | 'kind' | 'needsSerialNumber' | 'barcodes' | 'serialFormat'>
>;

export type BackendClient = ReturnType<typeof createBackendClient>;

/**
 * A typed client of the server's `/v1` API. Every JSON response is parsed with zod, so a
 * server of another version fails loudly as `backend_invalid_response`. Failures are
 * `BackendError`s: `retryable` ones (no response, timeout, 5xx) may be sent again unchanged,
 * while HTTP 4xx responses keep the server's code and message.
 */
export function createBackendClient(options: BackendClientOptions) {
  const http = createHttpTransport(options);

  return {
    baseUrl: http.baseUrl,

    /** Sends outbox events; the response has one result per event (`applied`, `duplicate`, ...). */
    push: (request: PushRequest, options: CallOptions = {}): Promise<PushResponse> =>
      http.json('POST', '/sync/push', pushResponseSchema, { json: request, ...options }),

    /** Products, orders and settings changed since `cursor` (null for the first pull). */
    pull: (cursor: string | null, options: CallOptions & { limit?: number } = {}) =>
      http.json('GET', '/sync/pull', pullResponseSchema, {
        query: { cursor: cursor ?? undefined, limit: options.limit },
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      }) as Promise<PullResponse>,

    /** The order with its units and shipment, or null when the server has no such order. */
    getOrder: (orderNumber: string): Promise<OrderDetail | null> =>
      nullWhenNotFound(
        http.json('GET', `/orders/${segment(orderNumber)}`, orderDetailSchema),
        'order_not_found',
      ),

    listOpenOrders: (page: { after?: string; limit?: number } = {}) =>
      http.json('GET', '/orders', openOrdersPageSchema, { query: page }),

    /** Claims an order for `stationId` directly; packing claims through a sync event instead. */
    claimOrder: (orderNumber: string, stationId: string): Promise<OrderDetail> =>
      http.json('POST', `/orders/${segment(orderNumber)}/claim`, orderDetailSchema, {
        json: { stationId },
      }),

    /** Creates the shipment of a fully packed order, or returns the one it already has. */
    createShipment: (orderNumber: string, options: CallOptions = {}): Promise<ShipmentAnswer> =>
      http.json('POST', `/orders/${segment(orderNumber)}/shipment`, shipmentSchema, {
        json: {},
        ...options,
      }),

    getShipment: (trackingNumber: string): Promise<ShipmentDetail> =>
      http.json('GET', `/shipments/${segment(trackingNumber)}`, shipmentDetailSchema),

    /** Downloads the 4×6 inch label as PDF bytes. */
    async labelPdf(trackingNumber: string): Promise<Buffer> {
      const response = await http.raw('GET', `/shipments/${segment(trackingNumber)}/label.pdf`, {
        accept: 'application/pdf',
      });
      const bytes = Buffer.from(await bodyBytes(response, http));
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new BackendError(
          'backend_invalid_response',
          `The label of shipment ${trackingNumber} from ${http.baseUrl} is not a PDF file.`,
          false,
          { trackingNumber },
        );
      }

      return bytes;
    },

    /** Downloads the label as ZPL II text for 203 dpi printers. */
    async labelZpl(trackingNumber: string): Promise<string> {
      const response = await http.raw('GET', `/shipments/${segment(trackingNumber)}/label.zpl`, {
        accept: 'application/zpl',
      });
      return Buffer.from(await bodyBytes(response, http)).toString('utf8');
    },

    searchSerialReport: (query: SerialReportQuery = {}): Promise<SerialReportPage> =>
      http.json('GET', '/reports/serial-numbers', serialReportPageSchema, {
        query: reportQuery(query),
      }),

    /**
     * Streams the whole Serial Number Report for `query` as CSV bytes (UTF-8 with a BOM),
     * read as the server writes it, so a large report never sits in memory.
     */
    async serialReportCsv(query: Omit<SerialReportQuery, 'cursor' | 'limit'> = {}) {
      const response = await http.raw('GET', '/reports/serial-numbers', {
        query: reportQuery(query),
        accept: 'text/csv',
        timeoutMs: 30 * 60_000,
      });
      if (response.body === null) {
        return Readable.from([]);
      }

      return Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]);
    },

    searchProducts: (query: { q?: string; after?: string; limit?: number } = {}) =>
      http.json('GET', '/products', productsPageSchema, { query }) as Promise<ProductsPage>,

    getProduct: (sku: string): Promise<Product | null> =>
      nullWhenNotFound(
        http.json('GET', `/products/${segment(sku)}`, productSchema),
        'product_not_found',
      ),

    /** Admin: edits one product. Switching Needs Serial Number off is rejected here. */
    updateProduct: (sku: string, change: ProductChange): Promise<Product> =>
      http.json('PATCH', `/products/${segment(sku)}`, productSchema, { json: change }),

    /** Admin: applies one change to many SKUs; with `atomic` one rejection changes nothing. */
    bulkEditProducts: (request: {
      skus: readonly string[];
      change: ProductChange;
      atomic?: boolean;
      dryRun?: boolean;
    }): Promise<BulkEditResult> =>
      http.json('POST', '/products/bulk-edit', bulkEditResultSchema, { json: request }),

    /** Admin: applies a Bulk Edit CSV file (its text) with a result per row. */
    importBulkEditCsv: (
      csv: string,
      options: { dryRun?: boolean; atomic?: boolean } = {},
    ): Promise<BulkEditResult> =>
      http.json('POST', '/products/bulk-edit.csv', bulkEditResultSchema, {
        raw: { body: csv, contentType: 'text/csv; charset=utf-8' },
        query: { dryRun: flag(options.dryRun), atomic: flag(options.atomic) },
        timeoutMs: 10 * 60_000,
      }),

    /** Admin: the audited switch-off of Needs Serial Number. */
    disableSerialTracking: (sku: string, reason: string): Promise<Product> =>
      http.json('POST', `/products/${segment(sku)}/serial-tracking/disable`, productSchema, {
        json: { reason },
      }),

    getSettings: (): Promise<AccountSettingsAnswer> =>
      http.json('GET', '/settings', accountSettingsAnswerSchema),

    /** Admin: replaces the account settings. */
    putSettings: (settings: AccountSettings): Promise<AccountSettingsAnswer> =>
      http.json('PUT', '/settings', accountSettingsAnswerSchema, { json: settings }),
  };
}

function segment(value: string): string {
  return encodeURIComponent(value);
}

function flag(value: boolean | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }

  return value ? '1' : '0';
}

function reportQuery(query: SerialReportQuery) {
  return {
    serial: query.serials,
    sku: query.sku,
    orderNumber: query.orderNumber,
    from: query.from,
    to: query.to,
    cursor: query.cursor,
    limit: query.limit,
  };
}

async function nullWhenNotFound<T>(request: Promise<T>, code: string): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof BackendError && error.code === code) {
      return null;
    }

    throw error;
  }
}

async function bodyBytes(response: Response, http: HttpTransport): Promise<ArrayBuffer> {
  try {
    return await response.arrayBuffer();
  } catch (error) {
    throw new BackendError(
      'backend_unreachable',
      `The connection to ${http.baseUrl} broke while a label was downloading. The station retries.`,
      true,
      { cause: error instanceof Error ? error.message : String(error) },
    );
  }
}
