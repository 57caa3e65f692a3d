import { parseProxyConfig } from '../../../lambda/model-proxy/config';
import { createProxyFromEnvironment } from '../../../lambda/model-proxy/bootstrap';
import { createGuards } from '../../../lambda/model-proxy/guard-wiring';
import { DEFAULT_PII_MASKING, MODEL_PROXY_CONFIG_ENV } from '../../../lib/contracts/model-proxy';
import { apiEvent, fakeGuards, invocationContext, memoryLogger, proxyConfig } from './fakes';

const valid = () => JSON.parse(JSON.stringify(proxyConfig())) as Record<string, unknown>;
const parse = (value: unknown) => parseProxyConfig(JSON.stringify(value));

describe('parseProxyConfig', () => {
  test('accepts the configuration the construct writes', () => {
    expect(parse(valid())).toEqual({ success: true, data: proxyConfig() });
  });

  test('accepts every backend type', () => {
    for (const backend of [
      { type: 'sagemaker', endpointName: 'my-endpoint-1' },
      { type: 'bedrock', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
      { type: 'http', url: 'https://model.internal:8443/generate', allowInsecureHttp: false },
      { type: 'http', url: 'http://10.0.1.20:8080/generate', allowInsecureHttp: true },
    ]) {
      expect(parse({ ...valid(), backend })).toMatchObject({ success: true, data: { backend } });
    }
  });

  test.each([
    'anthropic.claude-3-haiku-20240307-v1:0',
    'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
    'eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
    'apac.amazon.nova-pro-v1:0',
    'us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0',
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0',
    'arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0',
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123',
  ])('accepts the Bedrock model id %s', (modelId) => {
    const backend = { type: 'bedrock', modelId };
    expect(parse({ ...valid(), backend })).toMatchObject({ success: true, data: { backend } });
  });

  test.each([
    ['a profile id without a model', 'us.claude'],
    ['an ARN of another Bedrock resource', 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123'],
    ['an inference profile ARN without an account', 'arn:aws:bedrock:us-east-1::inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0'],
    ['a wildcard', 'anthropic.*'],
    ['an application profile id with a path', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc/../x'],
    ['a number', 42],
  ])('rejects a Bedrock model id that is %s', (_what, modelId) => {
    const result = parse({ ...valid(), backend: { type: 'bedrock', modelId } });
    expect(result).toEqual({ success: false, errors: [expect.stringMatching(/^backend\.modelId: expected /)] });
  });

  test('accepts every masking option the construct writes', () => {
    const piiMasking = {
      mode: 'redact',
      entityTypes: ['EMAIL', 'PHONE'],
      allowlist: ['support@example.com'],
      customPatterns: [{ name: 'EMPLOYEE_ID', pattern: '\\bEMP-\\d{6}\\b', caseInsensitive: true }],
    };
    expect(parse({ ...valid(), piiMasking })).toEqual({ success: true, data: { ...proxyConfig(), piiMasking } });
  });

  test('reads absent entity types as every type, and absent lists as empty', () => {
    expect(parse({ ...valid(), piiMasking: { mode: 'placeholder' } })).toEqual({ success: true, data: { ...proxyConfig(), piiMasking: DEFAULT_PII_MASKING } });
  });

  test.each([
    ['missing', undefined, 'MODEL_PROXY_CONFIG: is not set'],
    ['not JSON', '{', 'MODEL_PROXY_CONFIG: is not valid JSON'],
  ])('rejects a configuration that is %s', (_what, raw, problem) => {
    expect(parseProxyConfig(raw)).toEqual({ success: false, errors: [problem] });
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown version', { version: 2 }, /version/],
    ['a model name with capitals', { model: 'Claims' }, /^model: /],
    ['an unknown backend type', { backend: { type: 'ftp' } }, /backend.type/],
    ['a SageMaker endpoint name with spaces', { backend: { type: 'sagemaker', endpointName: 'my endpoint' } }, /backend.endpointName/],
    ['a plain http URL without the opt-in', { backend: { type: 'http', url: 'http://10.0.0.1/generate', allowInsecureHttp: false } }, /https/],
    ['a URL with credentials', { backend: { type: 'http', url: 'https://u:p@model.internal/', allowInsecureHttp: false } }, /credentials/],
    ['a URL of another scheme', { backend: { type: 'http', url: 'file:///etc/passwd', allowInsecureHttp: true } }, /backend.url/],
    ['an unknown request format', { requestFormat: 'XML' }, /requestFormat/],
    ['a malformed response path', { responseTextPath: 'a..b' }, /responseTextPath/],
    ['a zero prompt length', { maxPromptLength: 0 }, /maxPromptLength/],
    ['too many attempts', { retry: { maxAttempts: 9, baseDelayMs: 100, maxDelayMs: 1000 } }, /retry.maxAttempts/],
    ['a max delay below the base delay', { retry: { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 100 } }, /retry.maxDelayMs/],
    ['a restore flag that is not boolean', { restorePlaceholders: 'yes' }, /restorePlaceholders/],
    ['no PII masking options', { piiMasking: undefined }, /^piiMasking: /],
    ['a hash masking mode', { piiMasking: { mode: 'hash', allowlist: [], customPatterns: [] } }, /^piiMasking\.mode: must be one of placeholder, redact$/],
    ['an unknown entity type', { piiMasking: { mode: 'redact', entityTypes: ['EMAIL', 'Claims'], allowlist: [], customPatterns: [] } },
      /^piiMasking\.entityTypes\[1\]: /],
    ['entity types that are not a list', { piiMasking: { mode: 'redact', entityTypes: 'EMAIL', allowlist: [], customPatterns: [] } },
      /^piiMasking\.entityTypes: /],
    ['51 allowlist values', { piiMasking: { mode: 'redact', allowlist: Array.from({ length: 51 }, (_, i) => `v${i}`), customPatterns: [] } },
      /^piiMasking\.allowlist: must have at most 50 items$/],
    ['a blank allowlist value', { piiMasking: { mode: 'redact', allowlist: ['  '], customPatterns: [] } },
      /^piiMasking\.allowlist\[0\]: /],
    ['an allowlist value with a control character', { piiMasking: { mode: 'redact', allowlist: ['a\u0000b'], customPatterns: [] } },
      /^piiMasking\.allowlist\[0\]: /],
    ['an allowlist value over 128 characters', { piiMasking: { mode: 'redact', allowlist: ['x'.repeat(129)], customPatterns: [] } },
      /^piiMasking\.allowlist\[0\]: /],
    ['a custom pattern with a lower-case name', { piiMasking: { mode: 'redact', allowlist: [], customPatterns: [{ name: 'Claims', pattern: 'x' }] } },
      /^piiMasking\.customPatterns\[0\]\.name: /],
    ['a custom pattern over 500 characters', { piiMasking: { mode: 'redact', allowlist: [], customPatterns: [{ name: 'P', pattern: 'x'.repeat(501) }] } },
      /^piiMasking\.customPatterns\[0\]\.pattern: /],
    ['a restore flag with the redact mode', { restorePlaceholders: true, piiMasking: { mode: 'redact', allowlist: [], customPatterns: [] } },
      /^restorePlaceholders: /],
  ])('rejects %s, naming the field but not the value', (_what, patch, problem) => {
    const result = parse({ ...valid(), ...patch });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.errors).toContainEqual(expect.stringMatching(problem));
      expect(result.errors.join('\n')).not.toMatch(/passwd|u:p@|my endpoint|Claims|hash|v50|xxxx/);
    }
  });
});

describe('createProxyFromEnvironment', () => {
  test('answers 500 on every call when the configuration is broken, and logs why once', async () => {
    const log = memoryLogger();
    const proxy = createProxyFromEnvironment({ [MODEL_PROXY_CONFIG_ENV]: '{"version":1}' }, { logger: log.logger, guards: () => fakeGuards() });
    expect(log.records()[0]).toMatchObject({
      level: 'ERROR',
      message: 'model proxy configuration rejected',
      problem: expect.stringContaining('model: is required'),
    });
    const res = await proxy(apiEvent({ prompt: 'hi' }), invocationContext());
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body).error).toEqual({ code: 'InternalError', message: 'Internal server error.', requestId: 'apigw-req-1' });
    expect(log.records()[1]).toMatchObject({ status: 500, failedStep: 'configuration' });
  });

  test('answers 500 when the guards cannot be built', async () => {
    const log = memoryLogger();
    const proxy = createProxyFromEnvironment({ [MODEL_PROXY_CONFIG_ENV]: JSON.stringify(proxyConfig()) }, {
      logger: log.logger,
      guards: () => {
        throw new TypeError('bad policy');
      },
    });
    expect((await proxy(apiEvent({ prompt: 'hi' }), invocationContext())).statusCode).toBe(500);
    expect(log.records()[0]).toMatchObject({ message: 'model proxy could not start', errorName: 'TypeError' });
  });

  test('wires the real validator with the configured limits, refusing before any model call', async () => {
    const log = memoryLogger();
    const proxy = createProxyFromEnvironment({ [MODEL_PROXY_CONFIG_ENV]: JSON.stringify(proxyConfig({ maxPromptLength: 5 })) }, { logger: log.logger, guards: createGuards });
    const res = await proxy(apiEvent({ prompt: 'longer than five' }), invocationContext());
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('InvalidRequestBody');
    expect(res.body).not.toContain('longer than five');
    expect(log.records()[0]).toMatchObject({ status: 400, failedStep: 'validate', attempts: 0 });
  });

  test('does not start when the masker refuses a custom pattern, and says which step failed without echoing the pattern', async () => {
    const piiMasking = { mode: 'placeholder', allowlist: [], customPatterns: [{ name: 'ORDER', pattern: '(a+)+b' }] };
    const log = memoryLogger();
    const env = { [MODEL_PROXY_CONFIG_ENV]: JSON.stringify({ ...valid(), piiMasking }) };
    const proxy = createProxyFromEnvironment(env, { logger: log.logger, guards: createGuards });
    expect((await proxy(apiEvent({ prompt: 'hi' }), invocationContext())).statusCode).toBe(500);
    expect(log.records()[0]).toMatchObject({ message: 'model proxy could not start', errorName: 'PiiConfigError' });
    expect(JSON.stringify(log.records())).not.toContain('(a+)+b');
  });

  test('rejects a configuration without the injection policy', () => {
    const { injectionAction: _dropped, ...withoutAction } = proxyConfig();
    const log = memoryLogger();
    createProxyFromEnvironment({ [MODEL_PROXY_CONFIG_ENV]: JSON.stringify(withoutAction) }, { logger: log.logger, guards: createGuards });
    expect(log.records()[0]).toMatchObject({ message: 'model proxy configuration rejected', problem: expect.stringContaining('injectionAction') });
  });
});
