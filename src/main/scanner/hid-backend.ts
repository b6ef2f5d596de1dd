/**
 * The edge between the scanner layer and the HID library. The real implementation wraps
 * node-hid (node-hid-backend.ts); tests pass a fake that emits the same events.
 */

/** A HID interface as the OS lists it. Usage page and usage are null when not reported. */
export interface HidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  usagePage: number | null;
  usage: number | null;
  manufacturer: string | null;
  product: string | null;
  serialNumber: string | null;
  interfaceNumber: number | null;
}

/**
 * An open device. It emits 'data' with one input report per event, 'error' when a read
 * fails (node-hid's way of saying the device went away), and 'close' when it closes.
 */
export interface HidConnection {
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  removeListener(event: 'data', listener: (report: Uint8Array) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'close', listener: () => void): unknown;
  close(): void;
}

export interface HidBackend {
  listDevices(): Promise<HidDeviceInfo[]>;
  /** Opens a device by path; throws when the OS refuses (permissions, device gone). */
  open(path: string): Promise<HidConnection>;
  /** Returns the device's report descriptor where the OS exposes it, else null. */
  readReportDescriptor(path: string): Promise<Uint8Array | null>;
  /** Explains why a device cannot be opened, where the OS can tell, else null. */
  explainOpenFailure(path: string): Promise<string | null>;
}
