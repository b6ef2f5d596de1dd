import { useEffect, useState } from 'react';

import type { StationSettings } from '../../../shared/ipc/channels/station';
import type { ChannelRequest } from '../../../shared/ipc/contract';
import { useStation } from '../ipc/StationContext';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';
import { TextField } from '../ui/TextField';
import { WedgeSettingsPanel } from './WedgeSettingsPanel';

type Update = ChannelRequest<'settings.update'>;

/** Edits the backend URL and token, the station name and the packer name. */
export function SettingsScreen() {
  const station = useStation();
  const [settings, setSettings] = useState<StationSettings | null>(null);
  const [form, setForm] = useState({ backendUrl: '', token: '', stationName: '', packerName: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let active = true;
    station
      .call('settings.get', {})
      .then((value) => {
        if (!active) return;

        setSettings(value);
        setForm({
          backendUrl: value.backendUrl ?? '',
          token: '',
          stationName: value.stationName,
          packerName: value.packerName,
        });
      })
      .catch((cause: unknown) => {
        if (active) setProblem(toProblem(cause));
      });

    return () => {
      active = false;
    };
  }, [station]);

  async function save() {
    const update: Update = {
      backendUrl: form.backendUrl.trim() === '' ? null : form.backendUrl.trim(),
      stationName: form.stationName.trim(),
      packerName: form.packerName.trim(),
    };
    // An empty token field keeps the stored token. Removing it is a separate button.
    if (form.token !== '') update.token = form.token;

    setSaved(false);
    try {
      setSettings(await station.call('settings.update', update));
      setForm((current) => ({ ...current, token: '' }));
      setSaved(true);
      setProblem(null);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
  }

  async function removeToken() {
    try {
      setSettings(await station.call('settings.update', { token: '' }));
      setProblem(null);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
  }

  const set = (key: keyof typeof form) => (value: string) =>
    setForm((current) => ({ ...current, [key]: value }));

  return (
    <div className="settings">
      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Station settings</h2>
        <ProblemNote problem={problem} />
        {settings !== null && (
          <form
            className="settings-form"
            aria-label="Station settings"
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <p>
              Mode:{' '}
              <strong>
                {settings.mode === 'standalone'
                  ? 'standalone (embedded demo server)'
                  : 'configured backend'}
              </strong>
            </p>
            <TextField
              label="Backend URL (empty for standalone mode)"
              type="url"
              value={form.backendUrl}
              onChange={set('backendUrl')}
              placeholder="https://packing.example.com"
            />
            <TextField
              label={
                settings.hasToken
                  ? 'Station token (a token is stored; type to replace it)'
                  : 'Station token'
              }
              type="password"
              value={form.token}
              onChange={set('token')}
            />
            <TextField
              label="Station name"
              value={form.stationName}
              onChange={set('stationName')}
            />
            <TextField label="Packer name" value={form.packerName} onChange={set('packerName')} />
            <div className="actions">
              <button type="submit" className="primary">
                Save settings
              </button>
              {settings.hasToken && (
                <button type="button" onClick={() => void removeToken()}>
                  Remove stored token
                </button>
              )}
            </div>
            {saved && (
              <p role="status" className="saved">
                Saved.
              </p>
            )}
          </form>
        )}
      </section>
      <WedgeSettingsPanel />
    </div>
  );
}
