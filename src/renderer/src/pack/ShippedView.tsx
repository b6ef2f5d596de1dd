import type { PackView } from '../../../shared/ipc/channels/pack';
import { formatTime } from '../ui/format';
import { LabelPreview } from './LabelPreview';
import { PackedUnits } from './PackedUnits';

interface ShippedViewProps {
  view: PackView;
  onNextOrder(): void;
}

/**
 * Shows the end of an order. Shipped: the tracking number, the shipped items with their serials
 * and the label. Label pending: the order is packed and saved on this station, and the label
 * is created once the backend can be reached again.
 */
export function ShippedView({ view, onNextOrder }: ShippedViewProps) {
  const orderNumber = view.order?.orderNumber ?? '';
  const shipment = view.shipment;
  const pending = view.state === 'label_pending';

  return (
    <section className="shipped" aria-labelledby="shipped-heading">
      {pending ? (
        <div className="label-pending" data-testid="label-pending" role="status">
          <h2 id="shipped-heading">Label pending</h2>
          <p>
            Order <span className="mono">{orderNumber}</span> is packed and saved on this station.
            The station is offline, so the label will be created as soon as the connection returns.
            You can start the next order.
          </p>
        </div>
      ) : (
        <div className="shipped-summary" data-testid="shipped-summary">
          <h2 id="shipped-heading">Shipped</h2>
          <p>
            Order <span className="mono">{orderNumber}</span>, tracking number{' '}
            <strong className="mono" data-testid="tracking-number">
              {shipment?.trackingNumber ?? '—'}
            </strong>
            {shipment !== null && <>, shipped {formatTime(shipment.shippedAt)}</>}
          </p>
        </div>
      )}

      <div className="shipped-body">
        <div>
          <h3>{pending ? 'Packed items' : 'Shipped items'}</h3>
          <PackedUnits
            units={view.units}
            editable={false}
            caption={pending ? 'Packed items' : 'Shipped items'}
          />
        </div>
        {!pending && shipment?.hasLabel === true && <LabelPreview orderNumber={orderNumber} />}
      </div>

      <button type="button" className="primary" onClick={onNextOrder}>
        Next order
      </button>
    </section>
  );
}
