/**
 * The README's standalone JwtAuthorizer, end to end: the configuration the
 * construct synthesized for it (the function's environment variable in the
 * template) runs in the shipped bundle, assets/authorizer/index.js, in a
 * fresh node process, on REQUEST authorizer events for the user's own route
 * `POST /chat`. Tokens are signed with real RSA keys; the JWKS comes from a
 * server on 127.0.0.1, which the test config alone allows (the construct never does).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { blockUnder, runSnippet } from './readme-snippets';
import { bearer, requestEvent } from '../lambda/authorizer/support/fixtures';
import { type JwksServer, startJwksServer } from '../lambda/authorizer/support/jwks-server';
import { nowSeconds, rsaKey, signJwt } from '../lambda/authorizer/support/tokens';

const BUNDLE = join(__dirname, '..', '..', 'assets', 'authorizer', 'index.js');
const API_PREFIX = 'arn:aws:execute-api:eu-west-1:123456789012:k9x8y7z6w5/prod';
const CHAT_ARN = `${API_PREFIX}/POST/chat`;

/** Calls the bundle's handler once per event, in a child process, and returns each answer or thrown message. */
const RUNNER = `
const { handler } = require(process.argv[1]);
let input = '';
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', async () => {
  const out = [];
  for (const event of JSON.parse(input)) {
    try { out.push({ result: await handler(event) }); } catch (err) { out.push({ thrown: err.message }); }
  }
  process.stdout.write('\\nRESULTS ' + JSON.stringify(out) + '\\n');
});
`;

type Answer = { readonly result?: APIGatewayAuthorizerResult; readonly thrown?: string };

function runBundle(config: string, events: unknown[]): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', RUNNER, BUNDLE], { env: { PATH: process.env.PATH, AUTHORIZER_CONFIG: config }, timeout: 30_000 },
      (err, stdout) => {
        if (err) return reject(err);
        const line = stdout.split('\n').find((l) => l.startsWith('RESULTS '));
        return line === undefined
          ? reject(new Error(`no results in: ${stdout.slice(0, 500)}`))
          : resolve(JSON.parse(line.slice('RESULTS '.length)) as Answer[]);
      });
    child.stdin!.end(JSON.stringify(events));
  });
}

describe('the README standalone authorizer, run by the shipped bundle', () => {
  const signingKey = rsaKey('readme-key');
  const strangerKey = rsaKey('readme-key');
  let server: JwksServer;
  let config: string;
  let synthesized: Record<string, any>;

  beforeAll(async () => {
    expect(existsSync(BUNDLE)).toBe(true); // built by `npm run build`
    const { stack } = runSnippet(blockUnder('One construct at a time'), 'chat');
    const template = Template.fromStack(stack);
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { AUTHORIZER_CONFIG: Match.anyValue() } } },
    }));
    synthesized = JSON.parse(stack.resolve(fn.Properties.Environment.Variables.AUTHORIZER_CONFIG)) as Record<string, any>;
    server = await startJwksServer([signingKey]);
    // Only where keys come from changes: the issuer, audience, rules and routes are the synthesized ones.
    config = JSON.stringify({
      ...synthesized,
      issuers: synthesized.issuers.map((issuer: Record<string, unknown>) => ({ ...issuer, jwksUri: server.jwksUri })),
      allowLoopbackHttpJwks: true,
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  function token(claims: Record<string, unknown>, key = signingKey): string {
    const now = nowSeconds();
    return signJwt({
      iss: 'https://login.example.com', aud: 'api://ai', sub: 'user-1', iat: now, exp: now + 600, groups: ['staff'], tier: 'pro', ...claims,
    }, key);
  }

  function event(authorization: string | undefined, methodArn = CHAT_ARN): unknown {
    return requestEvent({ authorization, methodArn });
  }

  test('the synthesized config guards the user\'s route, not the gateway route', () => {
    expect(synthesized.routes).toEqual([{ route: 'POST/chat', model: 'chat' }]);
    expect(synthesized.allowLoopbackHttpJwks).toBeUndefined();
  });

  test('allows a permitted caller on POST /chat and denies everyone else there', async () => {
    const [allowed, notStaff, freeTier, stranger, noToken, otherRoute] = await runBundle(config, [
      event(bearer(token({}))),
      event(bearer(token({ groups: ['guests'] }))),
      event(bearer(token({ tier: 'free' }))),
      event(bearer(token({}, strangerKey))),
      event(undefined),
      event(bearer(token({})), `${API_PREFIX}/POST/v1/summarize`),
    ]);

    expect(allowed.result?.policyDocument.Statement).toEqual([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [CHAT_ARN] }]);
    expect(allowed.result?.principalId).toBe('user-1');
    for (const denied of [notStaff, freeTier]) {
      expect(denied.result?.policyDocument.Statement).toEqual([{ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: [CHAT_ARN] }]);
    }
    expect(stranger).toEqual({ thrown: 'Unauthorized' });
    expect(noToken).toEqual({ thrown: 'Unauthorized' });
    expect(otherRoute.result?.policyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [CHAT_ARN] },
      { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: [`${API_PREFIX}/POST/v1/summarize`] },
    ]);
  }, 60_000);

  test('refuses every call when the config lacks the test-only loopback switch, as a deployed function would', async () => {
    const strict = JSON.stringify({ ...JSON.parse(config), allowLoopbackHttpJwks: undefined });
    const [answer] = await runBundle(strict, [event(bearer(token({})))]);
    expect(answer).toEqual({ thrown: 'Unauthorized' });
  }, 60_000);
});
