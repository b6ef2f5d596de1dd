import type { ErrorBody } from '../../shared/errors';
import { isAppError } from '../../shared/errors';
import { parseGs1Fields } from '../../shared/scanner/gs1-fields';
import { getLayout } from '../../shared/scanner/layouts';
import type { Gs1Parser, Scan, ScanTerminator } from '../../shared/scanner/scan';
import { buildScan } from '../../shared/scanner/scan';
import type { Logger } from '../logger';
import type { HidBackend, HidConnection, HidDeviceInfo } from './hid-backend';
import { KeyboardScanAssembler } from './keyboard-scan-assembler';
import { PosScanAssembler } from './pos-scan-assembler';
import type { PosReportLayout } from './pos-report-layout';
import { posProfiles, profileForVendor } from './pos-report-layout';
import { posLayoutFromDescriptor } from './report-descriptor';
import type { AssemblyOutput, InterruptReason, ScanAssembler } from './scan-assembler';
import type { ScannerClock } from './scanner-clock';
import { systemClock } from './scanner-clock';
import type { ScannerConfig } from './scanner-config';
import { classifyDevice, formatVidPid } from './scanner-config';

export type ScannerEvent =
  | { type: 'scan'; scan: Scan; terminator: ScanTerminator }
  | { type: 'discarded'; device: string; error: ErrorBody; partialLength: number }
  | {
      type: 'report';
      device: string;
      mode: 'keyboard' | 'pos';
      report: Uint8Array;
      /** Monotonic milliseconds (the clock's `now()`), for gaps between reports. */
      at: number;
      /** Wall-clock time the report arrived. */
      receivedAt: Date;
    }
  | { type: 'attached'; device: HidDeviceInfo; mode: 'keyboard' | 'pos' }
  | { type: 'detached'; device: string; reason: InterruptReason }
  | { type: 'open-failed'; device: string; message: string };

export interface ScannerServiceOptions {
  backend: HidBackend;
  config: ScannerConfig;
  logger: Logger;
  clock?: ScannerClock;
  /**
   * Interval between device list polls. node-hid reports no plug events, so plug and
   * unplug are found by listing devices and comparing; 2 s keeps a replugged scanner
   * usable quickly while listing costs well under a millisecond of CPU per poll.
   */
  pollIntervalMs?: number;
  parseGs1?: Gs1Parser;
}

interface OpenScanner {
  device: HidDeviceInfo;
  mode: 'keyboard' | 'pos';
  connection: HidConnection;
  assembler: ScanAssembler;
  onData: (report: Uint8Array) => void;
  onError: (error: Error) => void;
  onClose: () => void;
  deadline: unknown;
}

/**
 * Finds scanners, reads them and turns their reports into Scans. Devices are listed every
 * `pollIntervalMs`: a new scanner is opened and a vanished one closed. A device whose read
 * failed is reopened at the next poll while it is still listed, which is how a replug is
 * picked up. Every listener attached to a device is removed when it is closed.
 */
export class ScannerService {
  private readonly clock: ScannerClock;
  private readonly pollIntervalMs: number;
  private readonly parseGs1: Gs1Parser;
  private readonly logger: Logger;
  private readonly open = new Map<string, OpenScanner>();
  private readonly opening = new Set<string>();
  private readonly lastOpenFailure = new Map<string, string>();
  private readonly subscribers = new Set<(event: ScannerEvent) => void>();
  private pollTimer: unknown = null;
  private running = false;
  private polling: Promise<void> | null = null;

  constructor(private readonly options: ScannerServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.parseGs1 = options.parseGs1 ?? parseGs1Fields;
    this.logger = options.logger.child({ component: 'scanner' });
  }

  /** Adds a listener for scanner events; returns the function that removes it. */
  subscribe(listener: (event: ScannerEvent) => void): () => void {
    this.subscribers.add(listener);

    return () => this.subscribers.delete(listener);
  }

  /** Starts polling; resolves after the first poll has opened the scanners present. */
  async start(): Promise<void> {
    if (this.running) {
      return;
    }

    this.running = true;
    this.logger.info({ pollIntervalMs: this.pollIntervalMs }, 'scanner discovery started');
    await this.poll();
  }

