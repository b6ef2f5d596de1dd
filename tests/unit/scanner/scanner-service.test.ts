import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../../src/main/logger';
import type { ScannerConfig } from '../../../src/main/scanner/scanner-config';
import type { ScannerEvent } from '../../../src/main/scanner/scanner-service';
import { ScannerService } from '../../../src/main/scanner/scanner-service';
import { scanSchema } from '../../../src/shared/scanner/scan';
import type { FakeHidDevice } from './fake-hid';
import {
  FakeHidBackend,
  flushPromises,
  keyboardInfo,
  ManualClock,
  posScannerInfo,
} from './fake-hid';
import { bootReport, loadReports } from './fixtures';

const POS_PATH = '/dev/hidraw3';
const KEYBOARD_PATH = '/dev/hidraw1';
const SCANNER_PATH = '/dev/hidraw2';

let service: ScannerService | undefined;

afterEach(async () => {
  await service?.stop();
  service = undefined;
});

function setUp(config: ScannerConfig = { keyboardScanners: [], posProfiles: [] }) {
  const backend = new FakeHidBackend();
  const clock = new ManualClock();
  const events: ScannerEvent[] = [];
  service = new ScannerService({ backend, config, clock, logger: createLogger() });
  service.subscribe((event) => events.push(event));

  return { backend, clock, events, service };
}

function listenerCounts(device: FakeHidDevice): number[] {
  return ['data', 'error', 'close'].map((event) => device.listenerCount(event));
}

/** A closed device keeps only the error sink that stops a late error from throwing. */
const CLOSED_LISTENERS = [0, 1, 0];

function kinds(events: ScannerEvent[], type: ScannerEvent['type']): ScannerEvent[] {
  return events.filter((event) => event.type === type);
}

