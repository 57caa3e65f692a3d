import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { BackendBinding } from './backend-binding';
import { ModelBackendConfig, ModelBackendType, SelfHostedBackendOptions } from './backend-options';
import type { ModelProxyFunction } from './model-proxy-function';
import { resolvePayload } from './payload-options';
import { invalidProp, validateRange } from '../private/validation';
import { warnOptOut } from '../private/warnings';
import { GatewayWarning } from '../gateway-warning';


/** `scheme://host[:port][/path]`, where host may be a token (a load balancer's DNS name). */
const URL_SHAPE = /^(https?):\/\/([^/:?#@\s]+)(?::(\d{1,5}))?([/?][^\s]*)?$/;

/** An HTTP model server in the VPC, reached from the proxy function over the VPC. */
export class SelfHostedBackend implements BackendBinding {
  public constructor(private readonly options: SelfHostedBackendOptions) {}

  public bind(scope: Construct, proxy: ModelProxyFunction): ModelBackendConfig {
    const { url, loadBalancer } = this.options;
    const allowInsecureHttp = this.options.allowInsecureHttp ?? false;
    const match = URL_SHAPE.exec(url);
    if (!match) invalidProp(scope, 'url', url, 'an absolute http(s) URL without credentials, e.g. https://<internal load balancer>/generate');
    const [, scheme, , portText] = match;
    if (scheme === 'http' && !allowInsecureHttp) {
      invalidProp(scope, 'url', url, 'an https URL (set allowInsecureHttp to accept plain http)');
    }
    if (scheme === 'http') {
      warnOptOut(scope, GatewayWarning.PLAIN_HTTP_MODEL_SERVER,
        'allowInsecureHttp is true: masked prompts and model answers cross the VPC unencrypted.');
    }
    const port = portText !== undefined ? Number(portText) : scheme === 'https' ? 443 : 80;
    validateRange(scope, 'url port', port, { min: 1, max: 65535 });

    proxy.connections.allowTo(loadBalancer, ec2.Port.tcp(port), 'Model proxy to the model server load balancer');
    return {
      backendType: ModelBackendType.SELF_HOSTED_HTTP,
      target: url,
      allowInsecureHttp,
      ...resolvePayload(scope, this.options),
    };
  }
}
