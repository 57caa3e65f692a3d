export * from './access-scope';
export * from './cache-control';
export * from './cache-key';
export * from './cache-store';
export * from './memory-tier';
export * from './response-cache';
export * from './tenant-secrets';
