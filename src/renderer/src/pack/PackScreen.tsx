import { useCallback, useEffect, useRef, useState } from 'react';

import { ProblemNote } from '../ui/ProblemNote';
import { FeedbackBanner } from './FeedbackBanner';
import { LinesTable } from './LinesTable';
import { manualScan } from './manual-scan';
import { PackedUnits } from './PackedUnits';
import type { UnitAction } from './PackedUnits';
import { ScanBar } from './ScanBar';
import { SerialPrompt } from './SerialPrompt';
import { ShippedView } from './ShippedView';
import { UnitActionDialog } from './UnitActionDialog';
import { usePackView } from './usePackView';
import { useKeepFocus } from './useKeepFocus';
import { useScanWedge } from './useScanWedge';

/**
 * Renders the packer's screen, driven by scans. Main owns the session and decides what each
 * scan means, so this screen only renders the view and sends scans and intents.
 */
export function PackScreen() {
  const { view, problem, send } = usePackView();
  const scanInput = useRef<HTMLInputElement>(null);
  const serialInput = useRef<HTMLInputElement>(null);
  const [action, setAction] = useState<UnitAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const state = view?.state ?? 'idle';
  const prompt = view?.prompt ?? null;
  const editable =
    state === 'order_open' || state === 'ready_to_ship' || state === 'awaiting_serial';
  const finished = state === 'shipped' || state === 'label_pending';

  useKeepFocus(scanInput, view !== null && prompt === null && action === null);

  useScanWedge({
    enabled: action === null,
    onScan: (scan) => void send('pack.scan', { scan }),
    onNotice: setNotice,
  });

  const ship = useCallback(async () => {
    setBusy(true);
    await send('pack.ship', {});
    setBusy(false);
  }, [send]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== 'F9' || state !== 'ready_to_ship') return;

      event.preventDefault();
      void ship();
    }

    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ship, state]);

  if (view === null) {
    return (
      <section className="pack-screen" aria-label="Pack">
        <FeedbackBanner feedback={null} />
        <ProblemNote problem={problem} />
        {problem === null && <p className="muted">Loading the pack session…</p>}
      </section>
    );
  }

  return (
    <section className="pack-screen" aria-label="Pack">
      <FeedbackBanner feedback={view.feedback} />

      <ScanBar
        inputRef={scanInput}
        label={view.order === null || finished ? 'Scan an order number' : 'Scan an item'}
        disabled={false}
        onSubmit={(text) => {
          setNotice(null);
          void send('pack.scan', { scan: manualScan(text) });
        }}
      />
      <div className="scan-messages">
        <ProblemNote problem={problem} />
        {notice !== null && (
          <p className="warning" role="status" data-testid="wedge-notice">
            {notice}
          </p>
        )}
      </div>

      {finished ? (
        <ShippedView view={view} onNextOrder={() => void send('pack.closeOrder', {})} />
      ) : view.order === null ? (
        <p className="idle-hint">No order open. Scan the order number on the pick list.</p>
      ) : (
        <div className="order-panel">
          <div className="order-head">
            <h2>
              Order{' '}
              <span className="mono" data-testid="order-number">
                {view.order.orderNumber}
              </span>
            </h2>
            <button
              type="button"
              className="primary ship-button"
              disabled={state !== 'ready_to_ship' || busy}
              onClick={() => void ship()}
            >
              Ship (F9)
            </button>
          </div>
          <LinesTable orderNumber={view.order.orderNumber} lines={view.order.lines} />
          <h3>Packed items</h3>
          <PackedUnits
            units={view.units}
            editable={editable}
            caption="Packed items"
            onAction={setAction}
          />
        </div>
      )}

      {prompt !== null && (
        <SerialPrompt
          prompt={prompt}
          inputRef={serialInput}
          busy={busy}
          onSave={(serial) => void send('pack.submitSerial', { serial })}
          onCancel={() => void send('pack.cancelPrompt', {})}
        />
      )}

      {action !== null && (
        <UnitActionDialog
          action={action}
          busy={busy}
          onCancel={() => setAction(null)}
          onConfirm={async ({ reason, serial }) => {
            setBusy(true);
            const done =
              action.kind === 'remove'
                ? await send('pack.removeUnit', { unitId: action.unit.unitId, reason })
                : await send('pack.replaceSerial', { unitId: action.unit.unitId, serial, reason });
            setBusy(false);
            if (done) setAction(null);
          }}
        />
      )}
    </section>
  );
}
