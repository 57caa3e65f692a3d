/**
 * Builds the authorizer's answer. API Gateway caches it per Authorization
 * header and applies it to every route the same token calls next, so the
 * policy always spans every configured route: Allow for the routes of the
 * permitted models, an explicit Deny for every other one.
 */
import type { APIGatewayAuthorizerResult, Statement } from 'aws-lambda';
import type { ModelVerdict } from './authorize';
import { Reason } from './reason-codes';

export const INVOKE_ACTION = 'execute-api:Invoke';
const POLICY_VERSION = '2012-10-17';

/** What API Gateway passes on to the integration: no claim that identifies a person beyond the pseudonymous `sub`. */
export interface AuthorizerContext {
  readonly principalId: string;
  readonly scopes: string;
  readonly tenant?: string;
  readonly tier?: string;
  /** Restricted model versions the caller may use: `model:version`, comma-separated. */
  readonly versions?: string;
}

export interface PolicyInput {
  readonly principalId: string;
  /** Method ARN of every configured route, with the model whose verdict decides it. */
  readonly routeArns: ReadonlyMap<string, string>;
  readonly verdicts: ReadonlyMap<string, ModelVerdict>;
  /** Further ARNs to deny explicitly, e.g. the current route when it belongs to no model. */
  readonly alsoDeny?: readonly string[];
  readonly context: AuthorizerContext;
  readonly usageIdentifierKey?: string;
}

export function buildPolicy(input: PolicyInput): APIGatewayAuthorizerResult {
  const allow: string[] = [];
  const deny: string[] = [];
  for (const [arn, model] of input.routeArns) {
    (input.verdicts.get(model) === Reason.ALLOWED ? allow : deny).push(arn);
  }
  deny.push(...(input.alsoDeny ?? []));
  const statements: Statement[] = [];
  if (allow.length > 0) statements.push({ Effect: 'Allow', Action: INVOKE_ACTION, Resource: allow });
  if (deny.length > 0) statements.push({ Effect: 'Deny', Action: INVOKE_ACTION, Resource: deny });
  const result: APIGatewayAuthorizerResult = {
    principalId: input.principalId,
    policyDocument: { Version: POLICY_VERSION, Statement: statements },
    context: { ...input.context },
  };
  if (input.usageIdentifierKey !== undefined) result.usageIdentifierKey = input.usageIdentifierKey;
  return result;
}
