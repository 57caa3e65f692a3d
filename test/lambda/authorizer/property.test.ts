/**
 * Properties over arbitrary input: whatever arrives in the Authorization
 * header or the event, the authorizer never allows it and never throws
 * anything but `Unauthorized`.
 */
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import fc from 'fast-check';
import { createAuthorizer } from '../../../lambda/authorizer/authorizer';
import {
  bearer, COGNITO_ISSUER, COGNITO_JWKS, cognitoClaims, jwksFetcher, memoryLogger, OIDC_ISSUER, OIDC_JWKS, requestEvent, testConfig,
} from './support/fixtures';
import { b64json, b64url, ecKey, rsaKey, signJwt } from './support/tokens';

const cognitoKey = rsaKey('cognito-key-1');
const oidcKey = ecKey('partner-ec-1');
const RUNS = 5000;

function build() {
  const logger = memoryLogger();
  const jwks = jwksFetcher({ [COGNITO_JWKS]: [cognitoKey], [OIDC_JWKS]: [oidcKey] });
  return { authorize: createAuthorizer(testConfig(), { logger, fetchJwks: jwks.fetch }), logger };
}

/** Resolves to 'Unauthorized' when refused that way; anything else is returned for the assertion to show. */
async function outcome(promise: Promise<unknown>): Promise<unknown> {
  try {
    return { resolved: await promise };
  } catch (err) {
    return err instanceof Error && err.message === 'Unauthorized' && Object.getPrototypeOf(err) === Error.prototype ? 'Unauthorized' : { threw: err };
  }
}

const validToken = signJwt(cognitoClaims(), cognitoKey);
const validSignature = validToken.split('.')[2];

const headerValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => `Bearer ${s}`),
  fc.stringMatching(/^[A-Za-z0-9_\-.=+/ ]{0,400}$/).map((s) => `Bearer ${s}`),
  fc.tuple(fc.base64String({ maxLength: 200 }), fc.base64String({ maxLength: 400 }), fc.base64String({ maxLength: 400 }))
    .map((parts) => `Bearer ${parts.join('.')}`),
  fc.string({ maxLength: 20000 }).map((s) => `bearer ${s}`),
);

/** Mostly plausible, sometimes anything: plausible values get past the cheap checks into real verification. */
function mostly<T>(plausible: fc.Arbitrary<T>, ...others: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: plausible, weight: 4 }, ...others.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

const randomBytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length }).map((b) => b64url(Buffer.from(b)));

/** Tokens that parse: arbitrary JSON in header and payload, often with a real issuer, alg and kid, signed by nobody. */
const jwtShaped = fc
  .record({
    header: fc.record(
      {
        alg: mostly(fc.constantFrom('RS256', 'ES256'), fc.constantFrom('none', 'HS256', 'RS384', 'EdDSA'), fc.jsonValue({ maxDepth: 2 })),
        kid: mostly(fc.constantFrom('cognito-key-1', 'partner-ec-1'), fc.string(), fc.integer()),
        typ: fc.string(),
        extra: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
    payload: fc.record(
      {
        iss: mostly(fc.constantFrom(COGNITO_ISSUER, OIDC_ISSUER), fc.webUrl(), fc.jsonValue({ maxDepth: 2 })),
        sub: mostly(fc.uuid(), fc.jsonValue({ maxDepth: 2 })),
        exp: mostly(fc.constant(Math.floor(Date.now() / 1000) + 3600), fc.integer(), fc.jsonValue({ maxDepth: 2 })),
        aud: fc.constantFrom('api://ai-gateway', 'other'),
        token_use: fc.constantFrom('access', 'id', 'refresh'),
        client_id: fc.constantFrom('client-web', 'other'),
        'cognito:groups': fc.array(fc.constantFrom('claims', 'staff', 'engineering')),
        scope: fc.string(),
        extra: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
    signature: fc.oneof(
      fc.constant(validSignature),
      randomBytes(64),
      randomBytes(256),
      fc.base64String({ minLength: 4, maxLength: 400 }).map((s) => b64url(Buffer.from(s, 'base64'))),
    ),
  })
  .map(({ header, payload, signature }) => `${b64json(header)}.${b64json(payload)}.${signature || 'AAAA'}`);

describe('authorizer properties', () => {
  it(`never allows and only ever throws Unauthorized for ${RUNS} arbitrary Authorization headers`, async () => {
    const { authorize } = build();
    await fc.assert(
      fc.asyncProperty(headerValue, async (value) => {
        expect(await outcome(authorize(requestEvent({ authorization: value })))).toBe('Unauthorized');
      }),
      { numRuns: RUNS },
    );
  });

  it(`never allows and only ever throws Unauthorized for ${RUNS} arbitrary JWT-shaped tokens`, async () => {
    const { authorize, logger } = build();
    await fc.assert(
      fc.asyncProperty(jwtShaped, async (token) => {
        expect(await outcome(authorize(requestEvent({ authorization: bearer(token) })))).toBe('Unauthorized');
      }),
      { numRuns: RUNS },
    );
    // Each refusal has a specific reason: nothing fell through to an unexpected error.
    expect(logger.lines.filter((l) => l.reason === 'internal_error')).toEqual([]);
  });

  it('only ever throws Unauthorized for arbitrary (even ill-typed) events', async () => {
    const { authorize, logger } = build();
    const event = fc.record(
      {
        methodArn: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 2 }), fc.constant(requestEvent().methodArn)),
        headers: fc.oneof(
          fc.constant(null),
          fc.dictionary(fc.constantFrom('Authorization', 'authorization', 'AUTHORIZATION', 'x'), fc.jsonValue({ maxDepth: 2 })),
        ),
        multiValueHeaders: fc.oneof(fc.constant(null), fc.dictionary(fc.constantFrom('Authorization', 'authorization'), fc.jsonValue({ maxDepth: 2 }))),
        requestContext: fc.oneof(
          fc.constant(null),
          fc.jsonValue({ maxDepth: 2 }),
          fc.record({ identity: fc.record({ sourceIp: fc.jsonValue({ maxDepth: 2 }) }) }),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        expect(await outcome(authorize(e as unknown as APIGatewayRequestAuthorizerEvent))).toBe('Unauthorized');
      }),
      { numRuns: 2000 },
    );
    // Every call still wrote its one audit line.
    expect(logger.lines.every((l) => l.decision === 'Unauthorized')).toBe(true);
  });

  it('the valid token the properties perturb is allowed (the properties are not vacuous)', async () => {
    const { authorize } = build();
    await expect(authorize(requestEvent({ authorization: bearer(validToken) }))).resolves.toHaveProperty('principalId');
  });
});
