import type { PackLineView } from '../../../shared/ipc/channels/pack';

/** Lists the order's lines with packed and required counts and marks finished lines done. */
export function LinesTable({ orderNumber, lines }: { orderNumber: string; lines: PackLineView[] }) {
  return (
    <table className="lines" aria-label={`Lines of order ${orderNumber}`}>
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Product</th>
          <th scope="col">Serial</th>
          <th scope="col" className="count">
            Packed
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const done = line.packed >= line.quantity;
          return (
            <tr key={line.lineId} className={done ? 'line-done' : ''} data-sku={line.sku}>
              <td className="mono">{line.sku}</td>
              <td>
                {line.name}
                {line.kind !== 'standard' && <span className="tag">kit</span>}
              </td>
              <td>
                {line.needsSerialNumber ? (
                  <span className="tag tag-serial">needs serial</span>
                ) : (
                  '—'
                )}
              </td>
              <td className="count" data-testid={`line-count-${line.sku}`}>
                {line.packed} of {line.quantity}
                {done && <span className="done-mark"> ✓ done</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
