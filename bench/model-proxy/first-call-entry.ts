/**
 * Entry of the cold-start benchmark's "first call" bundles: the SageMaker
 * client exactly as the handler builds it, invoked once against a loopback
 * server. The first call loads the SDK's lazy parts (credential chain,
 * signer, protocol), which a cold start pays on its first request.
 */
import { createModelClient } from '../../lambda/model-proxy/clients';

export async function firstCall(endpoint: string): Promise<number> {
  const client = createModelClient({ type: 'sagemaker', endpointName: 'bench' }, { endpoint });
  const response = await client.invoke({ body: '{"prompt":"hi"}', signal: new AbortController().signal });
  return response.body.length;
}
