// Child process of the crash test: packs units in a loop until it is killed. After each
// commit it writes the unit id to stdout with a synchronous write, so every id the parent
// reads belongs to a committed transaction.
import { writeSync } from 'node:fs';

import { createLogger } from '../../../src/main/logger';
import { openStationStore } from '../../../src/main/store';

const [file, migrationsFolder] = process.argv.slice(2);
if (file === undefined || migrationsFolder === undefined) {
  throw new Error('usage: pack-loop DATABASE_FILE MIGRATIONS_FOLDER');
}

const store = openStationStore({
  file,
  migrationsFolder,
  logger: createLogger({ level: 'silent' }),
});
const stationId = 'station-crash';
writeSync(1, 'ready\n');

for (let index = 0; ; index += 1) {
  const orderNumber = `ORD-${process.pid}-${Math.floor(index / 5)}`;
  const input = {
    orderNumber,
    lineId: 'L1',
    sku: 'WIDGET-01',
    serial: `SN-${process.pid}-${index}`,
    packer: 'crash-test',
    stationId,
  };
  // Half the packs run alone, half together with the session as the packing service does.
  const { unit } =
    index % 2 === 0
      ? store.units.pack(input)
      : store.transaction(() => {
          const change = store.units.pack(input);
          store.session.save({ stationId, orderNumber, state: 'order_open', data: { index } });
          return change;
        });
  writeSync(1, `packed ${unit.unitId}\n`);

  if (index % 7 === 6) {
    store.units.remove({ unitId: unit.unitId, reason: 'Crash test removal', packer: 'crash-test' });
    writeSync(1, `removed ${unit.unitId}\n`);
  } else if (index % 5 === 4) {
    store.units.replaceSerial({
      unitId: unit.unitId,
      serial: `RS-${process.pid}-${index}`,
      reason: 'Crash test replacement',
      packer: 'crash-test',
    });
  }
}
