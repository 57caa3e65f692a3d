import { Aws, Fn, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CloudWatchRoleMode } from './api/cloudwatch-role';
import { UserSignInFlow } from './identity/ai-identity';
import { GatewayAuthorizationProps } from './identity/gateway-authorization';
import { ClaimOperator } from './identity/jwt-authorizer-props';
import { ModelBackend } from './model/model-backend';
import { AiModelProps, SecureAiGateway } from './secure-ai-gateway';

/** Properties of a {@link SecureAiStack}. */
export interface SecureAiStackProps extends StackProps {
  /**
   * The models to expose.
   * @default - two example models, `general-chat` and `claims-triage`
   */
  readonly models?: AiModelProps[];
  /**
   * How API Gateway's account-level CloudWatch role is handled.
   * @default CloudWatchRoleMode.CREATE_LEAST_PRIVILEGE
   */
  readonly cloudWatchRole?: CloudWatchRoleMode;
  /**
   * Who may call which model.
   * @default - the example identity: JWT mode, a machine client and a CLI client, two RBAC groups,
   * tenant/tier ABAC attributes, and `claims-triage` limited to claims adjusters on tier pro or above
   */
  readonly authorization?: GatewayAuthorizationProps;
}

/** Names of the SageMaker endpoints the example models call unless context says otherwise. */
export const EXAMPLE_ENDPOINTS: Readonly<Record<string, string>> = {
  'general-chat': 'general-chat-endpoint',
  'claims-triage': 'claims-triage-endpoint',
};

export const EXAMPLE_MODELS: AiModelProps[] = [
  { name: 'general-chat', maxPromptLength: 16_000, backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: EXAMPLE_ENDPOINTS['general-chat'] }) },
  { name: 'claims-triage', maxPromptLength: 8_000, reservedConcurrency: 5, backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: EXAMPLE_ENDPOINTS['claims-triage'] }) },
];

/** The example secure AI stack: one {@link SecureAiGateway} with secure defaults. */
export class SecureAiStack extends Stack {
  /** The gateway. */
  public readonly gateway: SecureAiGateway;

  public constructor(scope: Construct, id: string, props: SecureAiStackProps = {}) {
    super(scope, id, props);
    const models = props.models ?? EXAMPLE_MODELS;
    this.gateway = new SecureAiGateway(this, 'Gateway', {
      models,
      cloudWatchRole: props.cloudWatchRole ?? CloudWatchRoleMode.CREATE_LEAST_PRIVILEGE,
      authorization: props.authorization ?? exampleAuthorization(models.map((m) => m.name)),
    });
  }
}

/**
 * The example's identity. Cognito domain prefixes are unique per region across
 * all accounts, so the prefix takes the stack's own id to stay unique.
 */
function exampleAuthorization(models: string[]): GatewayAuthorizationProps {
  const claimsTriage = models.includes('claims-triage');
  return {
    identity: {
      domainPrefix: Fn.join('-', ['secure-ai', Fn.select(2, Fn.split('/', Aws.STACK_ID))]),
      groups: [{ name: 'claims-adjusters', description: 'May use the claims-triage model' }, { name: 'analysts' }],
      abacAttributes: ['tenant', 'tier'],
      machineClients: [{ name: 'example-service', models: models.filter((m) => m !== 'claims-triage') }],
      userClients: [{ name: 'example-cli', flow: UserSignInFlow.SRP }],
    },
    modelAccess: claimsTriage ? [{
      model: 'claims-triage',
      allowGroups: ['claims-adjusters'],
      conditions: [{ claim: 'custom:tier', comparison: ClaimOperator.AT_LEAST, values: ['pro'], order: ['free', 'pro', 'enterprise'] }],
    }] : undefined,
    tenantClaim: 'custom:tenant',
    tierClaim: 'custom:tier',
  };
}
