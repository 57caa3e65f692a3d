import { Duration, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { invalidProp } from '../private/validation';
import { warnOptOut } from '../private/warnings';
import { GatewayWarning } from '../gateway-warning';

/** Properties of an {@link UnmaskedVpcLinkIntegration}: `networkLoadBalancer` or `existingVpcLink`, not both. */
export interface UnmaskedVpcLinkIntegrationProps {
  /**
   * The model server's URL as API Gateway calls it through the VPC link, e.g.
   * `https://model.internal.example.com/generate` (the host must match the
   * load balancer's TLS certificate).
   */
  readonly url: string;
  /**
   * The internal Network Load Balancer in front of the model server; a new VPC link targets it.
   * @default - none; `existingVpcLink` must be given
   */
  readonly networkLoadBalancer?: elbv2.INetworkLoadBalancer;
  /**
   * A VPC link you already have.
   * @default - none; `networkLoadBalancer` must be given
   */
  readonly existingVpcLink?: apigateway.IVpcLink;
  /**
   * Integration timeout.
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;
  /**
   * Accept a plain `http:` URL: prompts then cross the VPC unencrypted. Adds a warning.
   * @default false
   */
  readonly allowInsecureHttp?: boolean;
}

/** The header API Gateway would otherwise forward with the caller's token in it. */
const TOKEN_HEADER = 'Authorization';
const REPLACED_TOKEN = "'none'";

/**
 * API Gateway straight to a model server in the VPC: an HTTP_PROXY
 * integration over a VPC link to an internal NLB. No function runs, so
 * nothing masks PII in the prompt or the answer, nothing maps the model
 * server's errors (its bodies reach the caller as they are), and the answer
 * keeps the server's shape. Every use adds the warning
 * `secure-ai-gateway:piiMaskingBypassed`. Only API Gateway's request model
 * validates the body. The caller's `Authorization` header is replaced so
 * tokens never reach the model server.
 *
 * Use `integration` in `api.addModelRoute(name, { integration, ... })`.
 */
export class UnmaskedVpcLinkIntegration extends Construct {
  /** The VPC link. */
  public readonly vpcLink: apigateway.IVpcLink;
  /** The integration to put on a model route. */
  public readonly integration: apigateway.Integration;

  public constructor(scope: Construct, id: string, props: UnmaskedVpcLinkIntegrationProps) {
    super(scope, id);
    if ((props.networkLoadBalancer === undefined) === (props.existingVpcLink === undefined)) {
      invalidProp(this, 'networkLoadBalancer', props.networkLoadBalancer?.node.path ?? 'neither', 'exactly one of networkLoadBalancer and existingVpcLink');
    }
    const scheme = /^(https?):\/\/[^/\s@]+(\/\S*)?$/.exec(props.url)?.[1];
    if (scheme === undefined) invalidProp(this, 'url', props.url, 'an absolute http(s) URL without credentials');
    if (scheme === 'http' && !props.allowInsecureHttp) invalidProp(this, 'url', props.url, 'an https URL (set allowInsecureHttp to accept plain http)');
    const timeout = props.timeout ?? Duration.seconds(29);
    if (!Token.isUnresolved(timeout.toMilliseconds()) && (timeout.toMilliseconds() < 50 || timeout.toMilliseconds() > 29_000)) {
      invalidProp(this, 'timeout', `${timeout.toMilliseconds()} ms`, '50 ms to 29 s');
    }

    warnOptOut(this, GatewayWarning.PII_MASKING_BYPASSED,
      'This route reaches the model server through a VPC link without the model proxy: prompts and answers are not masked, '
        + 'and model server errors reach the caller unmapped.');
    if (scheme === 'http') {
      warnOptOut(this, GatewayWarning.PLAIN_HTTP_MODEL_SERVER, 'allowInsecureHttp is true: prompts and answers cross the VPC unencrypted.');
    }

    this.vpcLink = props.existingVpcLink ?? new apigateway.VpcLink(this, 'VpcLink', {
      description: 'API Gateway to the model server load balancer',
      targets: [props.networkLoadBalancer as elbv2.INetworkLoadBalancer],
    });
    this.integration = new apigateway.Integration({
      type: apigateway.IntegrationType.HTTP_PROXY,
      integrationHttpMethod: 'POST',
      uri: props.url,
      options: {
        connectionType: apigateway.ConnectionType.VPC_LINK,
        vpcLink: this.vpcLink,
        timeout,
        requestParameters: { [`integration.request.header.${TOKEN_HEADER}`]: REPLACED_TOKEN },
      },
    });
  }
}
