import { useEffect, useState } from 'react';

import type { StationSettings } from '../../shared/ipc/channels/station';
import { useStation } from './ipc/StationContext';
import { stationLinkEvent } from './ipc/websocket-bridge';
import { useSyncStatus } from './supervisor/useSyncStatus';

/** Shows the station and packer name and whether the backend is reachable. */
export function StatusBar() {
  const station = useStation();
  const { status } = useSyncStatus();
  const [settings, setSettings] = useState<StationSettings | null>(null);
  const [linked, setLinked] = useState(true);

  // Only the browser host's WebSocket can drop; inside Electron the event never fires.
  useEffect(() => {
    const listener = (event: Event) =>
      setLinked((event as CustomEvent<{ connected: boolean }>).detail.connected);
    window.addEventListener(stationLinkEvent, listener);

    return () => window.removeEventListener(stationLinkEvent, listener);
  }, []);

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

  const online = linked ? (status?.online ?? null) : false;

  return (
    <div className="status-bar" data-testid="status-bar">
      {settings !== null && (
        <span>
          {settings.stationName} · {settings.packerName}
          {settings.mode === 'standalone' && <span className="tag">standalone demo</span>}
        </span>
      )}
      <span className={`sync-pill ${pillClass(online)}`} data-testid="sync-pill" role="status">
        {linked ? syncLabel(online) : 'Station process not reachable'}
        {linked && status !== null && status.queueLength > 0 && ` · ${status.queueLength} to send`}
      </span>
    </div>
  );
}

function syncLabel(online: boolean | null): string {
  if (online === null) return 'Sync: unknown';

  return online ? 'Online' : 'Offline';
}

function pillClass(online: boolean | null): string {
  if (online === null) return '';

  return online ? 'online' : 'offline';
}
