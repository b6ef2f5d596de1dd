export * from './classify';
export * from './codes';
export * from './gtin';
