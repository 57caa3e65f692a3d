import { createAuthorizerFromEnv } from '../../../lambda/authorizer/from-env';
import { bearer, COGNITO_JWKS, cognitoClaims, jwksFetcher, memoryLogger, requestEvent, testConfig } from './support/fixtures';
import { rsaKey, signJwt } from './support/tokens';
import { captureLogLines } from '../../helpers/capture-output';

const key = rsaKey('cognito-key-1');

describe('createAuthorizerFromEnv', () => {
  it('builds a working authorizer from the JSON config', async () => {
    const logger = memoryLogger();
    const authorize = createAuthorizerFromEnv(JSON.stringify(testConfig()), { logger, fetchJwks: jwksFetcher({ [COGNITO_JWKS]: [key] }).fetch });

    await expect(authorize(requestEvent({ authorization: bearer(signJwt(cognitoClaims(), key)) }))).resolves.toHaveProperty('principalId');
    expect(logger.lines.filter((l) => l.level === 'ERROR')).toEqual([]);
  });

  it.each([
    ['missing', undefined, /AUTHORIZER_CONFIG: is not set/],
    ['empty', '  ', /AUTHORIZER_CONFIG: is not set/],
    ['not JSON', '{issuers:', /AUTHORIZER_CONFIG: is not valid JSON/],
    ['invalid', JSON.stringify({ ...testConfig(), clockSkewSeconds: 9999 }), /clockSkewSeconds: expected an integer/],
  ])('fails closed when the config is %s: one error line, then Unauthorized for every call', async (_name, raw, problem) => {
    const logger = memoryLogger();
    const authorize = createAuthorizerFromEnv(raw, { logger });

    expect(logger.lines).toEqual([expect.objectContaining({ level: 'ERROR', reason: 'config_error', problem: expect.stringMatching(problem) })]);
    for (let i = 0; i < 2; i++) {
      await expect(authorize(requestEvent({ authorization: bearer(signJwt(cognitoClaims(), key)), sourceIp: '192.0.2.1' }))).rejects.toThrow(/^Unauthorized$/);
    }
    expect(logger.lines.slice(1)).toEqual([
      expect.objectContaining({ decision: 'Unauthorized', reason: 'config_error', sourceIp: '192.0.2.1' }),
      expect.objectContaining({ decision: 'Unauthorized', reason: 'config_error', sourceIp: '192.0.2.1' }),
    ]);
  });
});

describe('handler module', () => {
  const saved = process.env.AUTHORIZER_CONFIG;

  afterEach(() => {
    if (saved === undefined) delete process.env.AUTHORIZER_CONFIG;
    else process.env.AUTHORIZER_CONFIG = saved;
    jest.restoreAllMocks();
  });

  function loadHandler(): typeof import('../../../lambda/authorizer/handler') {
    let mod: typeof import('../../../lambda/authorizer/handler') | undefined;
    jest.isolateModules(() => {
      mod = require('../../../lambda/authorizer/handler') as typeof import('../../../lambda/authorizer/handler');
    });
    return mod!;
  }

  it('loads without a config and refuses every call instead of crashing', async () => {
    delete process.env.AUTHORIZER_CONFIG;
    const { lines: written } = captureLogLines();

    const { handler } = loadHandler();
    await expect(handler(requestEvent({ authorization: bearer(signJwt(cognitoClaims(), key)) }))).rejects.toThrow(/^Unauthorized$/);

    const lines = written.map((w) => JSON.parse(w) as Record<string, unknown>);
    expect(lines.map((l) => [l.level, l.reason, l.service])).toEqual([
      ['ERROR', 'config_error', 'authorizer'],
      ['WARN', 'config_error', 'authorizer'],
    ]);
  });

  it('builds the authorizer from AUTHORIZER_CONFIG at load', async () => {
    process.env.AUTHORIZER_CONFIG = JSON.stringify(testConfig());
    const { lines: written } = captureLogLines();

    const { handler } = loadHandler();
    // An unknown issuer is refused before any key fetch (no network); a lone wrong_issuer line, no config_error, shows the config was accepted.
    await expect(handler(requestEvent({ authorization: bearer(signJwt(cognitoClaims({ iss: 'https://unknown.example' }), key)) }))).rejects.toThrow('Unauthorized');

    expect(written.map((w) => (JSON.parse(w) as Record<string, unknown>).reason)).toEqual(['wrong_issuer']);
  });
});
