/**
 * The handler side of each Bedrock model id form, fed the configuration the
 * construct writes: it parses, and its model id reaches InvokeModel unchanged.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { ModelBackend, ModelNetwork, ModelProxyFunction } from '../../../lib';
import { MODEL_PROXY_CONFIG_ENV } from '../../../lib/contracts/model-proxy';
import { bedrockModelClient } from '../../../lambda/model-proxy/bedrock-client';
import { parseProxyConfig } from '../../../lambda/model-proxy/config';

const APP_PROFILE = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123';

function configVariable(backend: ModelBackend): string {
  const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
  new ModelProxyFunction(stack, 'Chat', { network: new ModelNetwork(stack, 'Network'), modelName: 'chat', maxPromptLength: 1000, backend });
  const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))
    .filter((r) => r.Properties.Environment?.Variables?.[MODEL_PROXY_CONFIG_ENV] !== undefined);
  return fn.Properties.Environment.Variables[MODEL_PROXY_CONFIG_ENV];
}

describe.each<[string, () => ModelBackend, string]>([
  ['a foundation model', () => ModelBackend.bedrock('anthropic.claude-3-haiku-20240307-v1:0'), 'anthropic.claude-3-haiku-20240307-v1:0'],
  ['a geographic profile id', () => ModelBackend.bedrock('us.anthropic.claude-3-5-sonnet-20241022-v2:0'), 'us.anthropic.claude-3-5-sonnet-20241022-v2:0'],
  ['a global profile id', () => ModelBackend.bedrock('global.anthropic.claude-sonnet-4-5-20250929-v1:0'), 'global.anthropic.claude-sonnet-4-5-20250929-v1:0'],
  [
    'a system profile ARN',
    () => ModelBackend.bedrock('arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0'),
    'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0',
  ],
  [
    'an application profile ARN',
    () => ModelBackend.bedrockInferenceProfile({ inferenceProfile: APP_PROFILE, copyFrom: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0' }),
    APP_PROFILE,
  ],
])('%s', (_what, backend, modelId) => {
  const result = parseProxyConfig(configVariable(backend()));

  test('parses on the handler side with the model id as given', () => {
    expect(result).toMatchObject({ success: true, data: { backend: { type: 'bedrock', modelId }, requestFormat: 'ANTHROPIC_MESSAGES' } });
  });

  test('is the modelId of the InvokeModel call', async () => {
    if (!result.success || result.data.backend.type !== 'bedrock') throw new Error('configuration did not parse');
    const sent: InvokeModelCommand[] = [];
    const client = {
      async send(command: InvokeModelCommand) {
        sent.push(command);
        return { body: new TextEncoder().encode('{"content":[{"type":"text","text":"hi"}]}') };
      },
    } as unknown as Pick<BedrockRuntimeClient, 'send'>;
    const answer = await bedrockModelClient(client, result.data.backend.modelId).invoke({ body: '{}', signal: new AbortController().signal });
    expect(answer.body).toContain('hi');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(InvokeModelCommand);
    expect(sent[0].input.modelId).toBe(modelId);
  });
});
