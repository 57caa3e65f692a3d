/**
 * Verifies a bearer token against the configured issuers with aws-jwt-verify.
 * Cheap checks run first on the unverified token (issuer known, algorithm
 * allowed, `kid` sane, EC signature size) so that junk never causes a key
 * fetch; the library then
 * checks the signature and the registered claims, and {@link checkClaims}
 * adds what it leaves open (required `exp` and `sub`, `iat`, key type against
 * algorithm, Cognito's `token_use` and client id) with our clock.
 */
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import * as errors from 'aws-jwt-verify/error';
import { SimpleJwksCache, SimplePenaltyBox, type Jwk } from 'aws-jwt-verify/jwk';
import { decomposeUnverifiedJwt, type DecomposedJwt } from 'aws-jwt-verify/jwt';
import type { JwtHeader, JwtPayload } from 'aws-jwt-verify/jwt-model';
import { JwtVerifierBase, type VerifyProperties } from 'aws-jwt-verify/jwt-verifier';
import type { ResolvedAuthorizerConfig, ResolvedIssuerConfig, SignatureAlgorithm } from './config';
import { createGuardedFetcher, type JwksFetcher, JwksFetchError } from './jwks-fetcher';
import { safeErrorName } from '../shared/error-name';
import { Reason } from './reason-codes';

export type Verification =
  | { readonly ok: true; readonly payload: JwtPayload; readonly issuer: ResolvedIssuerConfig }
  | { readonly ok: false; readonly reason: Reason; readonly errorName?: string };

export interface TokenVerifierOptions {
  readonly fetchJwks: JwksFetcher;
  readonly jwksTimeoutMs: number;
  readonly now: () => number;
}

/** Thrown from our own claim checks; carries only a reason code. */
class TokenRejection extends Error {
  public constructor(public readonly reason: Reason) {
    super(reason);
  }
}

const MAX_KID_LENGTH = 256;
const MAX_SUB_LENGTH = 256;
/** A `kid` we fail to find blocks further JWKS refetches for this long (aws-jwt-verify's penalty box). */
const UNKNOWN_KID_PENALTY_SECONDS = 10;

type IssuerProps = { issuer: string; jwksUri: string } & VerifyProperties & Record<string, unknown>;

/** Exposes aws-jwt-verify's verification of an already decomposed token, so it is parsed once. */
class IssuerVerifier extends JwtVerifierBase<VerifyProperties & Record<string, unknown>, IssuerProps, false> {
  public constructor(private readonly props: IssuerProps, jwksCache: SimpleJwksCache) {
    super(props, jwksCache);
  }

  /** Verifies with keys already in the cache; throws JwksNotAvailableInCacheError / KidNotFoundInJwksError otherwise. */
  public verifyWithCachedKeys(decomposed: DecomposedJwt): JwtPayload {
    return this.verifyDecomposedJwtSync(decomposed, this.props.jwksUri, this.props);
  }

  /** Verifies, fetching the JWKS first when the key is not cached (behind the penalty box). */
  public verifyFetchingKeys(decomposed: DecomposedJwt): Promise<JwtPayload> {
    return this.verifyDecomposedJwt(decomposed, this.props.jwksUri, this.props);
  }
}

export class TokenVerifier {
  private readonly verifiers = new Map<string, { readonly config: ResolvedIssuerConfig; readonly verifier: IssuerVerifier }>();

  public constructor(config: ResolvedAuthorizerConfig, options: TokenVerifierOptions) {
    const jwksCache = new SimpleJwksCache({
      fetcher: createGuardedFetcher({
        fetchJwks: options.fetchJwks,
        timeoutMs: options.jwksTimeoutMs,
        allowLoopbackHttp: config.allowLoopbackHttpJwks,
        now: options.now,
      }),
      penaltyBox: new SimplePenaltyBox({ waitSeconds: UNKNOWN_KID_PENALTY_SECONDS }),
    });
    for (const issuer of config.issuers) {
      const verifier = new IssuerVerifier({
        issuer: issuer.issuer,
        jwksUri: issuer.jwksUri,
        // Cognito's client id lives in `client_id` for access tokens: checked in checkClaims.
        audience: issuer.kind === 'oidc' && issuer.audience !== null ? [...issuer.audience] : null,
        graceSeconds: config.clockSkewSeconds,
        customJwtCheck: ({ header, payload, jwk }) => checkClaims(header, payload, jwk, issuer, config.clockSkewSeconds, options.now()),
      }, jwksCache);
      this.verifiers.set(issuer.issuer, { config: issuer, verifier });
    }
  }

