import type { Order, Product } from '../domain';
import { fail, ok, type Result } from '../serial/result';

/**
 * Checks that an order can go into a bulk-ship batch, which ships without per-unit packing
 * and so cannot record serials. The first line whose product needs a serial is named. A line
 * whose SKU is missing from the catalog is rejected too, because its rule is unknown.
 */
export function checkBulkShipOrder(
  order: Pick<Order, 'orderNumber' | 'lines'>,
  findProduct: (sku: string) => Product | undefined,
): Result<Pick<Order, 'orderNumber' | 'lines'>> {
  for (const line of order.lines) {
    const product = findProduct(line.sku);

    if (product === undefined) {
      return fail(
        'product_not_found',
        `Order ${order.orderNumber} line ${line.lineId} has SKU ${line.sku}, which is not in ` +
          'the catalog. Sync the catalog, then add the order to the batch again.',
        { orderNumber: order.orderNumber, lineId: line.lineId, sku: line.sku },
      );
    }

    if (product.kind === 'standard' && product.needsSerialNumber) {
      return fail(
        'serial_tracked_in_bulk_ship',
        `Order ${order.orderNumber} cannot be bulk shipped: line ${line.lineId} (${line.sku}, ` +
          `quantity ${line.quantity}) needs a serial number for each unit. Pack this order ` +
          'at a packing station instead.',
        { orderNumber: order.orderNumber, lineId: line.lineId, sku: line.sku },
      );
    }
  }
  return ok(order);
}
