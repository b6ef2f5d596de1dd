import { useEffect, useState } from 'react';

import { maxCsvImportBytes } from '../../../shared/ipc/channels/admin';
import type { CsvImportResult } from '../../../shared/ipc/channels/admin';
import { useStation } from '../ipc/StationContext';
import { formatBytes } from '../ui/format';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';

interface LoadedFile {
  name: string;
  text: string;
}

/**
 * Bulk Edit CSV import: a dry run first shows what would change and every rejected row;
 * only then can the same file be applied. Upload progress comes as `admin.importProgress`.
 */
export function CsvImportPanel() {
  const station = useStation();
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [preview, setPreview] = useState<CsvImportResult | null>(null);
  const [applied, setApplied] = useState<CsvImportResult | null>(null);
  const [progress, setProgress] = useState<{ sentBytes: number; totalBytes: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => station.on('admin.importProgress', setProgress), [station]);

  async function choose(chosen: File | undefined) {
    setPreview(null);
    setApplied(null);
    setProgress(null);
    setProblem(null);
    if (chosen === undefined) return setFile(null);

    if (chosen.size > maxCsvImportBytes) {
      setFile(null);
      setProblem({
        code: 'csv_too_large',
        message: `${chosen.name} is ${formatBytes(chosen.size)}, but the largest import is ${formatBytes(maxCsvImportBytes)}. Split the file and import each part.`,
      });
      return;
    }

    setFile({ name: chosen.name, text: await chosen.text() });
  }

  async function run(dryRun: boolean) {
    if (file === null) return;

    setRunning(true);
    setProgress(null);
    try {
      const result = await station.call('admin.products.importCsv', { csv: file.text, dryRun });
      if (dryRun) setPreview(result);
      else setApplied(result);
      setProblem(null);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
    setRunning(false);
  }

  const result = applied ?? preview;
  // The server applies an import all or nothing, so a file with a rejected row cannot be
  // applied until those rows are fixed.
  const applicable = preview !== null && preview.rejected.length === 0;

  return (
    <section aria-labelledby="csv-heading">
      <h2 id="csv-heading">Bulk Edit CSV import</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="csv-file">Bulk Edit CSV file</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => void choose(event.target.files?.[0])}
          />
        </div>
        <button type="button" disabled={file === null || running} onClick={() => void run(true)}>
          Preview (dry run)
        </button>
        <button
          type="button"
          className="primary"
          disabled={!applicable || running || applied !== null}
          onClick={() => void run(false)}
        >
          Apply import
        </button>
      </div>
      {progress !== null && running && (
        <div className="progress-line">
          <progress
            aria-label="Upload progress"
            value={progress.sentBytes}
            max={Math.max(progress.totalBytes, 1)}
          />
          <span>
            {formatBytes(progress.sentBytes)} of {formatBytes(progress.totalBytes)}
          </span>
        </div>
      )}
      {running && progress === null && <p className="muted">Sending {file?.name}…</p>}
      <ProblemNote problem={problem} />
      {result !== null && <ImportResultView result={result} />}
      {preview !== null && !applicable && (
        <p className="warning">
          Nothing is imported while any row is rejected. Fix the rows above, save the file and
          choose it again.
        </p>
      )}
    </section>
  );
}

function ImportResultView({ result }: { result: CsvImportResult }) {
  const heading = result.dryRun
    ? 'Dry run: nothing was changed yet'
    : result.applied
      ? 'Import applied'
      : 'Import not applied';

  return (
    <div className="import-result" data-testid="import-result" role="status">
      <h3>{heading}</h3>
      <p>
        {result.changed.length} rows {result.dryRun ? 'would change' : 'changed'},{' '}
        {result.unchanged.length} unchanged, {result.rejected.length} rejected.
      </p>
      {result.unknownColumns.length > 0 && (
        <p className="warning">
          Ignored columns: <span className="mono">{result.unknownColumns.join(', ')}</span>
        </p>
      )}
      {result.rejected.length > 0 && (
        <table className="data" aria-label="Rejected rows">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">SKU</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {result.rejected.map((row) => (
              <tr key={`${row.row}-${row.column ?? ''}`} data-code={row.code}>
                <td>{row.row}</td>
                <td className="mono">{row.sku ?? '—'}</td>
                <td>{row.column ?? '—'}</td>
                <td>
                  {row.message} <span className="code">({row.code})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
