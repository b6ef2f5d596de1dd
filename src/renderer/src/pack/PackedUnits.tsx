import { memo } from 'react';

import type { PackedUnitView } from '../../../shared/ipc/channels/pack';
import { formatTime } from '../ui/format';

export type UnitAction = { kind: 'remove' | 'replace'; unit: PackedUnitView };

interface PackedUnitsProps {
  units: PackedUnitView[];
  /** True while units may still be removed or get a new serial, which ends when the label exists. */
  editable: boolean;
  caption: string;
  onAction?(action: UnitAction): void;
}

/** Lists each packed unit with its serial, time and packer, newest last. */
export function PackedUnits({ units, editable, caption, onAction }: PackedUnitsProps) {
  if (units.length === 0) return <p className="muted">No units packed yet.</p>;

  return (
    <table className="units" aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">SKU</th>
          <th scope="col">Serial</th>
          <th scope="col">Packed at</th>
          <th scope="col">Packer</th>
          {editable && <th scope="col">Correct</th>}
        </tr>
      </thead>
      <tbody>
        {units.map((unit, index) => (
          <UnitRow
            key={unit.unitId}
            unit={unit}
            position={index + 1}
            editable={editable}
            onAction={onAction}
          />
        ))}
      </tbody>
    </table>
  );
}

interface UnitRowProps {
  unit: PackedUnitView;
  position: number;
  editable: boolean;
  onAction?(action: UnitAction): void;
}

// Memoised on the unit's fields, because every view from main carries new objects: a scan
// then renders only the new row, which keeps its cost flat on an order of hundreds of units.
const UnitRow = memo(function UnitRow({ unit, position, editable, onAction }: UnitRowProps) {
  const name = unit.serial ?? `${unit.sku} #${position}`;

  return (
    <tr data-unit-id={unit.unitId}>
      <td>{position}</td>
      <td className="mono">{unit.sku}</td>
      <td className="mono serial-cell">{unit.serial ?? '—'}</td>
      <td>{formatTime(unit.packedAt)}</td>
      <td>{unit.packer}</td>
      {editable && (
        <td>
          <div className="row-actions">
            <button
              type="button"
              aria-label={`Remove unit ${name}`}
              onClick={() => onAction?.({ kind: 'remove', unit })}
            >
              Remove
            </button>
            {unit.serial !== null && (
              <button
                type="button"
                aria-label={`Replace serial ${name}`}
                onClick={() => onAction?.({ kind: 'replace', unit })}
              >
                Replace serial
              </button>
            )}
          </div>
        </td>
      )}
    </tr>
  );
}, sameRow);

function sameRow(before: UnitRowProps, after: UnitRowProps): boolean {
  return (
    before.position === after.position &&
    before.editable === after.editable &&
    before.onAction === after.onAction &&
    before.unit.unitId === after.unit.unitId &&
    before.unit.sku === after.unit.sku &&
    before.unit.serial === after.unit.serial &&
    before.unit.packer === after.unit.packer &&
    before.unit.packedAt === after.unit.packedAt
  );
}
