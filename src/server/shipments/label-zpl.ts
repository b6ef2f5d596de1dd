import type { LabelData } from './shipments';

/**
 * Renders a 4×6 inch label in ZPL II for a 203 dpi printer (812 × 1218 dots): tracking
 * number as Code 128, then each line with its serials. Text fields use `^FH` so `^`, `~`
 * and `_` in product names or serials are sent as hex escapes and cannot end a command.
 */
export function renderLabelZpl(label: LabelData): string {
  const commands = ['^XA', '^CI28', '^PW812', '^LL1218', '^LH0,0'];
  const text = (x: number, y: number, size: number, value: string) =>
    commands.push(`^FO${x},${y}^A0N,${size},${size}^FH^FD${escapeField(value)}^FS`);

  text(40, 40, 44, 'Packing Station');
  text(40, 100, 32, `Order ${label.orderNumber}`);
  text(40, 140, 28, `Shipped ${label.shippedAt.slice(0, 10)}`);
  commands.push(`^FO40,190^BY3^BCN,140,Y,N,N^FH^FD${escapeField(label.trackingNumber)}^FS`);
  commands.push('^FO40,380^GB732,3,3^FS');

  const lines = itemLines(label);
  const lastY = 1160;
  let y = 400;
  for (let index = 0; index < lines.length; index += 1) {
    if (y > lastY) {
      // NOTE: a label shows what fits; the rest is counted, not printed.
      text(40, y, 24, `... ${lines.length - index} more lines on the packing list`);
      break;
    }
    text(40, y, 24, lines[index]!);
    y += 30;
  }

  commands.push('^XZ');
  return `${commands.join('\n')}\n`;
}

/** Item lines shared by the ZPL and PDF labels: one per product, one per serial under it. */
export function itemLines(label: LabelData): string[] {
  return label.items.flatMap((item) => [
    `${item.quantity} x ${item.sku}  ${item.name}`,
    ...item.serials.map((serial) => `    SN ${serial}`),
  ]);
}

function escapeField(value: string): string {
  return value
    .replace(/[\^~_\\]/g, (character) => `_${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/[\r\n\t]/g, ' ');
}
