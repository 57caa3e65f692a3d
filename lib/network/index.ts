export * from './model-network';
export * from './unmasked-vpc-link-integration';
