import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { IConstruct } from 'constructs';
import { SecureRestApi } from '../api/secure-rest-api';
import { AiWebAcl } from '../edge/ai-web-acl';
import { GatewayAuthorization } from '../identity/gateway-authorization';
import { UsageTiers } from '../traffic/usage-tiers';

/**
 * What a {@link GatewayCatalog} describes: a REST API with model routes and
 * what protects it. `SecureAiGateway` is one.
 */
export interface ICatalogSource extends IConstruct {
  /** The REST API, its stage and model routes. */
  readonly api: SecureRestApi;
  /** The authorization of the routes: mode, identity, access rules and issuers. */
  readonly authorization: GatewayAuthorization;
  /** The web ACL in front of the stage, when created with it. */
  readonly webAcl?: AiWebAcl;
  /** The association with a web ACL managed elsewhere, when one was given. */
  readonly existingWebAclAssociation?: wafv2.CfnWebACLAssociation;
  /** The usage tiers and API keys, when configured. */
  readonly usageTiers?: UsageTiers;
  /** The models served by a model-proxy function. */
  readonly proxiedModels: string[];
}
