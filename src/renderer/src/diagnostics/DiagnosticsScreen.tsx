import { LinkCheck } from './LinkCheck';
import { LiveScanTest } from './LiveScanTest';
import { ScannerList } from './ScannerList';

/** Shows what IT needs to make a scanner readable: devices, raw reports and decoded scans. */
export function DiagnosticsScreen() {
  return (
    <div className="diagnostics">
      <ScannerList />
      <LiveScanTest />
      <LinkCheck />
    </div>
  );
}
