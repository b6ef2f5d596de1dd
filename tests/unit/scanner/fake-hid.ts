import { EventEmitter } from 'node:events';

import type {
  HidBackend,
  HidConnection,
  HidDeviceInfo,
} from '../../../src/main/scanner/hid-backend';
import type { ScannerClock } from '../../../src/main/scanner/scanner-clock';

/** A device that the test drives: it emits reports, read errors and close like node-hid. */
export class FakeHidDevice extends EventEmitter implements HidConnection {
  closed = false;

  send(report: Uint8Array): void {
    this.emit('data', Buffer.from(report));
  }

  fail(message = 'could not read from HID device'): void {
    this.emit('error', new Error(message));
  }

  close(): void {
    this.closed = true;
  }
}

/** A HID bus whose devices the test plugs and unplugs. */
export class FakeHidBackend implements HidBackend {
  readonly attached = new Map<string, HidDeviceInfo>();
  readonly opened: Array<{ path: string; device: FakeHidDevice }> = [];
  readonly descriptors = new Map<string, Uint8Array>();
  refuse = new Map<string, string>();

  plug(info: HidDeviceInfo): void {
    this.attached.set(info.path, info);
  }

  unplug(path: string): void {
    this.attached.delete(path);
  }

  /** Returns the device most recently opened at `path`. */
  latest(path: string): FakeHidDevice {
    const entry = this.opened.filter((opened) => opened.path === path).at(-1);

    if (entry === undefined) {
      throw new Error(`${path} was never opened`);
    }

    return entry.device;
  }

  async listDevices(): Promise<HidDeviceInfo[]> {
    return [...this.attached.values()];
  }

  async open(path: string): Promise<HidConnection> {
    const refusal = this.refuse.get(path);

    if (refusal !== undefined) {
      throw new Error(refusal);
    }

    const device = new FakeHidDevice();
    this.opened.push({ path, device });

    return device;
  }

  async readReportDescriptor(path: string): Promise<Uint8Array | null> {
    return this.descriptors.get(path) ?? null;
  }

  async explainOpenFailure(): Promise<string | null> {
    return null;
  }
}

/** A clock that moves only when the test advances it, running due timers in order. */
export class ManualClock implements ScannerClock {
  private current = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.current;
  }

  date(): Date {
    return new Date(Date.UTC(2026, 11, 4, 9, 0, 0) + this.current);
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const id = this.nextId;
    this.nextId += 1;
    this.timers.set(id, { at: this.current + delayMs, callback });

    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward, running each timer that falls due; awaits async work in between. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;

    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort((a, b) => a[1].at - b[1].at)[0];

      if (due === undefined) {
        break;
      }

      this.timers.delete(due[0]);
      this.current = Math.max(this.current, due[1].at);
      due[1].callback();
      await flushPromises();
    }

    this.current = target;
    await flushPromises();
  }
}

export async function flushPromises(): Promise<void> {
  for (let round = 0; round < 10; round += 1) {
    await Promise.resolve();
  }
}

export function posScannerInfo(path: string): HidDeviceInfo {
  return {
    path,
    vendorId: 0x0c2e,
    productId: 0x0b87,
    usagePage: 0x8c,
    usage: 0x02,
    manufacturer: 'Honeywell',
    product: 'Area-Imaging Scanner',
    serialNumber: null,
    interfaceNumber: 0,
  };
}

export function keyboardInfo(path: string, vendorId: number, productId: number): HidDeviceInfo {
  return {
    path,
    vendorId,
    productId,
    usagePage: 0x01,
    usage: 0x06,
    manufacturer: null,
    product: 'Keyboard',
    serialNumber: null,
    interfaceNumber: 0,
  };
}