  /** Stops polling and closes every device; a scan in progress is discarded and reported. */
  async stop(): Promise<void> {
    this.running = false;

    if (this.pollTimer !== null) {
      this.clock.clearTimeout(this.pollTimer);
      this.pollTimer = null;
    }

    await this.polling;

    for (const scanner of [...this.open.values()]) {
      this.detach(scanner, 'closed');
    }

    this.logger.info('scanner discovery stopped');
  }

  /** Paths of the devices being read now. */
  openDevices(): string[] {
    return [...this.open.keys()];
  }

  /** Lists devices once and opens or closes scanners to match; also runs on the poll timer. */
  async poll(): Promise<void> {
    if (this.polling !== null) {
      return this.polling;
    }

    this.polling = this.pollDevices().finally(() => {
      this.polling = null;
      this.schedulePoll();
    });

    return this.polling;
  }

  private async pollDevices(): Promise<void> {
    let devices: HidDeviceInfo[];

    try {
      devices = await this.options.backend.listDevices();
    } catch (error) {
      this.logger.error({ err: error }, 'listing HID devices failed; retrying at the next poll');

      return;
    }

    const present = new Set(devices.map((device) => device.path));

    for (const scanner of [...this.open.values()]) {
      if (!present.has(scanner.device.path)) {
        this.detach(scanner, 'unplugged');
      }
    }

    for (const device of devices) {
      if (this.running && !this.open.has(device.path) && !this.opening.has(device.path)) {
        await this.attach(device);
      }
    }
  }

  private schedulePoll(): void {
    if (!this.running || this.pollTimer !== null) {
      return;
    }

    this.pollTimer = this.clock.setTimeout(() => {
      this.pollTimer = null;
      void this.poll();
    }, this.pollIntervalMs);
  }

  private async attach(device: HidDeviceInfo): Promise<void> {
    const classification = classifyDevice(device, this.options.config);

    if (!classification.read) {
      return;
    }

    this.opening.add(device.path);

    try {
      const assembler =
        classification.mode === 'keyboard'
          ? new KeyboardScanAssembler(getLayout(classification.layout), {
              aimPrefix: classification.aimPrefix,
            })
          : new PosScanAssembler(await this.posLayoutFor(device));
      const connection = await this.options.backend.open(device.path);

      if (!this.running) {
        connection.close();

        return;
      }

      this.listen(device, classification.mode, connection, assembler);
      this.lastOpenFailure.delete(device.path);
    } catch (error) {
      this.reportOpenFailure(device, error);
    } finally {
      this.opening.delete(device.path);
    }
  }

  private listen(
    device: HidDeviceInfo,
    mode: 'keyboard' | 'pos',
    connection: HidConnection,
    assembler: ScanAssembler,
  ): void {
    const scanner: OpenScanner = {
      device,
      mode,
      connection,
      assembler,
      onData: (report) => this.handleReport(scanner, report),
      onError: (error) => {
        this.logger.warn({ device: device.path, err: error }, 'reading the scanner failed');
        this.detach(scanner, 'read-error');
      },
      onClose: () => this.detach(scanner, 'unplugged'),
      deadline: null,
    };

    connection.on('data', scanner.onData);
    connection.on('error', scanner.onError);
    connection.on('close', scanner.onClose);
    this.open.set(device.path, scanner);
    this.logger.info(
      { device: device.path, vidPid: formatVidPid(device), mode },
      'scanner attached',
    );
    this.emit({ type: 'attached', device, mode });
  }

  private handleReport(scanner: OpenScanner, data: Uint8Array): void {
    const at = this.clock.now();
    const report = Uint8Array.from(data);
    this.emit({
      type: 'report',
      device: scanner.device.path,
      mode: scanner.mode,
      report,
      at,
      receivedAt: this.clock.date(),
    });
    this.deliver(scanner, scanner.assembler.push(report, at));
    this.scheduleDeadline(scanner);
  }