  public async verify(token: string): Promise<Verification> {
    let decomposed: DecomposedJwt;
    try {
      decomposed = decomposeUnverifiedJwt(token);
    } catch {
      return { ok: false, reason: Reason.MALFORMED };
    }
    const { header, payload } = decomposed;
    if (header.crit !== undefined) return { ok: false, reason: Reason.MALFORMED };
    const entry = typeof payload.iss === 'string' ? this.verifiers.get(payload.iss) : undefined;
    if (entry === undefined) return { ok: false, reason: Reason.WRONG_ISSUER };
    if (typeof header.alg !== 'string' || !(entry.config.algorithms as readonly string[]).includes(header.alg)) {
      return { ok: false, reason: Reason.INVALID_ALGORITHM };
    }
    if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > MAX_KID_LENGTH) {
      return { ok: false, reason: Reason.MALFORMED };
    }
    const ecLength = EC_SIGNATURE_BYTES[header.alg];
    if (ecLength !== undefined && Buffer.byteLength(decomposed.signatureB64, 'base64url') !== ecLength) {
      // node:crypto throws on a P1363 signature of the wrong size instead of returning false.
      return { ok: false, reason: Reason.INVALID_SIGNATURE };
    }
    try {
      // The synchronous path skips several promise hops per call; the keys are cached on every warm call.
      return { ok: true, payload: entry.verifier.verifyWithCachedKeys(decomposed), issuer: entry.config };
    } catch (err) {
      if (!(err instanceof errors.JwksNotAvailableInCacheError || err instanceof errors.KidNotFoundInJwksError)) {
        return failureFor(err);
      }
    }
    try {
      return { ok: true, payload: await entry.verifier.verifyFetchingKeys(decomposed), issuer: entry.config };
    } catch (err) {
      return failureFor(err);
    }
  }
}

const KEY_TYPE: Readonly<Record<SignatureAlgorithm, { kty: string; crv?: string }>> = {
  RS256: { kty: 'RSA' },
  RS384: { kty: 'RSA' },
  RS512: { kty: 'RSA' },
  ES256: { kty: 'EC', crv: 'P-256' },
  ES384: { kty: 'EC', crv: 'P-384' },
  ES512: { kty: 'EC', crv: 'P-521' },
  EdDSA: { kty: 'OKP' },
};

/** Raw r||s signature sizes (JWS uses IEEE P1363, not DER). */
const EC_SIGNATURE_BYTES: Readonly<Record<string, number>> = { ES256: 64, ES384: 96, ES512: 132 };

/** Runs after the signature and aws-jwt-verify's own claim checks passed. */
function checkClaims(header: JwtHeader, payload: JwtPayload, jwk: Jwk, issuer: ResolvedIssuerConfig, skewSeconds: number, nowMs: number): void {
  const expected = KEY_TYPE[header.alg as SignatureAlgorithm];
  if (expected === undefined || jwk.kty !== expected.kty || (expected.crv !== undefined && jwk.crv !== expected.crv)) {
    throw new TokenRejection(Reason.INVALID_ALGORITHM);
  }
  const now = nowMs / 1000;
  if (typeof payload.exp !== 'number') throw new TokenRejection(Reason.MISSING_CLAIM);
  if (payload.exp + skewSeconds < now) throw new TokenRejection(Reason.EXPIRED);
  if (typeof payload.nbf === 'number' && payload.nbf - skewSeconds > now) throw new TokenRejection(Reason.NOT_YET_VALID);
  if (typeof payload.iat === 'number' && payload.iat - skewSeconds > now) throw new TokenRejection(Reason.NOT_YET_VALID);
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > MAX_SUB_LENGTH) {
    throw new TokenRejection(Reason.MISSING_CLAIM);
  }
  if (issuer.kind === 'cognito') {
    validateCognitoJwtFields(payload, {
      tokenUse: issuer.tokenUse,
      clientId: issuer.audience === null ? null : [...issuer.audience],
      groups: null,
    });
  }
}

/** A failed verification; an unexpected error keeps its class name (never its message) for the audit line. */
function failureFor(err: unknown): Verification {
  const reason = reasonFor(err);
  return reason === Reason.INTERNAL_ERROR ? { ok: false, reason, errorName: safeErrorName(err) } : { ok: false, reason };
}

/** Maps whatever verification threw to a reason code; unknown errors are internal. */
export function reasonFor(err: unknown): Reason {
  if (err instanceof TokenRejection) return err.reason;
  if (err instanceof JwksFetchError || err instanceof errors.FetchError || err instanceof errors.JwksValidationError) {
    return Reason.JWKS_UNAVAILABLE;
  }
  if (err instanceof errors.KidNotFoundInJwksError || err instanceof errors.WaitPeriodNotYetEndedJwkError) return Reason.UNKNOWN_KEY;
  if (err instanceof errors.JwtInvalidSignatureAlgorithmError) return Reason.INVALID_ALGORITHM;
  if (err instanceof errors.JwtInvalidSignatureError) return Reason.INVALID_SIGNATURE;
  if (err instanceof errors.JwtExpiredError) return Reason.EXPIRED;
  if (err instanceof errors.JwtNotBeforeError) return Reason.NOT_YET_VALID;
  if (err instanceof errors.JwtInvalidIssuerError) return Reason.WRONG_ISSUER;
  if (err instanceof errors.JwtInvalidAudienceError || err instanceof errors.CognitoJwtInvalidClientIdError) return Reason.WRONG_AUDIENCE;
  if (err instanceof errors.CognitoJwtInvalidTokenUseError) return Reason.WRONG_TOKEN_USE;
  if (err instanceof errors.JwkValidationError || err instanceof errors.JwkInvalidUseError || err instanceof errors.JwkInvalidKtyError) {
    return Reason.INVALID_SIGNATURE;
  }
  if (err instanceof errors.JwtParseError || err instanceof errors.JwtWithoutValidKidError) return Reason.MALFORMED;
  return Reason.INTERNAL_ERROR;
}
