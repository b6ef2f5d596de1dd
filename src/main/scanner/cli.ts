import { parseArgs } from 'node:util';

import pino from 'pino';

import { isAppError } from '../../shared/errors';
import { parseGs1Fields } from '../../shared/scanner/gs1-fields';
import { getLayout, layoutIds } from '../../shared/scanner/layouts';
import { escapeText } from '../../shared/text/plain-text';
import { createLogger } from '../logger';
import { MAX_LINE_LENGTH, readBoundedLines } from './bounded-lines';
import type { HidBackend } from './hid-backend';
import { formatHex } from './hex-report';
import { decodeReportLines } from './report-lines';
import type { ReportMode } from './report-replay';
import type { DeviceMode, ScannerConfig } from './scanner-config';
import { classifyDevice, formatVidPid, parseKeyboardScannerSpec } from './scanner-config';
import { ScannerService } from './scanner-service';

const USAGE = `Scanner diagnostics.

Usage:
  npm run scanner -- list [--scanner vvvv:pppp:layout]... [--json]
      Lists HID devices with their mode (keyboard, pos, other), vendor:product id, path,
      and whether the station can read them or why not.
  npm run scanner -- watch [--scanner vvvv:pppp:layout]...
      Reads HID POS scanners and the keyboard-mode scanners given, printing each raw
      report (hex, milliseconds since the previous one) and each decoded scan. Ctrl+C ends.
  npm run scanner -- decode [--layout ${layoutIds.join('|')}] [--mode keyboard|pos] [--aim-prefix]
      Reads one HID report per line as hex bytes from stdin and prints one JSON object per
      scan: text, symbology, gs1, terminator. Lines starting with # are skipped. Without
      --mode each line is read by its length: 8 or 9 bytes as a keyboard report, longer
      as a HID POS report. A line that is not hex, fits no mode or is longer than
      ${MAX_LINE_LENGTH} bytes is reported on stderr with its number and skipped. A summary
      of lines read and bad lines ends stderr, and the exit code is 1 when a line was bad.
      The layout defaults to us. --aim-prefix reads the first three characters of a
      keyboard-mode scan as its AIM symbology identifier.

--scanner marks a keyboard-mode device as a scanner: vendor id and product id in hex and
the keyboard layout the scanner types with, e.g. --scanner 0c2e:0b61:de. Append :aim when
the scanner sends the AIM identifier before the data (0c2e:0b61:de:aim).
`;

await main(process.argv.slice(2));

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      layout: { type: 'string', default: 'us' },
      mode: { type: 'string' },
      scanner: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
      'aim-prefix': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];

  try {
    if (values.help || command === undefined) {
      process.stdout.write(USAGE);
      process.exitCode = command === undefined && !values.help ? 2 : 0;

      return;
    }

    const config: ScannerConfig = {
      keyboardScanners: values.scanner.map(parseKeyboardScannerSpec),
      posProfiles: [],
    };

    switch (command) {
      case 'decode':
        await decode(values.layout, parseMode(values.mode), values['aim-prefix']);

        return;
      case 'list':
        await list(await loadBackend(), config, values.json);

        return;
      case 'watch':
        await watch(await loadBackend(), config);

        return;
      default:
        fail(`Unknown command "${command}". Use list, watch or decode; --help shows usage.`);
    }
  } catch (error) {
    fail(isAppError(error) || error instanceof Error ? error.message : String(error));
  }
}

async function decode(
  layout: string,
  mode: ReportMode | undefined,
  aimPrefix: boolean,
): Promise<void> {
  getLayout(layout);

  const summary = await decodeReportLines(
    readBoundedLines(process.stdin),
    { layout, mode: mode ?? null, aimPrefix },
    {
      barcode: ({ text, symbology, terminator }) => {
        const gs1 = parseGs1Fields(text, symbology);
        process.stdout.write(`${JSON.stringify({ text, symbology, gs1, terminator })}\n`);
      },
      problem: (lineNumber, message) => {
        process.stderr.write(`line ${lineNumber}: ${message}\n`);
      },
    },
  );

  process.stderr.write(
    `decode: ${count(summary.linesRead, 'line')} read, ${summary.badLines} bad, ${count(summary.barcodes, 'scan')}, ${summary.discardedScans} discarded\n`,
  );

  if (summary.badLines > 0) {
    process.exitCode = 1;
  }
}

