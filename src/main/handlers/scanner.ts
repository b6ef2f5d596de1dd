import type { z } from 'zod';

import { wedgeSettingsSchema } from '../../shared/ipc/channels/station';
import type { Handlers } from '../ipc/dispatcher';
import type { ScannerPort } from '../packing';
import type { StationStore } from '../store';

type ScannerChannel =
  | 'scanner.list'
  | 'scanner.configure'
  | 'scanner.watch'
  | 'wedge.settings'
  | 'wedge.updateSettings';

type WedgeSettings = z.output<typeof wedgeSettingsSchema>;

/** Defaults for a keyboard-wedge scanner: a US layout, fast bursts of at least 4 characters. */
export const defaultWedgeSettings: WedgeSettings = {
  layout: 'us',
  maxKeyGapMs: 30,
  minBurstLength: 4,
};

const wedgeKey = 'wedge';

/**
 * Scanner diagnostics and settings. HID scanners are the scanner manager's; without one
 * (no HID access on this machine) the list is empty and configuring keeps nothing. The
 * wedge settings are kept in the station store.
 */
export function scannerHandlers(
  scanner: ScannerPort | null,
  store: StationStore,
): Pick<Handlers, ScannerChannel> {
  const wedge = (): WedgeSettings =>
    store.settings.get(wedgeKey, wedgeSettingsSchema) ?? defaultWedgeSettings;

  return {
    'scanner.list': async () => ({ devices: scanner === null ? [] : await scanner.list() }),
    'scanner.configure': async (request) => ({
      devices: scanner === null ? [] : await scanner.configure(request),
    }),
    'scanner.watch': ({ enabled }) => {
      scanner?.watch(enabled);
      return { enabled: scanner !== null && enabled };
    },
    'wedge.settings': () => wedge(),
    'wedge.updateSettings': (changes) => {
      const next = { ...wedge(), ...changes };
      store.settings.put(wedgeKey, wedgeSettingsSchema, next);
      return next;
    },
  };
}
