import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

import pino from 'pino';

import { isAppError } from '../../shared/errors';
import { parseGs1Fields } from '../../shared/scanner/gs1-fields';
import { getLayout, layoutIds } from '../../shared/scanner/layouts';
import { createLogger } from '../logger';
import type { HidBackend } from './hid-backend';
import { formatHex, parseHexReport } from './hex-report';
import type { ReportMode } from './report-replay';
import { createAssembler, detectMode } from './report-replay';
import type { AssemblyOutput, ScanAssembler } from './scan-assembler';
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
      scan: text, symbology, gs1, terminator. Lines starting with # are skipped. The mode
      is detected from the first report when not given (8 or 9 bytes: keyboard). The
      layout defaults to us. --aim-prefix reads the first three characters of a
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

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let assembler: ScanAssembler | null = null;
  let lineNumber = 0;

  for await (const line of lines) {
    lineNumber += 1;

    let report: Uint8Array | null;

    try {
      report = parseHexReport(line);
    } catch (error) {
      process.stderr.write(`line ${lineNumber}: ${(error as Error).message}\n`);
      continue;
    }

    if (report === null) {
      continue;
    }

    const reportMode = mode ?? detectMode(report);
    assembler ??= createAssembler(reportMode, { layout, aimPrefix });

    if (reportMode === 'keyboard' && report.length !== 8 && report.length !== 9) {
      process.stderr.write(
        `line ${lineNumber}: a keyboard report has 8 bytes (9 with a report ID), this line has ${report.length}\n`,
      );
      continue;
    }

    printOutputs(assembler.push(report, 0), lineNumber);
  }

  if (assembler !== null) {
    printOutputs(assembler.end('end-of-input'), lineNumber);
  }
}

function printOutputs(outputs: AssemblyOutput[], lineNumber: number): void {
  for (const output of outputs) {
    if (output.kind === 'discarded') {
      process.stderr.write(`line ${lineNumber}: ${output.error.message}\n`);
      continue;
    }

    const { text, symbology, terminator } = output.barcode;
    const gs1 = parseGs1Fields(text, symbology);
    process.stdout.write(`${JSON.stringify({ text, symbology, gs1, terminator })}\n`);
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

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 2;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled scanner event: ${JSON.stringify(value)}`);
}
