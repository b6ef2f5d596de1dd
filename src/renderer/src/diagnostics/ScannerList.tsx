import { useEffect, useState } from 'react';

import { keyboardLayoutSchema } from '../../../shared/ipc/channels/station';
import type { ScannerDevice } from '../../../shared/ipc/channels/station';
import { useStation } from '../ipc/StationContext';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';

type Layout = ScannerDevice['layout'];

const modeLabels: Record<ScannerDevice['mode'], string> = {
  keyboard: 'keyboard (HID boot keyboard)',
  pos: 'HID POS',
  other: 'other HID device',
};

/** Lists the HID scanners main can see, with their mode, layout and whether they are readable. */
export function ScannerList() {
  const station = useStation();
  const [devices, setDevices] = useState<ScannerDevice[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let active = true;
    const unsubscribe = station.on('scanner.devicesChanged', (next) => setDevices(next.devices));

    station
      .call('scanner.list', {})
      .then((value) => {
        if (active) setDevices(value.devices);
      })
      .catch((cause: unknown) => {
        if (active) setProblem(toProblem(cause));
      });

    return () => {
      active = false;
      unsubscribe();
    };
  }, [station]);

  async function configure(device: ScannerDevice, changes: { enabled?: boolean; layout?: Layout }) {
    try {
      const reply = await station.call('scanner.configure', {
        vendorId: device.vendorId,
        productId: device.productId,
        enabled: changes.enabled ?? device.enabled,
        layout: changes.layout ?? device.layout,
      });
      setDevices(reply.devices);
      setProblem(null);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
  }

  return (
    <section aria-labelledby="scanners-heading">
      <h2 id="scanners-heading">Scanners</h2>
      <ProblemNote problem={problem} />
      {devices !== null && devices.length === 0 && (
        <p className="muted">
          No HID scanner found. Keyboard-mode scanners still work through the window as a keyboard
          wedge.
        </p>
      )}
      {devices !== null && devices.length > 0 && (
        <table className="data" aria-label="Scanners">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">USB id</th>
              <th scope="col">Mode</th>
              <th scope="col">Read by the station</th>
              <th scope="col">Layout</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => {
              const name = device.product ?? device.id;
              return (
                <tr key={device.id}>
                  <td>
                    {name}
                    <div className="muted">{device.manufacturer ?? ''}</div>
                  </td>
                  <td className="mono">
                    {hex4(device.vendorId)}:{hex4(device.productId)}
                  </td>
                  <td>{modeLabels[device.mode]}</td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Read ${name} in the station`}
                      checked={device.enabled}
                      disabled={device.mode === 'pos'}
                      onChange={(event) =>
                        void configure(device, { enabled: event.target.checked })
                      }
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`Keyboard layout of ${name}`}
                      value={device.layout}
                      onChange={(event) =>
                        void configure(device, { layout: event.target.value as Layout })
                      }
                    >
                      {keyboardLayoutSchema.options.map((layout) => (
                        <option key={layout} value={layout}>
                          {layout.toUpperCase()}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className={device.readable ? '' : 'problem'}>
                    {device.readable ? 'readable' : (device.problem ?? 'not readable')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
