export * from './api/cloudwatch-role';
export * from './api/secure-rest-api';
export * from './observability/encrypted-log-group';
export * from './secure-ai-gateway';
export * from './secure-ai-stack';
export * from './model';
export * from './network';
