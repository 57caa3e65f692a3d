export * from './access-scope';
export * from './cache-control';
export * from './cache-key';
export * from './cache-store';
export * from './response-cache';
export * from './tenant-secrets';
