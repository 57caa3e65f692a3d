import { Node } from 'constructs';
import { EXAMPLE_ENDPOINTS, SecureAiStackProps, exampleModels } from './example-stack';
import { AiModelOptions, CloudWatchRoleMode, ModelBackend } from '../lib';

/**
 * Reads the example app's context values. Every value is optional; the
 * defaults synthesize a complete stack with no account or credentials.
 *
 * - `models`: comma-separated model names, e.g. `-c models=chat,summarize`
 * - `sagemakerEndpoints`: `model=endpoint` pairs, e.g. `-c sagemakerEndpoints=chat=my-llm-endpoint`;
 *   a model without a pair calls the endpoint `<model>-endpoint`
 * - `cloudWatchRole`: `CREATE_LEAST_PRIVILEGE` (default) or `USE_EXISTING`
 * - `account`, `region`: the environment (default: the CLI's, or none)
 */
export function exampleStackPropsFromContext(node: Node): SecureAiStackProps {
  const str = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const endpoints = new Map(Object.entries(EXAMPLE_ENDPOINTS));
  for (const pair of str('sagemakerEndpoints')?.split(',') ?? []) {
    const [model, endpoint] = pair.split('=').map((part) => part.trim());
    if (!model || !endpoint) {
      throw new Error(`Invalid context sagemakerEndpoints: got ${JSON.stringify(pair)}; expected model=endpoint pairs separated by commas.`);
    }
    endpoints.set(model, endpoint);
  }
  // An example model keeps its limits (prompt length, reserved concurrency); only the endpoint comes from context.
  const examples = new Map(exampleModels().map((model) => [model.name, model]));
  const modelNames = str('models')?.split(',').map((name) => name.trim()) ?? [...examples.keys()];
  const models = modelNames.map((name): AiModelOptions => ({
    ...(examples.get(name) ?? { name, maxPromptLength: 16_000 }),
    backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: endpoints.get(name) ?? `${name}-endpoint` }),
  }));
  const cloudWatchRole = str('cloudWatchRole') as CloudWatchRoleMode | undefined;
  const account = str('account') ?? process.env.CDK_DEFAULT_ACCOUNT;
  const region = str('region') ?? process.env.CDK_DEFAULT_REGION;
  return {
    models,
    cloudWatchRole,
    env: account || region ? { account, region } : undefined,
    description: 'secure-ai-gateway example: a hardened API in front of AI models',
  };
}
