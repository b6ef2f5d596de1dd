import { useEffect, useState } from 'react';

import type { ExportProgress } from '../../../shared/ipc/channels/supervisor';
import { useStation } from '../ipc/StationContext';
import { formatBytes } from '../ui/format';
import { ProblemNote } from '../ui/ProblemNote';

/** Shows the progress of one CSV export, from `report.exportProgress` pushes for its id. */
export function ExportProgressView({ exportId }: { exportId: string }) {
  const station = useStation();
  const [progress, setProgress] = useState<ExportProgress | null>(null);

  useEffect(
    () =>
      station.on('report.exportProgress', (next) => {
        if (next.exportId === exportId) setProgress(next);
      }),
    [station, exportId],
  );

  return (
    <div className="export-progress" data-testid="export-progress" role="status">
      {progress === null && <span>Export started…</span>}
      {progress !== null && !progress.done && (
        <span>
          Exporting: {progress.rows} rows, {formatBytes(progress.bytes)} written…
        </span>
      )}
      {progress?.done === true && progress.error === null && (
        <span>
          Export finished: {progress.rows} rows, {formatBytes(progress.bytes)}, saved to{' '}
          <span className="mono" data-testid="export-file">
            {progress.file}
          </span>
        </span>
      )}
      {progress?.error != null && <ProblemNote problem={progress.error} />}
    </div>
  );
}
