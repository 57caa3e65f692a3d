/**
 * Key fetching over a real loopback HTTP server: a dead, slow or lying JWKS
 * endpoint must end in Unauthorized (jwks_unavailable), never a 500, and
 * within the fetch deadline.
 */
import { createAuthorizer } from '../../../lambda/authorizer/authorizer';
import type { AuthorizerConfig } from '../../../lambda/authorizer/config';
import { createGuardedFetcher, fetchJwksOverHttp, JWKS_FAILURE_BACKOFF_MS, JwksFetchError } from '../../../lambda/authorizer/jwks-fetcher';
import { bearer, cognitoClaims, memoryLogger, requestEvent, testConfig } from './support/fixtures';
import { type JwksBehaviour, type JwksServer, startJwksServer } from './support/jwks-server';
import { rsaKey, signJwt } from './support/tokens';

const key = rsaKey('loopback-key');
const TIMEOUT_MS = 300;
let server: JwksServer;

beforeEach(async () => {
  server = await startJwksServer([key]);
});

afterEach(async () => {
  await server.close();
});

function loopbackConfig(): AuthorizerConfig {
  const issuer = `${server.baseUrl}/eu-west-1_Loop`;
  return testConfig({
    allowLoopbackHttpJwks: true,
    issuers: [{ issuer, jwksUri: server.jwksUri, kind: 'cognito', audience: ['client-web'] }],
  });
}

function tokenFor(config: AuthorizerConfig, extra: Record<string, unknown> = {}): string {
  return signJwt(cognitoClaims({ iss: config.issuers[0].issuer, ...extra }), key);
}

describe('JWKS over loopback http', () => {
  it('verifies a token with keys fetched from the endpoint', async () => {
    const config = loopbackConfig();
    const authorize = createAuthorizer(config, { logger: memoryLogger(), jwksTimeoutMs: TIMEOUT_MS });

    await expect(authorize(requestEvent({ authorization: bearer(tokenFor(config)) }))).resolves.toHaveProperty('principalId');
    expect(server.requests).toEqual(['/.well-known/jwks.json']);
  });

  it.each<[JwksBehaviour]>([['garbage'], ['not-a-jwks'], ['status-500'], ['redirect'], ['huge'], ['hang']])(
    'rejects with jwks_unavailable when the endpoint answers %s',
    async (behaviour) => {
      server.behaviour = behaviour;
      const config = loopbackConfig();
      const logger = memoryLogger();
      const authorize = createAuthorizer(config, { logger, jwksTimeoutMs: TIMEOUT_MS });

      await expect(authorize(requestEvent({ authorization: bearer(tokenFor(config)) }))).rejects.toThrow(/^Unauthorized$/);
      expect(logger.lines[0]).toMatchObject({ decision: 'Unauthorized', reason: 'jwks_unavailable' });
    },
  );

  it('rejects with jwks_unavailable when the endpoint is down', async () => {
    const config = loopbackConfig();
    await server.close();
    const logger = memoryLogger();
    const authorize = createAuthorizer(config, { logger, jwksTimeoutMs: TIMEOUT_MS });

    await expect(authorize(requestEvent({ authorization: bearer(tokenFor(config)) }))).rejects.toThrow(/^Unauthorized$/);
    expect(logger.lines[0]).toMatchObject({ reason: 'jwks_unavailable' });
    server = await startJwksServer([key]);
  });

  it('backs off after a failed fetch and recovers once the back-off has passed', async () => {
    server.behaviour = 'status-500';
    let clock = Date.now();
    const config = loopbackConfig();
    const logger = memoryLogger();
    const authorize = createAuthorizer(config, { logger, jwksTimeoutMs: TIMEOUT_MS, now: () => clock });
    const call = () => authorize(requestEvent({ authorization: bearer(tokenFor(config)) }));

    await expect(call()).rejects.toThrow('Unauthorized');
    server.behaviour = 'keys';
    await expect(call()).rejects.toThrow('Unauthorized');
    expect(server.requests).toHaveLength(1);

    clock += JWKS_FAILURE_BACKOFF_MS + 1;
    await expect(call()).resolves.toHaveProperty('principalId');
    expect(server.requests).toHaveLength(2);
    expect(logger.lines.map((l) => l.reason)).toEqual(['jwks_unavailable', 'jwks_unavailable', 'allowed']);
  });
});

describe('createGuardedFetcher', () => {
  const guarded = (allowLoopbackHttp: boolean) =>
    createGuardedFetcher({ fetchJwks: fetchJwksOverHttp, timeoutMs: TIMEOUT_MS, allowLoopbackHttp, now: Date.now });

  it('rejects plain http when loopback http is not allowed', async () => {
    await expect(guarded(false).fetch(server.jwksUri)).rejects.toThrow(JwksFetchError);
    expect(server.requests).toEqual([]);
  });

  it.each([['http://10.0.0.8/keys'], ['http://metadata.internal/keys'], ['http://127.0.0.2/keys'], ['ftp://127.0.0.1/keys'], ['file:///etc/passwd']])(
    'rejects %s even when loopback http is allowed',
    async (uri) => {
      const fetchJwks = jest.fn();
      const fetcher = createGuardedFetcher({ fetchJwks, timeoutMs: TIMEOUT_MS, allowLoopbackHttp: true, now: Date.now });

      await expect(fetcher.fetch(uri)).rejects.toThrow(JwksFetchError);
      expect(fetchJwks).not.toHaveBeenCalled();
    },
  );

  it('aborts an injected fetcher that ignores the deadline', async () => {
    let aborted = false;
    const fetcher = createGuardedFetcher({
      fetchJwks: (_uri, signal) => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
        return new Promise(() => undefined);
      },
      timeoutMs: 50,
      allowLoopbackHttp: false,
      now: Date.now,
    });

    await expect(fetcher.fetch('https://idp.example/keys')).rejects.toThrow(/within 50 ms/);
    expect(aborted).toBe(true);
  });

  it('does not put response content into its errors', async () => {
    server.behaviour = 'garbage';
    const error = await guarded(true).fetch(server.jwksUri).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(JwksFetchError);
    expect(String((error as Error).message)).not.toContain('html');
  });
});
