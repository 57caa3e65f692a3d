export * from './model-network';
