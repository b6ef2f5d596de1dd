import { useCallback, useEffect, useState } from 'react';

import type { SyncStatus } from '../../../shared/ipc/channels/supervisor';
import { useStation } from '../ipc/StationContext';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';

/** The sync engine's status, loaded once and then kept current by `sync.changed` pushes. */
export function useSyncStatus(): {
  status: SyncStatus | null;
  problem: Problem | null;
  setStatus(status: SyncStatus): void;
  setProblem(problem: Problem | null): void;
} {
  const station = useStation();
  const [status, setStatusState] = useState<SyncStatus | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let active = true;
    const unsubscribe = station.on('sync.changed', (next) => {
      if (active) setStatusState(next);
    });

    station
      .call('sync.status', {})
      .then((next) => {
        if (active) setStatusState(next);
      })
      .catch((cause: unknown) => {
        if (active) setProblem(toProblem(cause));
      });

    return () => {
      active = false;
      unsubscribe();
    };
  }, [station]);

  const setStatus = useCallback((next: SyncStatus) => setStatusState(next), []);

  return { status, problem, setStatus, setProblem };
}
