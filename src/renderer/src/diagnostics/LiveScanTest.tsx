import { useEffect, useState } from 'react';

import type { Scan } from '../../../shared/scanner/scan';
import { useStation } from '../ipc/StationContext';
import { formatTime, showControlCharacters } from '../ui/format';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';

/** Lines kept in each live list; older ones drop off the bottom. */
const keptLines = 50;

type Line = { key: number; device: string | null; text: string; at: string };

/**
 * Shows a live scanner test: with watching on, every raw HID report as hex bytes, and every
 * decoded scan with its symbology, GS1 fields and any control characters made visible.
 */
export function LiveScanTest() {
  const station = useStation();
  const [watching, setWatching] = useState(false);
  const [reports, setReports] = useState<Line[]>([]);
  const [scans, setScans] = useState<Scan[]>([]);
  const [problems, setProblems] = useState<Line[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let counter = 0;
    const offReport = station.on('scanner.report', (report) => {
      counter += 1;
      const line = { key: counter, device: report.device, text: report.hex, at: report.at };
      setReports((current) => [line, ...current].slice(0, keptLines));
    });
    const offScan = station.on('scanner.scanned', (scan) =>
      setScans((current) => [scan, ...current].slice(0, keptLines)),
    );
    const offProblem = station.on('scanner.problem', (dropped) => {
      counter += 1;
      const line = {
        key: counter,
        device: dropped.device,
        text: `${dropped.message} (${dropped.code})`,
        at: new Date().toISOString(),
      };
      setProblems((current) => [line, ...current].slice(0, keptLines));
    });

    return () => {
      offReport();
      offScan();
      offProblem();
    };
  }, [station]);

  useEffect(
    () => () => {
      // Leaving the screen stops the raw stream, which costs an event per HID report.
      void station.call('scanner.watch', { enabled: false }).catch(() => {});
    },
    [station],
  );

  async function toggle() {
    try {
      const reply = await station.call('scanner.watch', { enabled: !watching });
      setWatching(reply.enabled);
      setProblem(null);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
  }

  return (
    <section aria-labelledby="live-heading">
      <h2 id="live-heading">Live scanner test</h2>
      <button
        type="button"
        className="primary"
        aria-pressed={watching}
        onClick={() => void toggle()}
      >
        {watching ? 'Stop raw reports' : 'Show raw reports'}
      </button>
      <ProblemNote problem={problem} />

      <div className="live-columns">
        <div>
          <h3>Decoded scans</h3>
          <ol className="live-list" aria-label="Decoded scans" data-testid="decoded-scans">
            {scans.map((scan, index) => (
              <li key={`${scan.time}-${index}`}>
                <span className="mono live-text">{showControlCharacters(scan.text)}</span>
                <span className="muted">
                  {' '}
                  {scan.source}
                  {scan.symbology !== null && `, AIM ${scan.symbology}`}
                  {scan.text.includes('\x1d') && ', GS present'}
                  {scan.gs1 !== null && `, GS1 ${formatGs1(scan.gs1)}`}, {formatTime(scan.time)}
                </span>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h3>Raw reports</h3>
          <ol className="live-list mono" aria-label="Raw reports" data-testid="raw-reports">
            {reports.map((line) => (
              <li key={line.key}>
                {line.text} <span className="muted">{line.device}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>

      {problems.length > 0 && (
        <>
          <h3>Dropped scans</h3>
          <ol className="live-list" aria-label="Dropped scans">
            {problems.map((line) => (
              <li key={line.key} className="problem">
                {line.text}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function formatGs1(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([ai, value]) => `(${ai})${value}`)
    .join('');
}
