/**
 * Every attack in this table must fail closed: the handler throws exactly
 * `Unauthorized`, and the audit line names the reason.
 */
import { createAuthorizer } from '../../../lambda/authorizer/authorizer';
import {
  bearer,
  CLIENT_ID,
  COGNITO_ISSUER,
  COGNITO_JWKS,
  cognitoClaims,
  jwksFetcher,
  memoryLogger,
  OIDC_ISSUER,
  OIDC_JWKS,
  oidcClaims,
  requestEvent,
  testConfig,
} from './support/fixtures';
import { b64json, b64url, ecKey, nowSeconds, rsaKey, signHs256WithPublicKey, signJwt } from './support/tokens';

const cognitoKey = rsaKey('cognito-key-1');
const oidcKey = ecKey('partner-ec-1');
const oidcRsaKey = rsaKey('partner-rsa-1');
const attackerKey = rsaKey('cognito-key-1');
/** Published without `alg`, as some IdPs do: then only the key type can tell which algorithm fits. */
const oidcKeyWithoutAlg = (() => {
  const key = ecKey('partner-ec-2');
  const { alg: _alg, ...jwk } = key.jwk;
  return { ...key, jwk: jwk as typeof key.jwk };
})();

function setup() {
  const logger = memoryLogger();
  const jwks = jwksFetcher({ [COGNITO_JWKS]: [cognitoKey], [OIDC_JWKS]: [oidcKey, oidcRsaKey, oidcKeyWithoutAlg] });
  const authorize = createAuthorizer(testConfig(), { logger, fetchJwks: jwks.fetch });
  return { authorize, logger, jwks };
}

async function expectRefused(authorization: string | undefined, reason: string): Promise<void> {
  const { authorize, logger } = setup();
  const outcome = await authorize(requestEvent({ authorization })).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  expect(outcome).toEqual({ error: new Error('Unauthorized') });
  expect(logger.lines).toHaveLength(1);
  expect(logger.lines[0]).toMatchObject({ decision: 'Unauthorized', reason });
  expect(logger.lines[0]).not.toHaveProperty('principalId');
}

const valid = () => signJwt(cognitoClaims(), cognitoKey);
const [validHeader, validPayload, validSignature] = valid().split('.');

/** Re-signs the valid claims with changes, using the real key. */
const withClaims = (extra: Record<string, unknown>) => signJwt(cognitoClaims(extra), cognitoKey);
const withHeader = (header: Record<string, unknown>) => signJwt(cognitoClaims(), cognitoKey, header);
const now = nowSeconds();