async function list(backend: HidBackend, config: ScannerConfig, json: boolean): Promise<void> {
  const rows = [];

  for (const device of await backend.listDevices()) {
    const classification = classifyDevice(device, config);
    const status = classification.read
      ? await probe(backend, device.path, classification.mode)
      : `not read: ${classification.reason}${classification.mode === 'keyboard' ? ` (add --scanner ${formatVidPid(device)}:LAYOUT if it is a scanner)` : ''}`;

    rows.push({
      mode: classification.mode,
      vidPid: formatVidPid(device),
      path: device.path,
      status,
      product: [device.manufacturer, device.product].filter(Boolean).join(' '),
    });
  }

  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);

    return;
  }

  if (rows.length === 0) {
    process.stdout.write('No HID devices found.\n');
  }

  for (const row of rows) {
    process.stdout.write(
      `${row.mode.padEnd(9)} ${row.vidPid}  ${row.path.padEnd(16)} ${row.status}${row.product === '' ? '' : `  [${row.product}]`}\n`,
    );
  }
}

async function probe(backend: HidBackend, path: string, mode: DeviceMode): Promise<string> {
  try {
    const connection = await backend.open(path);
    connection.close();

    return 'readable';
  } catch (error) {
    const reason = (await backend.explainOpenFailure(path)) ?? (error as Error).message;
    const wedgeHint =
      mode === 'keyboard' && process.platform !== 'linux'
        ? ' (Windows and macOS keep keyboards to themselves: use the keyboard-wedge fallback)'
        : '';

    return `not readable: ${reason}${wedgeHint}`;
  }
}

async function watch(backend: HidBackend, config: ScannerConfig): Promise<void> {
  const logger = createLogger({ level: 'warn', destination: pino.destination(2) });
  const service = new ScannerService({ backend, config, logger });
  const previousReportAt = new Map<string, number>();

  service.subscribe((event) => {
    switch (event.type) {
      case 'report': {
        const previous = previousReportAt.get(event.device);
        const gap = previous === undefined ? '' : `+${(event.at - previous).toFixed(1)}ms`;
        previousReportAt.set(event.device, event.at);
        process.stdout.write(
          `report  ${event.device} ${gap.padStart(10)}  ${formatHex(event.report)}\n`,
        );
        break;
      }
      case 'scan':
        process.stdout.write(
          `scan    ${JSON.stringify({ ...event.scan, terminator: event.terminator, hasGs: event.scan.text.includes('\x1d') })}\n`,
        );
        break;
      case 'discarded':
        process.stdout.write(`discard ${event.device}: ${event.error.message}\n`);
        break;
      case 'attached':
        process.stdout.write(
          `attach  ${event.device.path} ${formatVidPid(event.device)} ${event.mode}\n`,
        );
        break;
      case 'detached':
        process.stdout.write(`detach  ${event.device} (${event.reason})\n`);
        break;
      case 'open-failed':
        process.stdout.write(`failed  ${event.device}: ${event.message}\n`);
        break;
      default:
        assertNever(event);
    }
  });

  await service.start();
  process.stdout.write('Watching for scans; press Ctrl+C to stop.\n');

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

  await service.stop();
}

async function loadBackend(): Promise<HidBackend> {
  // Loaded on demand so `decode` runs where node-hid's native library cannot load.
  const { createNodeHidBackend } = await import('./node-hid-backend');

  return createNodeHidBackend();
}

function parseMode(mode: string | undefined): ReportMode | undefined {
  if (mode === undefined || mode === 'keyboard' || mode === 'pos') {
    return mode;
  }

  throw new Error(`Mode "${mode}" is not valid; use keyboard or pos.`);
}

/** Writes an error escaped and cut to 500 characters, as it may echo an argument. */
function fail(message: string): void {
  process.stderr.write(`${escapeText(message, 500)}\n`);
  process.exitCode = 2;
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled scanner event: ${JSON.stringify(value)}`);
}
