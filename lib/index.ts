export * from './api/cloudwatch-role';
export * from './api/secure-rest-api';
export * from './identity/ai-identity';
export * from './identity/gateway-authorization';
export * from './identity/jwt-authorizer';
export * from './observability/encrypted-log-group';
export * from './secure-ai-gateway';
export * from './secure-ai-stack';
