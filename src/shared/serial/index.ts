export * from './codes';
export * from './format';
export * from './normalize';
export * from './pattern-safety';
export * from './result';
export * from './uniqueness';
