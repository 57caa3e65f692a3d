import { DEFAULT_BREAKER, type RoutingConfig } from '../../../lib/contracts/model-proxy';
import { parseProxyConfig } from '../../../lambda/model-proxy/config';
import { proxyConfig } from './fakes';

const routing: RoutingConfig = {
  versions: [
    {
      name: 'v1', weight: 90, restricted: false, targets: [
        {
          id: 'primary', backend: { type: 'sagemaker', endpointName: 'claims-a' }, requestFormat: 'PASSTHROUGH',
          responseTextPath: 'generated_text', priority: 10, weight: 3,
        },
        { id: 'bedrock', backend: { type: 'bedrock', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' }, requestFormat: 'ANTHROPIC_MESSAGES',
          responseTextPath: 'content[0].text', priority: 0, weight: 1 },
      ],
    },
    { name: 'v2', weight: 10, restricted: true, targets: [
      { id: 'vllm', backend: { type: 'http', url: 'https://llm.internal/v1/chat/completions', allowInsecureHttp: false }, requestFormat: 'OPENAI_CHAT',
        requestModelName: 'llama', responseTextPath: 'choices[0].message.content', priority: 1, weight: 1 },
    ] },
  ],
  stickinessSeconds: 3600,
  maxAttempts: 3,
  attemptTimeoutMs: 5000,
  breaker: DEFAULT_BREAKER,
};

const parse = (r: unknown) => parseProxyConfig(JSON.stringify({ ...proxyConfig(), routing: r }));
const errorsOf = (r: unknown) => {
  const result = parse(r);
  if (result.success) throw new Error('expected problems');
  return result.errors;
};

describe('routing configuration', () => {
  test('a valid routing configuration is read as it is; without routing nothing changes', () => {
    expect(parse(routing)).toEqual({ success: true, data: { ...proxyConfig(), routing } });
    expect(parseProxyConfig(JSON.stringify(proxyConfig()))).toEqual({ success: true, data: proxyConfig() });
  });

  test('fails when ids repeat within a version or version names repeat', () => {
    const dupTargets = { ...routing, versions: [{ ...routing.versions[0], targets: [routing.versions[0].targets[0], routing.versions[0].targets[0]] }] };
    expect(errorsOf(dupTargets)).toEqual(['routing.versions[0].targets: expected each target id once']);
    const dupVersions = { ...routing, versions: [routing.versions[0], { ...routing.versions[1], name: 'v1' }] };
    expect(errorsOf(dupVersions)).toEqual(['routing.versions: expected each version name once']);
  });

  test('fails when no caller could reach a version: every version restricted or without weight', () => {
    const none = { ...routing, versions: [{ ...routing.versions[0], weight: 0 }, routing.versions[1]] };
    expect(errorsOf(none)).toEqual(['routing.versions: expected at least one version that is not restricted and has a weight above 0']);
  });

  test('fails on every field outside its limit, naming each, and on unknown fields', () => {
    const bad = {
      ...routing,
      maxAttempts: 9,
      stickinessSeconds: -1,
      attemptTimeoutMs: 10,
      breaker: { ...DEFAULT_BREAKER, failureRate: 2, halfOpenProbes: 0, windowMs: 10 },
      retries: 3,
      versions: [{ ...routing.versions[0], targets: [{ ...routing.versions[0].targets[0], id: 'Bad_Id', weight: 0, priority: 101,
        backend: { type: 'http', url: 'http://plain', allowInsecureHttp: false } }] }],
    };
    expect(errorsOf(bad).map((e) => e.split(':')[0]).sort()).toEqual([
      'routing.attemptTimeoutMs', 'routing.breaker.failureRate', 'routing.breaker.halfOpenProbes', 'routing.breaker.windowMs', 'routing.maxAttempts',
      'routing.retries', 'routing.stickinessSeconds', 'routing.versions[0].targets[0].backend.url', 'routing.versions[0].targets[0].id',
      'routing.versions[0].targets[0].priority', 'routing.versions[0].targets[0].weight',
    ]);
  });

  test('fails on too many versions or targets, and on empty lists', () => {
    const t = routing.versions[0].targets[0];
    const many = { ...routing, versions: [{ ...routing.versions[0], targets: Array.from({ length: 9 }, (_, i) => ({ ...t, id: `t${i}` })) }] };
    expect(errorsOf(many)).toEqual(['routing.versions[0].targets: must have at most 8 items']);
    const versions = Array.from({ length: 6 }, (_, i) => ({ ...routing.versions[0], name: `v${i}` }));
    expect(errorsOf({ ...routing, versions })).toEqual(['routing.versions: must have at most 5 items']);
    expect(errorsOf({ ...routing, versions: [] })).toEqual(expect.arrayContaining(['routing.versions: must have at least 1 item(s)']));
  });
});