const attacks: ReadonlyArray<readonly [string, () => string | undefined, string]> = [
  // Algorithm confusion
  ['alg none without a signature', () => `${b64json({ alg: 'none', typ: 'JWT' })}.${validPayload}.`, 'malformed'],
  ['alg none with a signature segment', () => `${b64json({ alg: 'none', kid: 'cognito-key-1' })}.${validPayload}.${validSignature}`, 'invalid_algorithm'],
  ['alg "None" in another case', () => `${b64json({ alg: 'None', kid: 'cognito-key-1' })}.${validPayload}.${validSignature}`, 'invalid_algorithm'],
  ['HS256 signed with the public key as HMAC secret', () => signHs256WithPublicKey(cognitoClaims(), cognitoKey), 'invalid_algorithm'],
  ['an algorithm outside the issuer allowlist (RS384 for the Cognito issuer)', () => withHeader({ alg: 'RS384' }), 'invalid_algorithm'],
  ['alg missing', () => `${b64json({ kid: 'cognito-key-1' })}.${validPayload}.${validSignature}`, 'invalid_algorithm'],
  ['alg ES256 for a key published as RS256',
    () => `${b64json({ alg: 'ES256', kid: 'partner-rsa-1' })}.${b64json(oidcClaims())}.${b64url(Buffer.alloc(64, 7))}`, 'invalid_algorithm'],
  ['alg RS256 on a real ECDSA signature by a key published without alg', () => signJwt(oidcClaims(), oidcKeyWithoutAlg, { alg: 'RS256' }), 'invalid_algorithm'],
  ['an RSA signature under an ES256 header', () => signJwt(oidcClaims(), oidcRsaKey, { alg: 'ES256' }), 'invalid_signature'],
  ['a crit header the authorizer does not understand', () => withHeader({ crit: ['exp'] }), 'malformed'],
  // kid
  ['kid missing', () => withHeader({ kid: undefined }), 'malformed'],
  ['kid unknown', () => withHeader({ kid: 'rotated-away' }), 'unknown_key'],
  ['kid with path traversal', () => withHeader({ kid: '../../../../etc/passwd' }), 'unknown_key'],
  ['kid with an injection payload', () => withHeader({ kid: "' OR '1'='1" }), 'unknown_key'],
  ['kid that is huge', () => withHeader({ kid: 'k'.repeat(2000) }), 'malformed'],
  ['kid that is a number', () => withHeader({ kid: 1 }), 'malformed'],
  ['kid that is an object', () => withHeader({ kid: { $ref: 'cognito-key-1' } }), 'malformed'],
  ['kid that is an array', () => withHeader({ kid: ['cognito-key-1'] }), 'malformed'],
  ['kid that is null', () => withHeader({ kid: null }), 'malformed'],
  ['kid that is empty', () => withHeader({ kid: '' }), 'malformed'],
  ['a right kid but a key the attacker made', () => signJwt(cognitoClaims(), attackerKey), 'invalid_signature'],
  ["the other issuer's key (kid not in this issuer's JWKS)", () => signJwt(oidcClaims(), cognitoKey), 'unknown_key'],
  // Issuer
  ['an unknown issuer', () => withClaims({ iss: 'https://evil.example/eu-west-1_TestPool1' }), 'wrong_issuer'],
  ['an issuer with a trailing slash', () => withClaims({ iss: `${COGNITO_ISSUER}/` }), 'wrong_issuer'],
  ['an issuer in different case', () => withClaims({ iss: COGNITO_ISSUER.toUpperCase() }), 'wrong_issuer'],
  ['an issuer with the pool id in different case', () => withClaims({ iss: COGNITO_ISSUER.replace('TestPool1', 'testpool1') }), 'wrong_issuer'],
  ['an issuer that extends the real one', () => withClaims({ iss: `${COGNITO_ISSUER}0` }), 'wrong_issuer'],
  ['an issuer that is a prefix of the real one', () => withClaims({ iss: COGNITO_ISSUER.slice(0, -1) }), 'wrong_issuer'],
  ['an issuer with surrounding whitespace', () => withClaims({ iss: ` ${COGNITO_ISSUER}` }), 'wrong_issuer'],
  ['an issuer given as an array', () => withClaims({ iss: [COGNITO_ISSUER] }), 'malformed'],
  ['no issuer', () => withClaims({ iss: undefined }), 'wrong_issuer'],
  ['an issuer over http', () => withClaims({ iss: COGNITO_ISSUER.replace('https', 'http') }), 'wrong_issuer'],
  // Audience, client and token use
  ['a Cognito access token of another client', () => withClaims({ client_id: 'client-other' }), 'wrong_audience'],
  ['a Cognito access token without client_id', () => withClaims({ client_id: undefined }), 'wrong_audience'],
  ['an OIDC token for another audience', () => signJwt(oidcClaims({ aud: 'api://other' }), oidcKey), 'wrong_audience'],
  ['an OIDC token without aud', () => signJwt(oidcClaims({ aud: undefined }), oidcKey), 'wrong_audience'],
  ['a Cognito id token where an access token is required', () => withClaims({ token_use: 'id', aud: CLIENT_ID }), 'wrong_token_use'],
  ['a Cognito token without token_use', () => withClaims({ token_use: undefined }), 'wrong_token_use'],
  ['a Cognito refresh-like token_use', () => withClaims({ token_use: 'refresh' }), 'wrong_token_use'],
  // Time
  ['an expired token', () => withClaims({ exp: now - 3600 }), 'expired'],
  ['a token expired beyond the clock skew', () => withClaims({ exp: now - 61 }), 'expired'],
  ['a token without exp', () => withClaims({ exp: undefined }), 'missing_claim'],
  ['a token with exp as a string', () => withClaims({ exp: String(now + 3600) }), 'malformed'],
  ['a token not valid yet (nbf)', () => withClaims({ nbf: now + 3600 }), 'not_yet_valid'],
  ['a token issued in the future (iat)', () => withClaims({ iat: now + 3600 }), 'not_yet_valid'],
  ['a token without sub', () => withClaims({ sub: undefined }), 'missing_claim'],
  ['a token with an empty sub', () => withClaims({ sub: '' }), 'missing_claim'],
  // Tampering
  ['a tampered payload (groups added) with the original signature', () => {
    const tampered = b64json({ ...cognitoClaims(), 'cognito:groups': ['claims', 'engineering'] });
    return `${validHeader}.${tampered}.${validSignature}`;
  }, 'invalid_signature'],
  ['a tampered header (kid unchanged, typ changed)',
    () => `${b64json({ alg: 'RS256', kid: 'cognito-key-1', typ: 'at+jwt' })}.${validPayload}.${validSignature}`, 'invalid_signature'],
  ['a tampered signature',
    () => `${validHeader}.${validPayload}.${validSignature.slice(0, -4)}${validSignature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`, 'invalid_signature'],
  ['a truncated signature', () => `${validHeader}.${validPayload}.${validSignature.slice(0, 20)}`, 'invalid_signature'],
  ['a signature from another token', () => `${validHeader}.${validPayload}.${withClaims({ jti: 'other' }).split('.')[2]}`, 'invalid_signature'],
  // Shape
  ['an oversized token', () => withClaims({ pad: 'x'.repeat(9000) }), 'token_too_long'],
  ['a header that is not JSON', () => `${b64url('not json')}.${validPayload}.${validSignature}`, 'malformed'],
  ['a payload that is not JSON', () => `${validHeader}.${b64url('{"sub":')}.${validSignature}`, 'malformed'],
  ['a payload that is a JSON array', () => `${validHeader}.${b64url('[1,2]')}.${validSignature}`, 'malformed'],
  ['segments with non-base64url characters', () => `${validHeader}.${validPayload.replace(/.{4}$/, '+/+/')}.${validSignature}`, 'malformed'],
  ['padding characters', () => `${validHeader}==.${validPayload}.${validSignature}`, 'malformed'],
  ['an extra dot and segment', () => `${valid()}.${validSignature}`, 'malformed'],
  ['a trailing dot', () => `${valid()}.`, 'malformed'],
  ['two segments only', () => `${validHeader}.${validPayload}`, 'malformed'],
  ['an empty middle segment', () => `${validHeader}..${validSignature}`, 'malformed'],
  ['a JWE-like five-part token', () => `${validHeader}.a.b.c.d`, 'malformed'],
];

