export * from './backend-options';
export * from './model-backend';
export * from './model-proxy-function';
export * from './model-routing';
export * from './pii-masking-options';
export * from './sagemaker-model-endpoint';
