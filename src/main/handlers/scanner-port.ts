import type { ScannerDevice } from '../../shared/ipc/channels/station';
import type { Scan } from '../../shared/scanner/scan';
import type { Logger } from '../logger';
import type { ScannerConfigInput, ScannerPort } from '../packing';
import { formatHex } from '../scanner/hex-report';
import type { HidBackend, HidDeviceInfo } from '../scanner/hid-backend';
import {
  classifyDevice,
  deviceMode,
  formatVidPid,
  scannerConfigSchema,
} from '../scanner/scanner-config';
import type { ScannerConfig } from '../scanner/scanner-config';
import { ScannerService } from '../scanner/scanner-service';
import type { ScannerEvent } from '../scanner/scanner-service';
import type { StationStore } from '../store';

export interface ScannerPortOptions {
  hid: HidBackend;
  store: StationStore;
  logger: Logger;
  /** Time between HID device list polls; the scanner service's default when absent. */
  pollIntervalMs?: number;
}

type Problem = { device: string | null; code: string; message: string };
type Report = { device: string; hex: string; at: string };

const configKey = 'scanners';
const emptyConfig: ScannerConfig = { keyboardScanners: [], posProfiles: [] };

/**
 * Starts the scanner manager behind the diagnostics screen and the packing service. It runs the
 * scanner service over the configured devices, keeps the configuration in the station
 * store, and restarts the service when a keyboard-mode scanner is added or removed.
 * Raw reports reach listeners only while watching is on.
 */
export async function startScannerPort(options: ScannerPortOptions): Promise<ScannerPort> {
  const log = options.logger.child({ component: 'scanner-manager' });
  const scanListeners = new Set<(scan: Scan) => void>();
  const reportListeners = new Set<(report: Report) => void>();
  const deviceListeners = new Set<(devices: ScannerDevice[]) => void>();
  const problemListeners = new Set<(problem: Problem) => void>();
  const openFailures = new Map<string, string>();
  let config = options.store.settings.get(configKey, scannerConfigSchema) ?? emptyConfig;
  let watching = false;
  let service = await startService();

  async function startService(): Promise<ScannerService> {
    const next = new ScannerService({
      backend: options.hid,
      config,
      logger: options.logger,
      pollIntervalMs: options.pollIntervalMs,
    });
    next.subscribe(forward);
    await next.start();
    return next;
  }

  function forward(event: ScannerEvent): void {
    switch (event.type) {
      case 'scan':
        for (const listener of scanListeners) listener(event.scan);
        break;
      case 'report':
        if (!watching) break;
        for (const listener of reportListeners) {
          listener({
            device: event.device,
            hex: formatHex(event.report),
            at: new Date(event.at).toISOString(),
          });
        }
        break;
      case 'discarded':
        for (const listener of problemListeners) {
          listener({ device: event.device, code: event.error.code, message: event.error.message });
        }
        break;
      case 'open-failed':
        openFailures.set(event.device, event.message);
        for (const listener of problemListeners) {
          listener({ device: event.device, code: 'scanner_open_failed', message: event.message });
        }
        void announceDevices();
        break;
      case 'attached':
        openFailures.delete(event.device.path);
        void announceDevices();
        break;
      case 'detached':
        void announceDevices();
        break;
      default:
        unknownEvent(event);
    }
  }

  async function announceDevices(): Promise<void> {
    if (deviceListeners.size === 0) return;

    try {
      const devices = await list();
      for (const listener of deviceListeners) listener(devices);
    } catch (error) {
      log.warn({ err: error }, 'listing scanners after a device change failed');
    }
  }

  async function list(): Promise<ScannerDevice[]> {
    const open = new Set(service.openDevices());
    const devices = await options.hid.listDevices();

    return devices
      .filter((device) => deviceMode(device) !== 'other' || isConfigured(device))
      .map((device) => deviceView(device, open.has(device.path)));
  }

  function isConfigured(device: { vendorId: number; productId: number }): boolean {
    return config.keyboardScanners.some(
      (entry) => entry.vendorId === device.vendorId && entry.productId === device.productId,
    );
  }

  function deviceView(device: HidDeviceInfo, readable: boolean): ScannerDevice {
    const classification = classifyDevice(device, config);
    const entry = config.keyboardScanners.find(
      (candidate) =>
        candidate.vendorId === device.vendorId && candidate.productId === device.productId,
    );
    const failure = openFailures.get(device.path) ?? null;

    return {
      id: device.path,
      path: device.path,
      vendorId: device.vendorId,
      productId: device.productId,
      product: device.product,
      manufacturer: device.manufacturer,
      mode: classification.mode,
      enabled: classification.read,
      layout: entry?.layout ?? 'us',
      readable,
      problem: classification.read ? failure : classification.reason,
    };
  }

  return {
    list,

    async configure(input: ScannerConfigInput): Promise<ScannerDevice[]> {
      const others = config.keyboardScanners.filter(
        (entry) => entry.vendorId !== input.vendorId || entry.productId !== input.productId,
      );
      const keyboardScanners = input.enabled
        ? [
            ...others,
            { vendorId: input.vendorId, productId: input.productId, layout: input.layout },
          ]
        : others;
      const next = { ...config, keyboardScanners };

      options.store.settings.put(configKey, scannerConfigSchema, next);
      config = next;
      log.info(
        { device: formatVidPid(input), enabled: input.enabled, layout: input.layout },
        'scanner configuration changed',
      );

      await service.stop();
      service = await startService();
      return list();
    },

    watch(enabled: boolean): void {
      watching = enabled;
      log.info({ watching }, 'raw report stream switched');
    },

    onScan: (listener) => subscribe(scanListeners, listener),
    onReport: (listener) => subscribe(reportListeners, listener),
    onDevicesChanged: (listener) => subscribe(deviceListeners, listener),
    onProblem: (listener) => subscribe(problemListeners, listener),

    close: () => service.stop(),
  };
}

function subscribe<T>(listeners: Set<T>, listener: T): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function unknownEvent(event: never): never {
  throw new Error(`Unhandled scanner event: ${JSON.stringify(event)}`);
}
