export * from './gateway-snapshot';
