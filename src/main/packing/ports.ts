import type { ScannerDevice, StationSettings } from '../../shared/ipc/channels/station';
import type { Scan } from '../../shared/scanner/scan';
import type { BackendClient } from '../backend';
import type { ShipOutcome, SyncEngine } from '../sync';

/**
 * The parts of the sync engine, the backend client, the station configuration and the
 * scanner manager that the packing service and the IPC handlers use.
 */

/**
 * The sync engine as the packing service and the sync screen use it: wake after an outbox
 * write, fetch an uncached order, ship (label pending while offline, shipped by itself
 * later), label files, status and rejected events.
 */
export type SyncPort = Pick<
  SyncEngine,
  | 'wake'
  | 'status'
  | 'retryNow'
  | 'dismissRejected'
  | 'onStatus'
  | 'fetchOrder'
  | 'shipOrder'
  | 'label'
>;

export type { ShipOutcome };

/**
 * The backend client as the supervisor and admin screens use it. A client made with the
 * station token serves the report; one made with an admin token also serves the admin
 * screens.
 */
export type BackendPort = Pick<
  BackendClient,
  | 'searchSerialReport'
  | 'serialReportCsv'
  | 'searchProducts'
  | 'updateProduct'
  | 'bulkEditProducts'
  | 'importBulkEditCsv'
  | 'getSettings'
  | 'putSettings'
>;

/** The station and packer names stored with every packed unit. */
export interface StationIdentity {
  stationName: string;
  packerName: string;
}

export interface StationSettingsChanges {
  backendUrl?: string | null;
  /** An empty string removes the stored token. */
  token?: string;
  stationName?: string;
  packerName?: string;
}

/** The station's configuration as the settings screen and the packing service read it. */
export interface ConfigPort {
  settings(): StationSettings;
  identity(): StationIdentity;
  update(changes: StationSettingsChanges): Promise<StationSettings>;
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
