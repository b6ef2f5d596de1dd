import type { AccountSettings, Order, Product } from '../../shared/domain';
import type {
  CsvImportResult,
  bulkEditResultSchema,
  productChangesSchema,
} from '../../shared/ipc/channels/admin';
import type { ReportRow, SyncStatus } from '../../shared/ipc/channels/supervisor';
import type { ScannerDevice } from '../../shared/ipc/channels/station';
import type { Scan } from '../../shared/scanner/scan';
import type { z } from 'zod';

/**
 * The narrow interfaces the packing service and the IPC handlers need from the sync
 * engine, the backend client, the station configuration and the scanner manager. The
 * real modules satisfy them; tests may pass their own at the edge of the world.
 */

/** A label the server created for an order, as the station recorded it. */
export interface ShipmentRecord {
  shipmentId: string;
  orderNumber: string;
  trackingNumber: string;
  shippedAt: string;
}

/**
 * The outcome of asking for a label. `label_pending` means the server could not be reached
 * (or has not yet received the order's events); the engine keeps trying on its own and
 * records the shipment in the station store when the label exists.
 */
export type ShipOutcome =
  { status: 'shipped'; shipment: ShipmentRecord } | { status: 'label_pending'; reason: string };

export interface SyncPort {
  /** Starts a push soon; called after every outbox write. */
  wake(): void;
  status(): SyncStatus;
  retryNow(): Promise<SyncStatus>;
  /** Marks a rejected event handled; `actor` and `note` go to the audit log. */
  dismissRejected(seq: number, note: string, actor: string): Promise<SyncStatus> | SyncStatus;
  /** Calls `listener` on every status change, including a label pending becoming shipped. */
  subscribe(listener: (status: SyncStatus) => void): () => void;
  /**
   * Fetches an order that is not cached, stores it (and its products) in the station store
   * and returns it; null when the server does not know it. Throws an AppError when the
   * server cannot be reached.
   */
  fetchOrder(orderNumber: string): Promise<Order | null>;
  /** Flushes the order's events, then asks for its label. */
  shipOrder(orderNumber: string): Promise<ShipOutcome>;
  /** The label of a shipment: PDF bytes and ZPL text. */
  label(trackingNumber: string): Promise<{ pdf: Uint8Array; zpl: string }>;
  close(): Promise<void>;
}

export type ProductChanges = z.output<typeof productChangesSchema>;
export type BulkEditResult = z.output<typeof bulkEditResultSchema>;

export interface ReportPage {
  rows: ReportRow[];
  nextCursor: string | null;
}

export interface ReportFilters {
  serials?: string[];
  sku?: string;
  orderNumber?: string;
  from?: string;
  to?: string;
}

/** The backend's HTTP API as far as the supervisor and admin screens use it. */
export interface BackendPort {
  searchReport(
    filters: ReportFilters,
    page: { cursor?: string; limit: number },
  ): Promise<ReportPage>;
  /** The report as CSV, streamed in chunks as the server sends them. */
  exportReportCsv(filters: ReportFilters): Promise<AsyncIterable<Uint8Array>>;
  searchProducts(query: {
    query?: string;
    cursor?: string;
    limit: number;
  }): Promise<{ products: Product[]; nextCursor: string | null }>;
  updateProduct(sku: string, changes: ProductChanges): Promise<Product>;
  bulkEditProducts(skus: string[], changes: ProductChanges): Promise<BulkEditResult[]>;
  importProductsCsv(
    csv: string,
    options: { dryRun: boolean; onProgress: (sentBytes: number, totalBytes: number) => void },
  ): Promise<CsvImportResult>;
  getSettings(): Promise<AccountSettings>;
  updateSettings(changes: Partial<AccountSettings>): Promise<AccountSettings>;
}

/** The station's resolved configuration. Tokens never leave main and are never logged. */
export interface StationConfig {
  mode: 'standalone' | 'configured';
  backendUrl: string | null;
  stationToken: string | null;
  /** Present when the station may use the admin screens against a configured backend. */
  adminToken: string | null;
  stationName: string;
  packerName: string;
  /** Folder of the station database, logs and exports. */
  dataFolder: string;
}

export interface StationConfigChanges {
  backendUrl?: string | null;
  /** An empty string removes the stored token. */
  token?: string;
  stationName?: string;
  packerName?: string;
}

export interface ConfigPort {
  get(): StationConfig;
  update(changes: StationConfigChanges): Promise<StationConfig> | StationConfig;
}

export interface ScannerConfigInput {
  vendorId: number;
  productId: number;
  enabled: boolean;
  layout: ScannerDevice['layout'];
}

/** The scanner manager: HID discovery, decoding and the raw-report stream for diagnostics. */
export interface ScannerPort {
  list(): Promise<ScannerDevice[]>;
  configure(input: ScannerConfigInput): Promise<ScannerDevice[]>;
  /** Turns the raw-report stream on or off. */
  watch(enabled: boolean): void;
  onScan(listener: (scan: Scan) => void): () => void;
  onReport(listener: (report: { device: string; hex: string; at: string }) => void): () => void;
  onDevicesChanged(listener: (devices: ScannerDevice[]) => void): () => void;
  onProblem(
    listener: (problem: { device: string | null; code: string; message: string }) => void,
  ): () => void;
  close(): Promise<void>;
}
