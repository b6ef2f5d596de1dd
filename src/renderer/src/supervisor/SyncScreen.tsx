import { useState } from 'react';

import type { RejectedEvent, SyncStatus } from '../../../shared/ipc/channels/supervisor';
import { useStation } from '../ipc/StationContext';
import { formatAge, formatTime } from '../ui/format';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';
import { useSyncStatus } from './useSyncStatus';

/**
 * Shows the sync queue: whether the backend is reachable, what is still to be sent, and every
 * event the server rejected with its code and the fix for it.
 */
export function SyncScreen() {
  const station = useStation();
  const { status, problem, setStatus, setProblem } = useSyncStatus();

  async function retryNow() {
    try {
      setStatus(await station.call('sync.retryNow', {}));
      setProblem(null);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
  }

  return (
    <section aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync queue</h2>
      <ProblemNote problem={problem} />
      {status !== null && (
        <>
          <dl className="facts">
            <dt>Backend</dt>
            <dd className="mono">{status.backendUrl ?? 'none configured'}</dd>
            <dt>Connection</dt>
            <dd data-testid="sync-online">{status.online ? 'online' : 'offline'}</dd>
            <dt>Events to send</dt>
            <dd data-testid="sync-queue-length">{status.queueLength}</dd>
            <dt>Oldest unsent</dt>
            <dd>
              {status.oldestUnsentAgeMs === null
                ? '—'
                : `${formatAge(status.oldestUnsentAgeMs)} ago`}
            </dd>
            <dt>Last sync</dt>
            <dd>{status.lastSyncAt === null ? 'never' : formatTime(status.lastSyncAt)}</dd>
            <dt>Labels pending</dt>
            <dd className="mono">
              {status.labelPendingOrders.length === 0
                ? 'none'
                : status.labelPendingOrders.join(', ')}
            </dd>
          </dl>
          {status.lastError !== null && (
            <p className="problem" data-code={status.lastError.code}>
              Last error at {formatTime(status.lastError.at)}: {status.lastError.message}
            </p>
          )}
          <button type="button" className="primary" onClick={() => void retryNow()}>
            Retry now
          </button>

          <h3>Rejected events</h3>
          {status.rejected.length === 0 ? (
            <p className="muted">The server has rejected no events.</p>
          ) : (
            <RejectedTable
              rows={status.rejected}
              onDismissed={(next) => setStatus(next)}
              onProblem={setProblem}
            />
          )}
        </>
      )}
    </section>
  );
}

function RejectedTable({
  rows,
  onDismissed,
  onProblem,
}: {
  rows: RejectedEvent[];
  onDismissed(status: SyncStatus): void;
  onProblem(problem: Problem): void;
}) {
  const station = useStation();
  const [notes, setNotes] = useState<Record<number, string>>({});

  async function dismiss(seq: number) {
    const note = notes[seq]?.trim() ?? '';
    if (note === '') return;

    try {
      onDismissed(await station.call('sync.dismissRejected', { seq, note }));
    } catch (cause) {
      onProblem(toProblem(cause));
    }
  }

  return (
    <table className="data" aria-label="Rejected events">
      <thead>
        <tr>
          <th scope="col">Seq</th>
          <th scope="col">Event</th>
          <th scope="col">Order</th>
          <th scope="col">Problem</th>
          <th scope="col">Fix</th>
          <th scope="col">Handled</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.seq} data-code={row.code}>
            <td>{row.seq}</td>
            <td>
              {row.type}
              <div className="muted">{formatTime(row.rejectedAt)}</div>
            </td>
            <td className="mono">{row.orderNumber ?? '—'}</td>
            <td>
              <span className="code">{row.code}</span>
              <div>{row.message}</div>
            </td>
            <td>{row.fix}</td>
            <td>
              <form
                className="inline-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void dismiss(row.seq);
                }}
              >
                <input
                  aria-label={`Note on how event ${row.seq} was fixed`}
                  placeholder="How it was fixed"
                  value={notes[row.seq] ?? ''}
                  onChange={(event) => setNotes({ ...notes, [row.seq]: event.target.value })}
                />
                <button type="submit" aria-label={`Mark event ${row.seq} as handled`}>
                  Mark handled
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
