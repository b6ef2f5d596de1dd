import { useEffect, useState } from 'react';

import { AdminScreen } from './admin/AdminScreen';
import { DiagnosticsScreen } from './diagnostics/DiagnosticsScreen';
import { PackScreen } from './pack/PackScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { StatusBar } from './StatusBar';
import { HistoryScreen } from './supervisor/HistoryScreen';
import { ReportScreen } from './supervisor/ReportScreen';
import { SyncScreen } from './supervisor/SyncScreen';

const screens = [
  { id: 'pack', label: 'Pack', render: () => <PackScreen /> },
  { id: 'history', label: 'History', render: () => <HistoryScreen /> },
  { id: 'report', label: 'Serial Number Report', render: () => <ReportScreen /> },
  { id: 'sync', label: 'Sync queue', render: () => <SyncScreen /> },
  { id: 'admin', label: 'Products', render: () => <AdminScreen /> },
  { id: 'settings', label: 'Settings', render: () => <SettingsScreen /> },
  { id: 'diagnostics', label: 'Diagnostics', render: () => <DiagnosticsScreen /> },
] as const;

type ScreenId = (typeof screens)[number]['id'];

/**
 * Renders the station window: a row of screens reachable with Alt+1 … Alt+7, the status bar, and
 * the current screen. The pack screen is first and opens on start.
 */
export function App() {
  const [current, setCurrent] = useState<ScreenId>('pack');

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;

      const index = Number(event.key) - 1;
      const screen = screens[index];
      if (screen === undefined) return;

      event.preventDefault();
      setCurrent(screen.id);
    }

    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const screen = screens.find((candidate) => candidate.id === current) ?? screens[0];

  return (
    <div className="app">
      <header className="app-header">
        <h1>Packing Station</h1>
        <nav aria-label="Screens">
          {screens.map((candidate, index) => (
            <button
              key={candidate.id}
              type="button"
              className="nav-button"
              aria-current={candidate.id === current ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${index + 1}`}
              onClick={() => setCurrent(candidate.id)}
            >
              {candidate.label}
            </button>
          ))}
        </nav>
        <StatusBar />
      </header>
      <main className="screen">{screen.render()}</main>
    </div>
  );
}