const schemes: ReadonlyArray<readonly [string, string | undefined, string]> = [
  ['no Authorization header', undefined, 'missing_token'],
  ['an empty Authorization header', '', 'missing_token'],
  ['the Basic scheme', `Basic ${b64url('user:pass')}`, 'malformed'],
  ['a bare token without scheme', 'TOKEN', 'malformed'],
  ['"Bearer" without a token', 'Bearer', 'malformed'],
  ['"Bearer" with a tab instead of a space', 'Bearer\tTOKEN', 'malformed'],
  ['two tokens after Bearer', 'Bearer TOKEN TOKEN', 'malformed'],
  ['a header far beyond the length limit', `Bearer ${'a'.repeat(100_000)}`, 'token_too_long'],
];

describe('authorizer attacks', () => {
  it.each(attacks)('rejects %s', async (_name, build, reason) => {
    const token = build();
    await expectRefused(token === undefined ? undefined : bearer(token), reason);
  });

  it.each(schemes)('rejects %s', async (_name, header, reason) => {
    const token = valid();
    await expectRefused(header?.replace('TOKEN', token), reason);
  });

  it('accepts the valid token the attacks are built from (the table is not refusing everything)', async () => {
    const { authorize } = setup();
    await expect(authorize(requestEvent({ authorization: bearer(valid()) }))).resolves.toHaveProperty('principalId');
    await expect(authorize(requestEvent({ authorization: `bEaReR   ${valid()}  ` }))).resolves.toHaveProperty('principalId');
    await expect(authorize(requestEvent({ authorization: bearer(withClaims({ exp: now - 30 })) }))).resolves.toHaveProperty('principalId');
  });

  it('rejects conflicting Authorization headers instead of picking one', async () => {
    const { authorize, logger } = setup();
    const event = requestEvent({ authorization: bearer(valid()) });
    const forged = { ...event, headers: { ...event.headers, authorization: bearer(withClaims({ 'cognito:groups': ['engineering'] })) } };

    await expect(authorize(forged)).rejects.toThrow('Unauthorized');
    expect(logger.lines[0]).toMatchObject({ reason: 'malformed' });
  });

  it('refetches the JWKS once for an unknown kid, then holds further refetches in the penalty box', async () => {
    const { authorize, jwks, logger } = setup();
    await authorize(requestEvent({ authorization: bearer(valid()) }));
    expect(jwks.calls).toEqual([COGNITO_JWKS]);

    for (const kid of ['unknown-1', 'unknown-2', 'unknown-3']) {
      await expect(authorize(requestEvent({ authorization: bearer(withHeader({ kid })) }))).rejects.toThrow('Unauthorized');
    }

    expect(jwks.calls).toEqual([COGNITO_JWKS, COGNITO_JWKS]);
    expect(logger.lines.slice(1).map((l) => l.reason)).toEqual(['unknown_key', 'unknown_key', 'unknown_key']);
    await expect(authorize(requestEvent({ authorization: bearer(withClaims({ jti: 'fresh' })) }))).resolves.toHaveProperty('principalId');
  });

  it('picks up a rotated key: a new kid triggers one refetch that finds it', async () => {
    const { authorize, jwks } = setup();
    await authorize(requestEvent({ authorization: bearer(valid()) }));
    const rotated = rsaKey('cognito-key-2');
    jwks.sets[COGNITO_JWKS] = [cognitoKey, rotated];

    await expect(authorize(requestEvent({ authorization: bearer(signJwt(cognitoClaims(), rotated)) }))).resolves.toHaveProperty('principalId');
    expect(jwks.calls).toEqual([COGNITO_JWKS, COGNITO_JWKS]);
  });

  it('never fetches keys for a token of an unknown issuer or a refused algorithm', async () => {
    const { authorize, jwks } = setup();
    const tokens = [
      withClaims({ iss: 'https://evil.example' }),
      `${b64json({ alg: 'none', kid: 'x' })}.${validPayload}.${validSignature}`,
      signHs256WithPublicKey(cognitoClaims(), cognitoKey),
      signJwt(oidcClaims({ iss: OIDC_ISSUER.toUpperCase() }), oidcKey),
    ];
    for (const token of tokens) {
      await expect(authorize(requestEvent({ authorization: bearer(token) }))).rejects.toThrow('Unauthorized');
    }
    expect(jwks.calls).toEqual([]);
  });
});
