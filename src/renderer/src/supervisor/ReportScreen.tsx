import { useEffect, useState } from 'react';

import type { ExportProgress, ReportRow } from '../../../shared/ipc/channels/supervisor';
import type { ChannelRequest } from '../../../shared/ipc/contract';
import { useStation } from '../ipc/StationContext';
import { dayToIso, optional } from '../ui/dates';
import { formatTime } from '../ui/format';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';
import { TextField } from '../ui/TextField';
import { ExportProgressView } from './ExportProgressView';

type Filters = ChannelRequest<'report.exportCsv'>['filters'];

/** Searches the Serial Number Report on the server: every shipped serial, with a CSV export. */
export function ReportScreen() {
  const station = useStation();
  const [form, setForm] = useState({ serials: '', sku: '', orderNumber: '', from: '', to: '' });
  const [rows, setRows] = useState<ReportRow[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [exportId, setExportId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Record<string, ExportProgress>>({});

  // Listening starts before any export, because a small export can finish and report its
  // last progress before the call that started it has returned its id.
  useEffect(
    () =>
      station.on('report.exportProgress', (next) =>
        setProgress((current) => ({ ...current, [next.exportId]: next })),
      ),
    [station],
  );

  function filters(): Filters {
    const serials = form.serials
      .split(/[\n,;]+/)
      .map((serial) => serial.trim())
      .filter((serial) => serial !== '');

    return {
      serials: serials.length === 0 ? undefined : serials,
      sku: optional(form.sku),
      orderNumber: optional(form.orderNumber),
      from: dayToIso(form.from),
      to: dayToIso(form.to, true),
    };
  }

  async function search(cursor?: string) {
    try {
      const page = await station.call('report.search', { ...filters(), cursor, limit: 100 });
      setRows(cursor === undefined ? page.rows : [...(rows ?? []), ...page.rows]);
      setNextCursor(page.nextCursor);
      setProblem(null);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
  }

  async function exportCsv() {
    try {
      const started = await station.call('report.exportCsv', { filters: filters() });
      setExportId(started.exportId);
      setProblem(null);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
  }

  const set = (key: keyof typeof form) => (value: string) =>
    setForm((current) => ({ ...current, [key]: value }));

  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">Serial Number Report</h2>
      <form
        className="filters"
        aria-label="Report filters"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <TextField
          label="Serials (comma or newline separated)"
          value={form.serials}
          onChange={set('serials')}
          mono
        />
        <TextField label="SKU" value={form.sku} onChange={set('sku')} />
        <TextField label="Order number" value={form.orderNumber} onChange={set('orderNumber')} />
        <TextField label="Shipped from" type="date" value={form.from} onChange={set('from')} />
        <TextField label="Shipped to" type="date" value={form.to} onChange={set('to')} />
        <button type="submit" className="primary">
          Search
        </button>
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </form>
      <ProblemNote problem={problem} />
      {exportId !== null && <ExportProgressView progress={progress[exportId] ?? null} />}

      {rows !== null && rows.length === 0 && <p className="muted">No shipped serials match.</p>}
      {rows !== null && rows.length > 0 && (
        <table className="data" aria-label="Serial Number Report">
          <thead>
            <tr>
              <th scope="col">Serial</th>
              <th scope="col">SKU</th>
              <th scope="col">Product</th>
              <th scope="col">Order</th>
              <th scope="col">Tracking number</th>
              <th scope="col">Shipped at</th>
              <th scope="col">Packer</th>
              <th scope="col">Station</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.orderNumber}-${row.serial}-${row.trackingNumber}`}>
                <td className="mono">{row.serial}</td>
                <td className="mono">{row.sku}</td>
                <td>{row.productName}</td>
                <td className="mono">{row.orderNumber}</td>
                <td className="mono">{row.trackingNumber}</td>
                <td>{formatTime(row.shippedAt)}</td>
                <td>{row.packer}</td>
                <td>{row.station}</td>
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
