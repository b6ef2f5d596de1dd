import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';

import { itemLines } from './label-zpl';
import type { LabelData } from './shipments';

const pageWidth = 4 * 72;
const pageHeight = 6 * 72;
const margin = 14;

/**
 * Renders a 4×6 inch PDF label: tracking number as Code 128, then the items and serials.
 * Items that do not fit continue on further 4×6 pages.
 */
// NOTE: the built-in Helvetica font covers Latin-1 only; serials or names in other
// scripts print as wrong glyphs until a Unicode font is embedded.
export async function renderLabelPdf(label: LabelData): Promise<Buffer> {
  const barcode = await bwipjs.toBuffer({
    bcid: 'code128',
    text: label.trackingNumber,
    scale: 2,
    height: 14,
    includetext: true,
    textxalign: 'center',
  });

  const document = new PDFDocument({
    size: [pageWidth, pageHeight],
    margin,
    info: { Title: `Label ${label.trackingNumber}` },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  document.font('Helvetica-Bold').fontSize(16).text('Packing Station');
  document.font('Helvetica').fontSize(11).text(`Order ${label.orderNumber}`);
  document.fontSize(9).text(`Shipped ${label.shippedAt}`);
  document.moveDown(0.5);
  document.image(barcode, { fit: [pageWidth - 2 * margin, 80], align: 'center' });
  document.moveDown(0.5);
  document.font('Helvetica').fontSize(9);
  for (const line of itemLines(label)) document.text(line, { width: pageWidth - 2 * margin });

  document.end();
  return finished;
}
