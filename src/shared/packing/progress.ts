import type { Order, OrderLine, PackedUnit } from '../domain';

export interface LineProgress {
  line: OrderLine;
  packed: number;
}

/** Counts packed units per line of an order. */
export function lineProgress(
  order: Order,
  units: readonly Pick<PackedUnit, 'lineId'>[],
): LineProgress[] {
  const counts = new Map<string, number>();
  for (const unit of units) {
    counts.set(unit.lineId, (counts.get(unit.lineId) ?? 0) + 1);
  }
  return order.lines.map((line) => ({ line, packed: counts.get(line.lineId) ?? 0 }));
}

export function isOrderComplete(
  order: Order,
  units: readonly Pick<PackedUnit, 'lineId'>[],
): boolean {
  return lineProgress(order, units).every(({ line, packed }) => packed >= line.quantity);
}

/** Returns the first line of the SKU that still needs units, or null when all are full. */
export function nextOpenLine(
  order: Order,
  units: readonly Pick<PackedUnit, 'lineId'>[],
  sku: string,
): LineProgress | null {
  return (
    lineProgress(order, units).find(
      ({ line, packed }) => line.sku === sku && packed < line.quantity,
    ) ?? null
  );
}
