import type { Executor } from './db/database';
import { createProduct, getProduct } from './catalog/products';
import type { NewProduct } from './catalog/products';
import { createOrders, getOrder } from './orders/orders';
import type { NewOrder } from './orders/orders';

/**
 * The demo catalog: every SKU starts with DEMO- and every name ends in "(demo)" so nobody
 * mistakes it for real stock. GTINs are built on GS1's example company prefix 950600013
 * with correct check digits.
 */
export const demoProducts: NewProduct[] = [
  {
    sku: 'DEMO-SCANNER',
    name: 'Handheld barcode scanner (demo)',
    kind: 'standard',
    needsSerialNumber: true,
    barcodes: ['09506000134352'],
    serialFormat: null,
  },
  {
    sku: 'DEMO-LAPTOP',
    name: 'Laptop 14 inch (demo)',
    kind: 'standard',
    needsSerialNumber: true,
    barcodes: ['09506000134369'],
    serialFormat: { minLength: 6, maxLength: 20, prefix: 'LT' },
  },
  {
    sku: 'DEMO-PHONE',
    name: 'Smartphone (demo)',
    kind: 'standard',
    needsSerialNumber: true,
    barcodes: ['09506000134376'],
    serialFormat: null,
  },
  {
    sku: 'DEMO-CABLE',
    name: 'USB-C cable 1 m (demo)',
    kind: 'standard',
    needsSerialNumber: false,
    barcodes: ['09506000134383'],
    serialFormat: null,
  },
  {
    sku: 'DEMO-MANUAL',
    name: 'Printed quick start guide (demo)',
    kind: 'standard',
    needsSerialNumber: false,
    barcodes: ['9506000134390'],
    serialFormat: null,
  },
  {
    sku: 'DEMO-KIT',
    name: 'Scanner starter kit (demo)',
    kind: 'kit',
    needsSerialNumber: false,
    barcodes: ['09506000134406'],
    serialFormat: null,
  },
  {
    sku: 'DEMO-BUILT-KIT',
    name: 'Pre-assembled charging dock (demo)',
    kind: 'built_kit',
    needsSerialNumber: false,
    barcodes: ['09506000134413'],
    serialFormat: null,
  },
];

export const demoOrders: NewOrder[] = [
  {
    orderNumber: 'DEMO-1001',
    lines: [
      { sku: 'DEMO-SCANNER', quantity: 2 },
      { sku: 'DEMO-CABLE', quantity: 1 },
    ],
  },
  {
    orderNumber: 'DEMO-1002',
    lines: [
      { sku: 'DEMO-LAPTOP', quantity: 1 },
      { sku: 'DEMO-MANUAL', quantity: 1 },
    ],
  },
  {
    orderNumber: 'DEMO-1003',
    lines: [
      { sku: 'DEMO-KIT', quantity: 1 },
      { sku: 'DEMO-PHONE', quantity: 1 },
    ],
  },
  {
    orderNumber: 'DEMO-1004',
    lines: [
      { sku: 'DEMO-CABLE', quantity: 3 },
      { sku: 'DEMO-BUILT-KIT', quantity: 1 },
    ],
  },
];

/** Loads what is missing of the demo data; running it twice changes nothing. */
export async function seedDemo(db: Executor): Promise<{ products: number; orders: number }> {
  let productCount = 0;
  for (const product of demoProducts) {
    if ((await getProduct(db, product.sku)) !== null) continue;
    await createProduct(db, product);
    productCount += 1;
  }

  const missingOrders: NewOrder[] = [];
  for (const order of demoOrders) {
    if ((await getOrder(db, order.orderNumber)) === null) missingOrders.push(order);
  }
  if (missingOrders.length > 0) await createOrders(db, missingOrders);

  return { products: productCount, orders: missingOrders.length };
}
