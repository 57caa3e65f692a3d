import { Construct } from 'constructs';
import type { ModelBackendConfig } from './backend-options';
import type { ModelProxyFunction } from './model-proxy-function';

/** What each built-in backend does when a proxy binds it; `ModelBackend`'s factories wrap one. */
export interface BackendBinding {
  bind(scope: Construct, proxy: ModelProxyFunction): ModelBackendConfig;
}
