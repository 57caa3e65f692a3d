import { Node } from 'constructs';
import { AiModelProps, CloudWatchRoleMode, EXAMPLE_MODELS, SecureAiStackProps } from '../lib';

/**
 * Reads the example app's context values. Every value is optional; the
 * defaults synthesize a complete stack with no account or credentials.
 *
 * - `models`: comma-separated model names, e.g. `-c models=chat,summarize`
 * - `cloudWatchRole`: `CREATE_LEAST_PRIVILEGE` (default) or `USE_EXISTING`
 * - `account`, `region`: the environment (default: the CLI's, or none)
 */
export function exampleStackPropsFromContext(node: Node): SecureAiStackProps {
  const str = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const models = str('models')?.split(',').map((name): AiModelProps => ({ name: name.trim() }));
  const cloudWatchRole = str('cloudWatchRole') as CloudWatchRoleMode | undefined;
  const account = str('account') ?? process.env.CDK_DEFAULT_ACCOUNT;
  const region = str('region') ?? process.env.CDK_DEFAULT_REGION;
  return {
    models: models ?? EXAMPLE_MODELS,
    cloudWatchRole,
    env: account || region ? { account, region } : undefined,
    description: 'secure-ai-gateway example: a hardened API in front of AI models',
  };
}
