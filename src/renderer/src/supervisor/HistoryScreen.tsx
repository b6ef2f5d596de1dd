import { useState } from 'react';

import type { HistoryRow } from '../../../shared/ipc/channels/supervisor';
import type { ChannelRequest } from '../../../shared/ipc/contract';
import { useStation } from '../ipc/StationContext';
import { dayToIso, optional } from '../ui/dates';
import { formatTime } from '../ui/format';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';
import { TextField } from '../ui/TextField';

type Query = ChannelRequest<'history.search'>;

const statusLabels: Record<HistoryRow['status'], string> = {
  packed: 'packed',
  removed: 'removed',
  replaced: 'replaced',
};

/** Searches the station's own pack history by serial, order, SKU, packer and dates. */
export function HistoryScreen() {
  const station = useStation();
  const [filters, setFilters] = useState({
    serial: '',
    orderNumber: '',
    sku: '',
    packer: '',
    from: '',
    to: '',
  });
  const [rows, setRows] = useState<HistoryRow[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function search(cursor?: string) {
    const query: Query = {
      serial: optional(filters.serial),
      orderNumber: optional(filters.orderNumber),
      sku: optional(filters.sku),
      packer: optional(filters.packer),
      from: dayToIso(filters.from),
      to: dayToIso(filters.to, true),
      cursor,
      limit: 100,
    };

    try {
      const page = await station.call('history.search', query);
      setRows(cursor === undefined ? page.rows : [...(rows ?? []), ...page.rows]);
      setNextCursor(page.nextCursor);
      setProblem(null);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
  }

  const set = (key: keyof typeof filters) => (value: string) =>
    setFilters((current) => ({ ...current, [key]: value }));

  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Pack history</h2>
      <form
        className="filters"
        aria-label="Search pack history"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <TextField label="Serial" value={filters.serial} onChange={set('serial')} mono />
        <TextField label="Order number" value={filters.orderNumber} onChange={set('orderNumber')} />
        <TextField label="SKU" value={filters.sku} onChange={set('sku')} />
        <TextField label="Packer" value={filters.packer} onChange={set('packer')} />
        <TextField label="From" type="date" value={filters.from} onChange={set('from')} />
        <TextField label="To" type="date" value={filters.to} onChange={set('to')} />
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      <ProblemNote problem={problem} />

      {rows !== null && rows.length === 0 && <p className="muted">No packed units match.</p>}
      {rows !== null && rows.length > 0 && (
        <table className="data" aria-label="Pack history">
          <thead>
            <tr>
              <th scope="col">Packed at</th>
              <th scope="col">Order</th>
              <th scope="col">SKU</th>
              <th scope="col">Serial</th>
              <th scope="col">Packer</th>
              <th scope="col">Status</th>
              <th scope="col">Shipped</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.unitId}-${row.status}`} className={`status-${row.status}`}>
                <td>{formatTime(row.packedAt)}</td>
                <td className="mono">{row.orderNumber}</td>
                <td className="mono">{row.sku}</td>
                <td className="mono">{row.serial ?? '—'}</td>
                <td>{row.packer}</td>
                <td>{statusLabels[row.status]}</td>
                <td>{row.shipped ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor !== null && (
        <button type="button" onClick={() => void search(nextCursor)}>
          Load more
        </button>
      )}
    </section>
  );
}
