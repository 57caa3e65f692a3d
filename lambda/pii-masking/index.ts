export * from './types';
export * from './mask-pii';
