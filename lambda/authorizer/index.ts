export * from './authorize';
export * from './authorizer';
export * from './conditions';
export * from './config';
export * from './from-env';
export * from './jwks-fetcher';
export * from './policy';
export * from './reason-codes';
