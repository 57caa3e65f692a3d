/**
 * Entry of the bundle that times validation and masking together, as the
 * model-proxy handler bundle contains them (esbuild, minified).
 */
export { createValidationPolicy, validateRequest } from '../../lambda/request-validator';
export { createPlaceholderMap, maskPii } from '../../lambda/pii-masking';
