/**
 * Entry of the chat proxy benchmark's bundle: the route handler and its real
 * guards as the chat-proxy handler bundle contains them (esbuild, minified),
 * so the numbers describe the shipped code rather than tsx's per-module wrappers.
 */
export { createChatProxy } from '../../lambda/chat-proxy/chat-proxy';
export { createChatGuards } from '../../lambda/chat-proxy/chat-guards';
export { createJsonLogger } from '../../lambda/shared/logger';
export { proxyConfig } from '../../test/lambda/model-proxy/fakes';
export { chatEvent } from '../../test/lambda/chat-proxy/fakes';
