/**
 * Entry of the overhead benchmark's bundle: the proxy and its guards as the
 * handler bundle contains them (esbuild, minified), so the numbers describe
 * the shipped code rather than tsx's per-module wrappers.
 */
export { createModelProxy } from '../../lambda/model-proxy/proxy';
export { createGuards } from '../../lambda/model-proxy/guard-wiring';
export { createJsonLogger } from '../../lambda/shared/logger';
export { apiEvent, proxyConfig } from '../../test/lambda/model-proxy/fakes';
