import { useState } from 'react';

import { Dialog } from '../ui/Dialog';
import type { UnitAction } from './PackedUnits';

interface UnitActionDialogProps {
  action: UnitAction;
  busy: boolean;
  onConfirm(input: { reason: string; serial: string }): void;
  onCancel(): void;
}

/**
 * Removes a unit or replaces its serial before the label exists. A reason is required
 * because main keeps it in the audit log with the packer and the time.
 */
export function UnitActionDialog({ action, busy, onConfirm, onCancel }: UnitActionDialogProps) {
  const [reason, setReason] = useState('');
  const [serial, setSerial] = useState('');
  const replacing = action.kind === 'replace';
  const current = action.unit.serial ?? action.unit.sku;

  return (
    <Dialog titleId="unit-action-title" onEscape={onCancel}>
      <form
        aria-label={replacing ? 'Replace serial' : 'Remove unit'}
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim() === '') return;

          onConfirm({ reason: reason.trim(), serial });
        }}
      >
        <h2 id="unit-action-title">
          {replacing ? 'Replace serial' : 'Remove unit'} <span className="mono">{current}</span>
        </h2>

        {replacing && (
          <>
            <label htmlFor="replacement-serial">New serial number</label>
            <input
              id="replacement-serial"
              value={serial}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setSerial(event.target.value)}
            />
          </>
        )}

        <label htmlFor="action-reason">Reason (kept in the audit log)</label>
        <input
          id="action-reason"
          value={reason}
          required
          maxLength={500}
          autoComplete="off"
          onChange={(event) => setReason(event.target.value)}
        />

        <div className="actions">
          <button type="submit" className="primary" disabled={busy || reason.trim() === ''}>
            {replacing ? 'Save new serial' : 'Remove unit'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel (Esc)
          </button>
        </div>
      </form>
    </Dialog>
  );
}
