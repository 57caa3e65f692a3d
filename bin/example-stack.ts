import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Period } from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import {
  AiModelOptions, ClaimOperator, CloudWatchRoleMode, GatewayAuthorizationOptions, ModelBackend, SecureAiGateway, UsageTierOptions, UserSignInFlow,
} from '../lib';

/** Properties of a {@link SecureAiStack}. */
export interface SecureAiStackProps extends StackProps {
  /**
   * The models to expose.
   * @default - two example models, `general-chat` and `claims-triage`
   */
  readonly models?: AiModelOptions[];
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
  readonly authorization?: GatewayAuthorizationOptions;
}

/** Names of the SageMaker endpoints the example models call unless context says otherwise. */
export const EXAMPLE_ENDPOINTS: Readonly<Record<string, string>> = Object.freeze({
  'general-chat': 'general-chat-endpoint',
  'claims-triage': 'claims-triage-endpoint',
});

/** The example models; a new array each call, so no caller can change another's. */
export function exampleModels(): AiModelOptions[] {
  return [
    {
      name: 'general-chat',
      maxPromptLength: 16_000,
      // 20 calls a second of about 3 s: 60 concurrent generations.
      capacity: { requestsPerSecond: 20, generationSeconds: 3 },
      backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: EXAMPLE_ENDPOINTS['general-chat'] }),
    },
    {
      name: 'claims-triage',
      maxPromptLength: 8_000,
      capacity: { requestsPerSecond: 2, generationSeconds: 2.5 },
      backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: EXAMPLE_ENDPOINTS['claims-triage'] }),
    },
  ];
}

/** The example secure AI stack: one {@link SecureAiGateway} with secure defaults. */
export class SecureAiStack extends Stack {
  /** The gateway. */
  public readonly gateway: SecureAiGateway;

  public constructor(scope: Construct, id: string, props: SecureAiStackProps = {}) {
    super(scope, id, props);
    const models = props.models ?? exampleModels();
    this.gateway = new SecureAiGateway(this, 'Gateway', {
      models,
      cloudWatchRole: props.cloudWatchRole ?? CloudWatchRoleMode.CREATE_LEAST_PRIVILEGE,
      authorization: props.authorization ?? exampleAuthorization(models.map((m) => m.name)),
      usageTiers: EXAMPLE_TIERS,
      apiKeys: EXAMPLE_CALLERS.map(({ client, tier }) => ({ name: client, tier })),
    });
    // Key ids only: the values stay in API Gateway (`aws apigateway get-api-key --api-key <id> --include-value`).
    for (const { client } of EXAMPLE_CALLERS) {
      new CfnOutput(this, `ApiKeyId-${client}`, {
        description: `Id of the API key of ${client}; it sends the key's value as x-api-key`,
        value: this.gateway.usageTiers!.apiKeyFor(client).keyId,
      });
    }
  }
}

/**
 * Two tiers: free for trying a model out, pro for services. API Gateway applies them
 * per API key, best effort; the web ACL's rate rules stay the hard edge.
 */
const EXAMPLE_TIERS: UsageTierOptions[] = [
  { name: 'free', rateLimit: 2, burstLimit: 5, quota: { limit: 1_000, period: Period.DAY }, description: 'Trying a model out' },
  {
    name: 'pro', rateLimit: 20, burstLimit: 40, quota: { limit: 100_000, period: Period.DAY }, description: 'Services in production',
    // claims-triage is sized for 2 calls a second; a tier cannot promise more.
    modelThrottles: [{ model: 'claims-triage', rateLimit: 2, burstLimit: 5 }],
  },
];

/** Each client of the example identity has an API key in one tier. */
const EXAMPLE_CALLERS = [
  { client: 'example-service', tier: 'pro' },
  { client: 'example-cli', tier: 'free' },
] as const;

/** The example's identity; its Cognito domain prefix is the default one, derived from the stack's id. */
function exampleAuthorization(models: string[]): GatewayAuthorizationOptions {
  const claimsTriage = models.includes('claims-triage');
  return {
    identity: {
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
