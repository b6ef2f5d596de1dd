import type { Scan } from '../../shared/scanner/scan';
import type { Handlers } from '../ipc/dispatcher';
import type { PackingService } from '../packing';

type PackChannel =
  | 'pack.view'
  | 'pack.scan'
  | 'pack.submitSerial'
  | 'pack.cancelPrompt'
  | 'pack.removeUnit'
  | 'pack.replaceSerial'
  | 'pack.ship'
  | 'pack.closeOrder'
  | 'pack.label';

/**
 * Returns the pack screen's channels: scans and intents go to the packing service
 * unchanged. `onScan` sees every scan from the page first, for the diagnostics screen.
 */
export function packHandlers(
  packing: PackingService,
  onScan: (scan: Scan) => void = () => undefined,
): Pick<Handlers, PackChannel> {
  return {
    'pack.view': () => packing.view(),
    'pack.scan': ({ scan }) => {
      onScan(scan);
      return packing.scan(scan);
    },
    'pack.submitSerial': ({ serial }) => packing.submitSerial(serial),
    'pack.cancelPrompt': () => packing.cancelPrompt(),
    'pack.removeUnit': ({ unitId, reason }) => packing.removeUnit(unitId, reason),
    'pack.replaceSerial': ({ unitId, serial, reason }) =>
      packing.replaceSerial(unitId, serial, reason),
    'pack.ship': () => packing.ship(),
    'pack.closeOrder': () => packing.closeOrder(),
    'pack.label': ({ orderNumber }) => packing.label(orderNumber),
  };
}
