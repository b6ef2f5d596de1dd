import type { Product } from '../domain';
import { fail, ok, type Result } from '../serial/result';

/**
 * The way a product change was made. The three standard edits can only switch Needs Serial
 * Number on; `privileged_disable` is the separate, audited operation that may switch it off.
 */
export type ProductEditKind = 'single_edit' | 'bulk_edit' | 'csv_import' | 'privileged_disable';

type TrackingFields = Pick<Product, 'sku' | 'kind' | 'needsSerialNumber'>;

const EDIT_NAMES: Record<Exclude<ProductEditKind, 'privileged_disable'>, string> = {
  single_edit: 'Product editing',
  bulk_edit: 'Bulk edit',
  csv_import: 'The Bulk Edit CSV import',
};

/**
 * Checks a change of a product's Needs Serial Number flag. `before` is null for a new
 * product. Kits and built kits can never carry the flag, and once it is on, only the
 * privileged operation switches it off.
 */
export function checkNeedsSerialChange(
  before: TrackingFields | null,
  after: TrackingFields,
  kind: ProductEditKind,
): Result<TrackingFields> {
  const becameKit = before !== null && before.kind === 'standard' && after.kind !== 'standard';
  if (after.needsSerialNumber && before?.needsSerialNumber === true && becameKit) {
    const kindName = after.kind === 'kit' ? 'a kit' : 'a built kit';
    return fail(
      'serial_tracking_not_supported_for_kits',
      `${after.sku} is serial-tracked, so it cannot become ${kindName}, because kits cannot ` +
        'be serial-tracked. Keep it a standard product, or disable serial tracking first.',
      { sku: after.sku, kind: after.kind },
    );
  }
  if (after.needsSerialNumber && after.kind !== 'standard') {
    const kindName = after.kind === 'kit' ? 'a kit' : 'a built kit';
    return fail(
      'serial_tracking_not_supported_for_kits',
      `${after.sku} is ${kindName}, and kits cannot be serial-tracked. Turn on Needs Serial ` +
        'Number for the standard items in the kit instead.',
      { sku: after.sku, kind: after.kind },
    );
  }

  const switchedOff = before?.needsSerialNumber === true && !after.needsSerialNumber;
  if (!switchedOff) {
    return ok(after);
  }

  switch (kind) {
    case 'privileged_disable':
      return ok(after);
    case 'single_edit':
    case 'bulk_edit':
    case 'csv_import':
      return fail(
        'serial_tracking_locked',
        `${EDIT_NAMES[kind]} cannot switch off Needs Serial Number for ${after.sku}, because ` +
          'serials are already required for it. Ask an administrator to use "Disable serial ' +
          'tracking", which is audited.',
        { sku: after.sku, editKind: kind },
      );
    default:
      return assertNever(kind);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled product edit kind: ${String(value)}`);
}