  private scheduleDeadline(scanner: OpenScanner): void {
    if (scanner.deadline !== null) {
      this.clock.clearTimeout(scanner.deadline);
      scanner.deadline = null;
    }

    const deadline = scanner.assembler.nextDeadline();

    if (deadline === null) {
      return;
    }

    scanner.deadline = this.clock.setTimeout(
      () => {
        scanner.deadline = null;
        this.deliver(scanner, scanner.assembler.poll(this.clock.now()));
        this.scheduleDeadline(scanner);
      },
      Math.max(0, deadline - this.clock.now()),
    );
  }

  /** Closes a device once, whatever reported its end first; later calls do nothing. */
  private detach(scanner: OpenScanner, reason: InterruptReason): void {
    if (this.open.get(scanner.device.path) !== scanner) {
      return;
    }

    this.open.delete(scanner.device.path);
    scanner.connection.removeListener('data', scanner.onData);
    scanner.connection.removeListener('error', scanner.onError);
    scanner.connection.removeListener('close', scanner.onClose);

    if (scanner.deadline !== null) {
      this.clock.clearTimeout(scanner.deadline);
      scanner.deadline = null;
    }

    // An EventEmitter throws an 'error' that has no listener, so a closed device keeps one
    // that only logs: node-hid may still report the failed read that preceded the close.
    scanner.connection.on('error', (error) => {
      this.logger.debug({ device: scanner.device.path, err: error }, 'error from a closed scanner');
    });

    try {
      scanner.connection.close();
    } catch (error) {
      this.logger.debug({ device: scanner.device.path, err: error }, 'closing the scanner failed');
    }

    this.deliver(scanner, scanner.assembler.end(reason));
    this.logger.info({ device: scanner.device.path, reason }, 'scanner detached');
    this.emit({ type: 'detached', device: scanner.device.path, reason });
  }

  private deliver(scanner: OpenScanner, outputs: AssemblyOutput[]): void {
    for (const output of outputs) {
      if (output.kind === 'discarded') {
        this.logger.warn(
          {
            device: scanner.device.path,
            code: output.error.code,
            partialLength: output.partialLength,
          },
          output.error.message,
        );
        this.emit({
          type: 'discarded',
          device: scanner.device.path,
          error: output.error.toBody(),
          partialLength: output.partialLength,
        });
        continue;
      }

      const scan = buildScan(output.barcode, {
        source: scanner.mode === 'pos' ? 'hid-pos' : 'hid-keyboard',
        device: scanner.device.path,
        time: this.clock.date(),
        parseGs1: this.parseGs1,
      });
      this.logger.info(
        { device: scanner.device.path, length: scan.text.length, symbology: scan.symbology },
        'scan read',
      );
      this.emit({ type: 'scan', scan, terminator: output.barcode.terminator });
    }
  }

  private async posLayoutFor(device: HidDeviceInfo): Promise<PosReportLayout> {
    const descriptor = await this.options.backend.readReportDescriptor(device.path);
    const fromDescriptor = descriptor === null ? null : posLayoutFromDescriptor(descriptor);

    if (fromDescriptor !== null) {
      return fromDescriptor;
    }

    const configured = this.options.config.posProfiles.find(
      (entry) => entry.vendorId === device.vendorId && entry.productId === device.productId,
    );

    return posProfiles[configured?.profile ?? profileForVendor(device.vendorId)];
  }

  private reportOpenFailure(device: HidDeviceInfo, error: unknown): void {
    const message = isAppError(error) || error instanceof Error ? error.message : String(error);

    // The device is retried on every poll; log a failure once until it changes.
    if (this.lastOpenFailure.get(device.path) !== message) {
      this.lastOpenFailure.set(device.path, message);
      this.logger.warn(
        { device: device.path, vidPid: formatVidPid(device), err: error },
        'opening the scanner failed; retrying at every poll',
      );
      this.emit({ type: 'open-failed', device: device.path, message });
    }
  }

  private emit(event: ScannerEvent): void {
    for (const subscriber of this.subscribers) {
      try {
        subscriber(event);
      } catch (error) {
        this.logger.error({ err: error, event: event.type }, 'a scanner event listener failed');
      }
    }
  }
}
