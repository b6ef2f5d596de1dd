export * from './decide';
export * from './progress';
export * from './types';
