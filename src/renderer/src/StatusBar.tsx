import { useEffect, useState } from 'react';

import type { StationSettings } from '../../shared/ipc/channels/station';
import { useStation } from './ipc/StationContext';
import { useSyncStatus } from './supervisor/useSyncStatus';

/** Station and packer name, and whether the backend is reachable, always in view. */
export function StatusBar() {
  const station = useStation();
  const { status } = useSyncStatus();
  const [settings, setSettings] = useState<StationSettings | null>(null);

  useEffect(() => {
    let active = true;
    station
      .call('settings.get', {})
      .then((value) => {
        if (active) setSettings(value);
      })
      .catch(() => {});

    return () => {
      active = false;
    };
  }, [station]);

  const online = status?.online ?? null;

  return (
    <div className="status-bar" data-testid="status-bar">
      {settings !== null && (
        <span>
          {settings.stationName} · {settings.packerName}
          {settings.mode === 'standalone' && <span className="tag">standalone demo</span>}
        </span>
      )}
      <span
        className={`sync-pill ${online === true ? 'online' : online === false ? 'offline' : ''}`}
        data-testid="sync-pill"
        role="status"
      >
        {online === null ? 'Sync: unknown' : online ? 'Online' : 'Offline'}
        {status !== null && status.queueLength > 0 && ` · ${status.queueLength} to send`}
      </span>
    </div>
  );
}
