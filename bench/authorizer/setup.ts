/** Keys, tokens, config and events for the authorizer benchmark (the same fixtures the tests use). */
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { AuthorizerConfig } from '../../lambda/authorizer/config';
import { bearer, COGNITO_ISSUER, COGNITO_JWKS, cognitoClaims, requestEvent, testConfig } from '../../test/lambda/authorizer/support/fixtures';
import { jwksOf, type PublicJwk, rsaKey, signJwt } from '../../test/lambda/authorizer/support/tokens';

export interface BenchSetup {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly jwks: { keys: PublicJwk[] };
  readonly config: AuthorizerConfig;
  readonly configJson: string;
  /** Two valid tokens of the same user, differing only in jti. */
  readonly tokens: readonly [string, string];
  event(token: string): APIGatewayRequestAuthorizerEvent;
}

export function benchSetup(): BenchSetup {
  const key = rsaKey('bench-key-1');
  // The Cognito issuer only: the bare verifier it is compared with checks one issuer too.
  const config = testConfig({ issuers: [testConfig().issuers[0]] });
  return {
    issuer: COGNITO_ISSUER,
    jwksUri: COGNITO_JWKS,
    jwks: jwksOf(key),
    config,
    configJson: JSON.stringify(config),
    tokens: [signJwt(cognitoClaims({ jti: 'bench-1' }), key), signJwt(cognitoClaims({ jti: 'bench-2' }), key)],
    event: (token) => requestEvent({ authorization: bearer(token), model: 'claims-triage' }),
  };
}
