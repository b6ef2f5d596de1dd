import { eq } from 'drizzle-orm';
import { z } from 'zod';

import type { Product } from '../../shared/domain';
import type { Executor } from '../db/database';
import { nextVersion } from '../db/database';
import { auditLog, products } from '../db/schema';
import { serverError } from '../errors';
import { toProduct, writeProduct } from './products';

export const disableSerialTrackingSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'the reason is empty. Say why serial tracking is being switched off')
    .min(
      3,
      'the reason must be at least 3 characters. Say why serial tracking is being switched off',
    )
    .max(500, 'the reason must be at most 500 characters'),
});

/**
 * Switches Needs Serial Number off for one product: the privileged operation that ordinary
 * editing refuses. Writes an audit entry with who and why in the same transaction. Serials
 * shipped before stay in the Serial Number Report, which never joins on this flag.
 */
export async function disableSerialTracking(
  db: Executor,
  sku: string,
  reason: string,
  actor: string,
): Promise<Product> {
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(products).where(eq(products.sku, sku)).for('update');
    const row = rows[0];
    if (row === undefined) {
      throw serverError('product_not_found', `No product has SKU ${sku}. Check the SKU.`, { sku });
    }
    if (!row.needsSerialNumber) {
      throw serverError(
        'serial_tracking_not_enabled',
        `${sku} does not need serial numbers, so there is nothing to switch off.`,
        { sku },
      );
    }

    const updated = await writeProduct(
      tx,
      { ...toProduct(row), needsSerialNumber: false },
      await nextVersion(tx),
    );
    await tx.insert(auditLog).values({
      actor,
      action: 'serial_tracking.disable',
      subject: sku,
      details: { reason },
    });
    return updated;
  });
}