describe('scanner service', () => {
  it('reads a HID POS scanner found at start', async () => {
    const { backend, events, service } = setUp();
    backend.plug(posScannerInfo(POS_PATH));
    await service.start();

    for (const report of loadReports('pos-gs1-datamatrix.hex')) {
      backend.latest(POS_PATH).send(report);
    }

    const scans = kinds(events, 'scan');

    expect(scans).toHaveLength(1);

    const scan = scans[0]?.type === 'scan' ? scans[0].scan : undefined;

    expect(scanSchema.parse(scan)).toEqual(scan);
    expect(scan?.source).toBe('hid-pos');
    expect(scan?.device).toBe(POS_PATH);
    expect(scan?.symbology).toBe(']d2');
    expect(scan?.gs1).toEqual({
      '01': '09506000134352',
      '17': '270531',
      '10': 'B2024-117',
      '21': 'ABCD1234EFGH5678JKLM',
    });
    expect(scan?.controlCharacters).toBeUndefined();
  });

  it('emits each raw report with its times', async () => {
    const { backend, clock, events, service } = setUp();
    backend.plug(posScannerInfo(POS_PATH));
    await service.start();
    await clock.advance(10);

    const [report] = loadReports('pos-code128-suffix.hex');
    backend.latest(POS_PATH).send(report as Uint8Array);

    const reports = kinds(events, 'report');

    expect(reports).toHaveLength(1);
    expect(reports[0]).toEqual({
      type: 'report',
      device: POS_PATH,
      mode: 'pos',
      report,
      at: 10,
      receivedAt: new Date('2026-12-04T09:00:00.010Z'),
    });
  });

  it('never opens a keyboard that is not configured', async () => {
    const { backend, service } = setUp();
    backend.plug(keyboardInfo(KEYBOARD_PATH, 0x046d, 0xc31c));
    await service.start();

    expect(backend.opened).toEqual([]);
    expect(service.openDevices()).toEqual([]);
  });

  it('reads a configured keyboard-mode scanner with its layout', async () => {
    const { backend, clock, events, service } = setUp({
      keyboardScanners: [{ vendorId: 0x05e0, productId: 0x1200, layout: 'de' }],
      posProfiles: [],
    });
    backend.plug(keyboardInfo(KEYBOARD_PATH, 0x046d, 0xc31c));
    backend.plug(keyboardInfo(SCANNER_PATH, 0x05e0, 0x1200));
    await service.start();

    const device = backend.latest(SCANNER_PATH);
    device.send(bootReport(0, 0x1c));
    device.send(bootReport(0));
    device.send(bootReport(0, 0x28));
    await clock.advance(60);

    const scans = kinds(events, 'scan');

    expect(backend.opened.map((opened) => opened.path)).toEqual([SCANNER_PATH]);
    expect(scans).toHaveLength(1);
    const scan = scans[0]?.type === 'scan' ? scans[0].scan : undefined;

    expect(scan?.text).toBe('z');
    expect(scan?.source).toBe('hid-keyboard');
  });

  it('ends a scan without terminator on the timer', async () => {
    const { backend, clock, events, service } = setUp();
    backend.plug(posScannerInfo(POS_PATH));
    await service.start();

    const [first] = loadReports('pos-continuation-lost.hex');
    backend.latest(POS_PATH).send(first as Uint8Array);
    await clock.advance(499);

    expect(kinds(events, 'discarded')).toHaveLength(0);

    await clock.advance(1);

    expect(kinds(events, 'discarded')).toHaveLength(1);
    expect(kinds(events, 'scan')).toHaveLength(0);
  });

  it('discards a partial scan on unplug and reopens on replug', async () => {
    const { backend, clock, events, service } = setUp();
    backend.plug(posScannerInfo(POS_PATH));
    await service.start();

    const first = backend.latest(POS_PATH);
    const [part] = loadReports('pos-gs1-datamatrix.hex');
    first.send(part as Uint8Array);
    first.emit('close');
    backend.unplug(POS_PATH);
    await clock.advance(2_000);

    const discarded = kinds(events, 'discarded').flatMap((event) =>
      event.type === 'discarded' ? [event] : [],
    );

    expect(discarded).toHaveLength(1);
    expect(discarded[0]?.error.code).toBe('scanner_device_lost');
    expect(kinds(events, 'scan')).toHaveLength(0);
    expect(first.closed).toBe(true);
    expect(listenerCounts(first)).toEqual(CLOSED_LISTENERS);
    expect(service.openDevices()).toEqual([]);

    backend.plug(posScannerInfo(POS_PATH));
    await clock.advance(2_000);

    const second = backend.latest(POS_PATH);

    expect(second).not.toBe(first);
    expect(listenerCounts(second)).toEqual([1, 1, 1]);

    for (const report of loadReports('pos-code128-suffix.hex')) {
      second.send(report);
    }

    expect(kinds(events, 'scan')).toHaveLength(2);
  });

  it('survives a read error and reopens the device', async () => {
    const { backend, clock, events, service } = setUp();
    backend.plug(posScannerInfo(POS_PATH));
    await service.start();

    const first = backend.latest(POS_PATH);
    const [part] = loadReports('pos-gs1-datamatrix.hex');
    first.send(part as Uint8Array);
    first.fail();

    const discarded = kinds(events, 'discarded').flatMap((event) =>
      event.type === 'discarded' ? [event] : [],
    );

    expect(discarded).toHaveLength(1);
    expect(discarded[0]?.error.code).toBe('scanner_read_failed');
    expect(listenerCounts(first)).toEqual(CLOSED_LISTENERS);

    first.fail('a late second error');
    first.emit('close');

    expect(kinds(events, 'detached')).toHaveLength(1);

    await clock.advance(2_000);

    expect(backend.opened).toHaveLength(2);
    expect(listenerCounts(backend.latest(POS_PATH))).toEqual([1, 1, 1]);
  });

  it('keeps one listener per event over many replugs', async () => {
    const { backend, clock, service } = setUp();
    backend.plug(posScannerInfo(POS_PATH));
    await service.start();

    for (let cycle = 0; cycle < 5; cycle += 1) {
      backend.unplug(POS_PATH);
      await clock.advance(2_000);
      backend.plug(posScannerInfo(POS_PATH));
      await clock.advance(2_000);
    }

    expect(backend.opened).toHaveLength(6);

    for (const { device } of backend.opened.slice(0, -1)) {
      expect(listenerCounts(device)).toEqual(CLOSED_LISTENERS);
    }

    expect(listenerCounts(backend.latest(POS_PATH))).toEqual([1, 1, 1]);
  });

  it('retries a device that cannot be opened and reports it once', async () => {
    const { backend, clock, events, service } = setUp();
    backend.refuse.set(POS_PATH, 'cannot open device with path /dev/hidraw3');
    backend.plug(posScannerInfo(POS_PATH));
    await service.start();
    await clock.advance(6_000);

    expect(kinds(events, 'open-failed')).toHaveLength(1);
    expect(backend.opened).toHaveLength(0);

    backend.refuse.clear();
    await clock.advance(2_000);

    expect(service.openDevices()).toEqual([POS_PATH]);
  });

  it('closes devices and timers on stop', async () => {
    const { backend, clock, service } = setUp();
    backend.plug(posScannerInfo(POS_PATH));
    await service.start();
    const device = backend.latest(POS_PATH);
    await service.stop();
    await flushPromises();

    expect(device.closed).toBe(true);
    expect(listenerCounts(device)).toEqual(CLOSED_LISTENERS);
    expect(clock.pendingTimers()).toBe(0);
  });
});
