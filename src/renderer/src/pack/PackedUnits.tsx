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

/** Each packed unit with its serial, time and packer, newest last. */
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
        {units.map((unit, index) => {
          const name = unit.serial ?? `${unit.sku} #${index + 1}`;
          return (
            <tr key={unit.unitId} data-unit-id={unit.unitId}>
              <td>{index + 1}</td>
              <td className="mono">{unit.sku}</td>
              <td className="mono serial-cell">{unit.serial ?? '—'}</td>
              <td>{formatTime(unit.packedAt)}</td>
              <td>{unit.packer}</td>
              {editable && (
                <td className="row-actions">
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
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
