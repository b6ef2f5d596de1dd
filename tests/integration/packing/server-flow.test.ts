import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { PackView } from '../../../src/shared/ipc/channels/pack';
import { startDemoServer } from './server';
import type { DemoServer } from './server';
import { openTestStation, scanOf } from './station';
import type { TestStation } from './station';

let server: DemoServer;
let station: TestStation;

beforeAll(async () => {
  server = await startDemoServer();
}, 60_000);

afterAll(async () => {
  await server.close();
});

afterEach(async () => {
  await station.close();
});

describe('packing against the server', () => {
  it('ships an order and reports its serials', async () => {
    station = openTestStation({ client: server.client, empty: true });
    await station.engine.pullNow();
    const { packing } = station;

    await packing.scan(scanOf('DEMO-1001'));
    await packing.scan(scanOf('09506000134352'));
    await packing.submitSerial('SRV-SN-1');
    await packing.scan(scanOf('0109506000134352\u001d21SRV-SN-2', ']d2'));
    await packing.scan(scanOf('09506000134383'));
    const shipped = await packing.ship();

    expect(shipped.state).toBe('shipped');
    expect(shipped.shipment?.trackingNumber).toMatch(/\S/);
    expect(shipped.units.map((unit) => unit.serial)).toEqual(['SRV-SN-1', 'SRV-SN-2', null]);
    await station.packing.settled();
    const announced = new Set(
      station.views
        .filter((view) => view.feedback?.code === 'label_created')
        .map((view) => view.feedback?.sequence),
    );
    expect(announced.size).toBe(1);

    const report = await server.client.searchSerialReport({ orderNumber: 'DEMO-1001' });
    expect(report.rows.map((row) => row.serial).sort()).toEqual(['SRV-SN-1', 'SRV-SN-2']);

    const label = await packing.label('DEMO-1001');
    expect(Buffer.from(label.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('fetches an order that is not cached', async () => {
    station = openTestStation({ client: server.client, empty: true });

    const view = await station.packing.scan(scanOf('DEMO-1002'));

    expect(view.state).toBe('order_open');
    expect(view.order?.lines.map((line) => line.sku)).toEqual(['DEMO-LAPTOP', 'DEMO-MANUAL']);
  });

  it('warns on a serial the server shipped in another order', async () => {
    station = openTestStation({ client: server.client, empty: true });
    await station.engine.pullNow();
    const { packing } = station;
    await packing.scan(scanOf('TEST-2001'));
    await packing.scan(scanOf('0109506000134352\u001d21SHIPPED-1', ']d2'));
    expect((await packing.ship()).state).toBe('shipped');
    await station.close();

    station = openTestStation({ client: server.client, empty: true });
    await station.engine.pullNow();
    await station.packing.scan(scanOf('TEST-2002'));
    await station.packing.scan(scanOf('09506000134352'));
    const view = await station.packing.submitSerial('shipped-1');

    expect(view.prompt?.warning).toMatchObject({ code: 'serial_previously_shipped' });
    expect(view.prompt?.warning?.message).toContain('TEST-2001');
    expect(view.units).toEqual([]);
  });

  it('ships by itself after coming back online', async () => {
    station = openTestStation({ client: server.client, empty: true });
    await station.engine.pullNow();
    const { packing } = station;
    await packing.scan(scanOf('DEMO-1003'));
    await packing.scan(scanOf('09506000134406'));

    await server.proxy.refuse();
    try {
      await packing.scan(scanOf('09506000134376'));
      await packing.submitSerial('PHONE-OFF-1');
      const pending = await packing.ship();
      expect(pending.state).toBe('label_pending');
      expect(pending.feedback?.code).toBe('label_pending');

      await station.restart();
      expect(station.packing.view().state).toBe('label_pending');
    } finally {
      await server.proxy.accept();
    }

    await station.engine.retryNow();
    const shipped = await waitForView(station, (view) => view.state === 'shipped');
    expect(shipped.shipment?.trackingNumber).toMatch(/\S/);
    expect(shipped.feedback?.code).toBe('label_created');
  });
});

async function waitForView(
  testStation: TestStation,
  accept: (view: PackView) => boolean,
): Promise<PackView> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const view = testStation.packing.view();
    if (accept(view)) return view;

    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return testStation.packing.view();
}
