export * from './ai-table';
export * from './aim';
export * from './check-digit';
export * from './codes';
export * from './dates';
export * from './format';
export * from './parse';
export * from './types';
