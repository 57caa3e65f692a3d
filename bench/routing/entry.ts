/**
 * Entry of the routing benchmark's bundle: the router, the failover loop and
 * the error class they classify by, as the handler bundles contain them
 * (esbuild, minified). The error class must come from the same bundle:
 * failover recognises a refused attempt by `instanceof`.
 */
export { ModelCallError } from '../../lambda/model-proxy/model-client';
export { systemClock } from '../../lambda/model-proxy/retry';
export { callerOf } from '../../lambda/routing/caller';
export { callWithFailover } from '../../lambda/routing/failover';
export { createRouter } from '../../lambda/routing/router';
export { proxyConfig } from '../../test/lambda/model-proxy/fakes';
