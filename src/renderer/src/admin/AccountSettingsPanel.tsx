import { useEffect, useState } from 'react';

import type { AccountSettings, CrossOrderSerialPolicy } from '../../../shared/domain';
import { useStation } from '../ipc/StationContext';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';

const policyLabels: Record<CrossOrderSerialPolicy, string> = {
  off: 'Off: do not check other orders',
  warn: 'Warn: the packer may save it anyway',
  block: 'Block: the serial cannot be saved',
};

/** Edits the account's serial rules: duplicates within an order, and serials shipped before. */
export function AccountSettingsPanel() {
  const station = useStation();
  const [settings, setSettings] = useState<AccountSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let active = true;
    station
      .call('admin.settings.get', {})
      .then((value) => {
        if (active) setSettings(value);
      })
      .catch((cause: unknown) => {
        if (active) setProblem(toProblem(cause));
      });

    return () => {
      active = false;
    };
  }, [station]);

  async function save(changes: Partial<AccountSettings>) {
    if (settings === null) return;

    // The control shows the new value at once and goes back if the server rejects it.
    const previous = settings;
    setSettings({ ...settings, ...changes });
    setSaved(false);
    try {
      setSettings(await station.call('admin.settings.update', changes));
      setSaved(true);
      setProblem(null);
    } catch (cause) {
      setSettings(previous);
      setProblem(toProblem(cause));
    }
  }

  return (
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">Serial number rules</h2>
      <ProblemNote problem={problem} />
      {settings !== null && (
        <div className="settings-form">
          <label className="check">
            <input
              type="checkbox"
              checked={settings.allowDuplicateSerialsInOrder}
              onChange={(event) =>
                void save({ allowDuplicateSerialsInOrder: event.target.checked })
              }
            />
            Allow duplicate serial numbers in an order
          </label>
          <div className="field">
            <label htmlFor="cross-order-policy">Serial already shipped in another order</label>
            <select
              id="cross-order-policy"
              value={settings.crossOrderSerialPolicy}
              onChange={(event) =>
                void save({ crossOrderSerialPolicy: event.target.value as CrossOrderSerialPolicy })
              }
            >
              {Object.entries(policyLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          {saved && (
            <p role="status" className="saved">
              Saved.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
