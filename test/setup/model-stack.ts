import { Template } from 'aws-cdk-lib/assertions';
import { CloudWatchRoleMode, ModelBackend, ModelNetwork, ModelProxyFunction, RequestFormat, SecureAiGateway } from '../../lib';
import { newTestStack } from './stacks';

export const TGI_IMAGE = '763104351884.dkr.ecr.eu-west-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04';

/**
 * The network, a proxy per backend kind in AWS (new SageMaker endpoint, existing endpoint, Bedrock).
 * The example stack creates no SageMaker endpoint, so the compliance tests run over this one too.
 */
export function buildMainStack() {
  const { app, stack } = newTestStack('ModelStack');
  const network = new ModelNetwork(stack, 'Network');
  const claims = new ModelProxyFunction(stack, 'Claims', {
    network,
    modelName: 'claims-triage',
    maxPromptLength: 16_000,
    backend: ModelBackend.sageMakerEndpoint({
      requestFormat: RequestFormat.HUGGING_FACE,
      endpointProps: { imageUri: TGI_IMAGE, modelDataUrl: 's3://model-artifacts/claims/model.tar.gz', instanceType: 'ml.m5.xlarge' },
    }),
  });
  const legacy = new ModelProxyFunction(stack, 'Legacy', {
    network,
    modelName: 'legacy',
    maxPromptLength: 8000,
    reservedConcurrency: 3,
    backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'Legacy-Endpoint', responseTextPath: 'outputs[0].text' }),
  });
  const chat = new ModelProxyFunction(stack, 'Chat', {
    network,
    modelName: 'general-chat',
    maxPromptLength: 32_000,
    restorePlaceholders: true,
    backend: ModelBackend.bedrock('anthropic.claude-3-haiku-20240307-v1:0'),
  });
  return { app, stack, network, claims, legacy, chat, template: Template.fromStack(stack) };
}

/**
 * A gateway whose two models share a budget table (price, tiers, tenant overrides) and a response cache,
 * for the compliance tests: tables, keys, the DynamoDB gateway endpoint, the KMS interface endpoint, the
 * spend alarms and the dashboard rows.
 */
export function buildCostControlStack() {
  const { app, stack } = newTestStack('CostControlStack');
  const budget = {
    defaults: { tenant: { tokensPerMinute: 20_000, tokensPerDay: 1_000_000 } },
    tiers: [{ tier: 'gold', limits: { tenant: { tokensPerMinute: 100_000, costPerMonth: 500 } } }],
    tenants: [{ tenant: 'acme', limits: { tenant: { costPerDay: 40 } } }],
    price: { promptPerMillion: 0.25, completionPerMillion: 1.25 },
  };
  const backend = ModelBackend.bedrock('anthropic.claude-3-haiku-20240307-v1:0');
  const gateway = new SecureAiGateway(stack, 'Gateway', {
    cloudWatchRole: CloudWatchRoleMode.CREATE_LEAST_PRIVILEGE,
    usageTiers: [{ name: 'gold', rateLimit: 50, burstLimit: 100 }],
    authorization: { tierClaim: 'custom:tier', tenantClaim: 'custom:tenant' },
    models: [
      { name: 'general-chat', backend, budget, responseCache: {} },
      { name: 'second-chat', backend, budget: { ...budget, tiers: undefined }, responseCache: { cacheNonZeroTemperature: true } },
    ],
  });
  return { app, stack, gateway, template: Template.fromStack(stack) };
}
