import { isAppError } from '../../shared/errors';
import { normalizeSerial } from '../../shared/serial';
import type { ShippedSerial } from '../../shared/serial';
import type { Logger } from '../logger';
import type { StationStore } from '../store';
import type { BackendPort } from './ports';

/**
 * How long the serial prompt waits for the server's answer to "was this serial shipped
 * before?". Past it the prompt decides on the station's own shipments; the server checks
 * the rule again when the unit is pushed, so a late answer is never lost.
 */
export const serverLookupTimeoutMs = 1500;

/**
 * Shipped units whose serial equals `raw` (case-insensitively, after normalisation): those
 * this station shipped, plus those the server reports when it answers in time. The shared
 * cross-order rule then keeps the ones of the same SKU. A serial that does not normalise
 * has no matches.
 */
export async function findShippedSerials(
  store: StationStore,
  backend: BackendPort | null,
  raw: string,
  logger: Logger,
): Promise<ShippedSerial[]> {
  const normalized = normalizeSerial(raw);
  if (!normalized.ok) return [];

  const serial = normalized.value;
  const local = store.units
    .withSerial(serial)
    .filter((unit) => unit.shipmentId !== null)
    .map((unit) => ({
      serial: unit.serial ?? serial,
      sku: unit.sku,
      orderNumber: unit.orderNumber,
    }));

  if (backend === null) return local;

  const remote = await fromServer(backend, serial, logger);
  return [...local, ...remote];
}

async function fromServer(
  backend: BackendPort,
  serial: string,
  logger: Logger,
): Promise<ShippedSerial[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), serverLookupTimeoutMs);
  });

  try {
    const page = await Promise.race([
      backend.searchSerialReport({ serials: [serial], limit: 50 }),
      timeout,
    ]);
    if (page === null) {
      logger.info({}, 'shipped-serial lookup timed out; using the station store only');
      return [];
    }

    return page.rows.map((row) => ({
      serial: row.serial,
      sku: row.sku,
      orderNumber: row.orderNumber,
      shippedAt: row.shippedAt,
    }));
  } catch (error) {
    const code = isAppError(error) ? error.code : 'unexpected';
    logger.info({ code }, 'shipped-serial lookup failed; using the station store only');
    return [];
  } finally {
    clearTimeout(timer);
  }
}
