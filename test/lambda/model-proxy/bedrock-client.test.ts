import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { bedrockModelClient } from '../../../lambda/model-proxy/bedrock-client';
import { ModelCallError } from '../../../lambda/model-proxy/model-client';

const answering = (body: Uint8Array | undefined) => ({ send: async () => ({ body }) }) as unknown as Pick<BedrockRuntimeClient, 'send'>;
const invoke = (client: Pick<BedrockRuntimeClient, 'send'>) => bedrockModelClient(client, 'anthropic.claude-3-haiku-20240307-v1:0')
  .invoke({ body: '{}', signal: new AbortController().signal });

describe('Bedrock InvokeModel client', () => {
  test('an empty answer is a failed call, not an answer: a cut transfer reads as one', async () => {
    for (const body of [undefined, new Uint8Array(0)]) {
      const err = await invoke(answering(body)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModelCallError);
      expect(err).toMatchObject({ kind: 'failed', detail: { backendCode: 'EmptyAnswer' } });
    }
  });

  test('a JSON answer is returned as text', async () => {
    await expect(invoke(answering(new TextEncoder().encode('{"x":1}')))).resolves.toEqual({ body: '{"x":1}' });
  });
});
