export * from './model-network';
export * from './model-network-attributes';
export * from './model-network-base';
export * from './unmasked-vpc-link-integration';
