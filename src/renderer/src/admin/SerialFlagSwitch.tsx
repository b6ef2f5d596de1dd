import type { Product } from '../../../shared/domain';

/**
 * Shows the Needs Serial Number flag as a switch that only switches it on. Once on, product editing
 * cannot switch it off, because the serials recorded for the product must stay in the
 * reports. Kits never take the flag. Either reason is shown next to the disabled switch.
 */
export function SerialFlagSwitch({
  product,
  onSwitchOn,
}: {
  product: Product;
  onSwitchOn(): void;
}) {
  const reason = lockReason(product);
  const reasonId = `serial-flag-reason-${product.sku}`;

  return (
    <div className="flag-switch">
      <button
        type="button"
        role="switch"
        aria-checked={product.needsSerialNumber}
        aria-label={`Needs Serial Number for ${product.sku}`}
        aria-describedby={reason === null ? undefined : reasonId}
        disabled={reason !== null}
        className={product.needsSerialNumber ? 'switch switch-on' : 'switch'}
        onClick={onSwitchOn}
      >
        {product.needsSerialNumber ? 'On' : 'Off'}
      </button>
      {reason !== null && (
        <span id={reasonId} className="flag-reason">
          {reason}
        </span>
      )}
    </div>
  );
}

function lockReason(product: Product): string | null {
  if (product.needsSerialNumber) {
    return 'Cannot be switched off here: serials already recorded depend on it. Ask for the audited switch-off.';
  }

  if (product.kind !== 'standard') return 'Kits and built kits cannot be serial-tracked.';

  return null;
}
