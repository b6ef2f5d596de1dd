import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventEnvelope } from '../../../src/shared/ipc/contract';
import type { PackView } from '../../../src/shared/ipc/channels/pack';
import { resolveStationConfig } from '../../../src/main/config';
import { createLogger } from '../../../src/main/logger';
import { parseHexReport } from '../../../src/main/scanner/hex-report';
import { createStationServices } from '../../../src/main/services';
import type { StationServices } from '../../../src/main/services';
import { FakeHidBackend } from '../../unit/scanner/fake-hid';
import { startDemoServer } from './server';
import type { DemoServer } from './server';
import { scanOf } from './station';

const devicePath = '/dev/hidraw-pos-test';
const fixture = fileURLToPath(
  new URL('../../fixtures/hid/pos-gs1-datamatrix.hex', import.meta.url),
);

let server: DemoServer;
let folder: string;
let hid: FakeHidBackend;
let services: StationServices;
const events: EventEnvelope[] = [];

beforeAll(async () => {
  server = await startDemoServer();
  folder = mkdtempSync(path.join(tmpdir(), 'packing-hid-'));
  hid = new FakeHidBackend();
  hid.plug({
    path: devicePath,
    vendorId: 0x0c2e,
    productId: 0x0b61,
    usagePage: 0x8c,
    usage: 0x02,
    manufacturer: 'Test',
    product: 'POS scanner',
    serialNumber: null,
    interfaceNumber: 0,
  });

  const { config, tokenStore } = await resolveStationConfig({
    userDataDir: folder,
    argv: ['--backend-url', server.proxy.url, '--station-name', 'hid-station'],
    env: { PACKING_STATION_TOKEN: server.stationToken },
  });
  services = await createStationServices({
    logger: createLogger({ level: 'silent' }),
    shell: 'browser-host',
    config,
    tokenStore,
    hid,
  });
  services.bus.subscribe((envelope) => events.push(envelope));
}, 60_000);

afterAll(async () => {
  await services?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('HID scans', () => {
  it('pack a GS1 DataMatrix read from a HID POS scanner', async () => {
    await services.dispatcher.dispatch('pack.scan', { scan: scanOf('DEMO-1001') });

    for (const report of fixtureReports()) hid.latest(devicePath).send(report);
    const view = await waitForPackView((candidate) => candidate.units.length === 1);

    expect(view.units[0]).toMatchObject({ sku: 'DEMO-SCANNER', serial: 'ABCD1234EFGH5678JKLM' });
    const scanned = events.filter((event) => event.name === 'scanner.scanned');
    expect(scanned.map((event) => (event.payload as { source: string }).source)).toEqual([
      'wedge',
      'hid-pos',
    ]);
  });

  it('list the scanner as readable', async () => {
    const result = await services.dispatcher.dispatch('scanner.list', {});

    expect(result).toMatchObject({
      ok: true,
      value: { devices: [{ path: devicePath, mode: 'pos', enabled: true, readable: true }] },
    });
  });

  it('stream raw reports only while watching', async () => {
    const [first] = fixtureReports();
    hid.latest(devicePath).send(first ?? new Uint8Array());
    expect(events.some((event) => event.name === 'scanner.report')).toBe(false);

    await services.dispatcher.dispatch('scanner.watch', { enabled: true });
    hid.latest(devicePath).send(first ?? new Uint8Array());

    const report = events.find((event) => event.name === 'scanner.report');
    expect(report?.payload).toMatchObject({
      device: devicePath,
      hex: expect.stringMatching(/^02 38 5d 64/),
    });
  });
});

function fixtureReports(): Uint8Array[] {
  return readFileSync(fixture, 'utf8')
    .split('\n')
    .map((line) => parseHexReport(line))
    .filter((report): report is Uint8Array => report !== null);
}

async function waitForPackView(accept: (view: PackView) => boolean): Promise<PackView> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const found = events
      .filter((event) => event.name === 'pack.changed')
      .map((event) => event.payload as PackView)
      .find(accept);
    if (found !== undefined) return found;

    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  throw new Error('no pack view matched');
}
