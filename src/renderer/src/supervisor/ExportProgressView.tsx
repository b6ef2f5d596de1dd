import type { ExportProgress } from '../../../shared/ipc/channels/supervisor';
import { formatBytes } from '../ui/format';
import { ProblemNote } from '../ui/ProblemNote';

/** Shows the progress of one CSV export, or that it has started when no update came yet. */
export function ExportProgressView({ progress }: { progress: ExportProgress | null }) {
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
