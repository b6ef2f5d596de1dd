export * from './bulk-ship';
export * from './codes';
export * from './serial-tracking';
export * from './sku';
