import { Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { IConstruct } from 'constructs';
import {
  ALGORITHMS_RULE,
  AUDIENCE_RULE,
  CLAIM_NAME_RULE,
  CONDITION_ORDER_RULE,
  CONDITION_VALUES_RULE,
  GRANTS_RULE,
  keyUriProblem,
  SIGNATURE_ALGORITHMS,
  URI_RULE,
} from '../contracts/authorizer';
import { type StringListRule, stringListProblem, type StringRule, stringProblem } from '../contracts/field-rules';
import { MODEL_NAME } from '../contracts/model-names';
import {
  ANY_METHOD,
  DEFAULT_ROUTES,
  methodProblem,
  MODEL_PLACEHOLDER,
  type RouteConfig,
  routePathProblem,
  routeSetProblems,
} from '../contracts/routes';
import { AuthorizedRoute, ClaimConditionOptions, ClaimOperator, IssuerKind, JwtAuthorizerProps } from './jwt-authorizer-props';
import { validateVersionAccess } from './version-access-validation';
import { describeValue, invalidProp, validateRange } from '../private/validation';
import { warnOptOut } from '../private/warnings';
import { GatewayWarning } from '../gateway-warning';

/** API Gateway's limit on an authorizer's result cache. */
export const MAX_CACHE_TTL_SECONDS = 3600;

/** The routes the function's config lists: the given ones, or the gateway's model route. */
export function routeConfigs(routes: readonly AuthorizedRoute[] | undefined): readonly RouteConfig[] {
  if (routes === undefined) return DEFAULT_ROUTES;
  return routes.map((r) => (r.model === undefined ? { route: `${r.method}${r.path}` } : { route: `${r.method}${r.path}`, model: r.model }));
}

/**
 * Checks every value the function will parse with the function's own rules
 * (lib/contracts/authorizer.ts), so a config it would refuse fails here, at synth.
 * Unresolved tokens pass; CloudFormation or the function see their values.
 */
export function validateJwtAuthorizerProps(scope: IConstruct, props: JwtAuthorizerProps): void {
  validateIssuers(scope, props);
  validateModelAccess(scope, props);
  validateRoutes(scope, props);
  for (const claim of ['tenantClaim', 'tierClaim', 'usageIdentifierClaim'] as const) checkString(scope, claim, props[claim], CLAIM_NAME_RULE);
  if (props.resultsCacheTtl && !props.resultsCacheTtl.isUnresolved() && props.resultsCacheTtl.toSeconds() > MAX_CACHE_TTL_SECONDS) {
    invalidProp(scope, 'resultsCacheTtl', `${props.resultsCacheTtl.toSeconds()} seconds`, `at most ${MAX_CACHE_TTL_SECONDS} seconds`);
  }
  validateRange(scope, 'reservedConcurrency', props.reservedConcurrency, { min: 1, max: 10_000 });
  validateRange(scope, 'memorySize', props.memorySize, { min: 128, max: 10_240 });
}

function validateIssuers(scope: IConstruct, props: JwtAuthorizerProps): void {
  if (props.issuers.length === 0) invalidProp(scope, 'issuers', props.issuers, 'at least one issuer');
  const seen = new Set<string>();
  for (const [i, issuer] of props.issuers.entries()) {
    const where = `issuers[${i}]`;
    checkKeyUri(scope, `${where}.issuer`, issuer.issuer);
    if (seen.has(issuer.issuer)) invalidProp(scope, `${where}.issuer`, issuer.issuer, 'one entry per issuer');
    seen.add(issuer.issuer);
    if (issuer.jwksUri !== undefined) checkKeyUri(scope, `${where}.jwksUri`, issuer.jwksUri);
    const hasAudience = (issuer.audience ?? []).length > 0;
    if (issuer.skipAudienceCheck && hasAudience) {
      invalidProp(scope, `${where}.audience`, issuer.audience, 'no audience when skipAudienceCheck is set');
    }
    if (!issuer.skipAudienceCheck && !hasAudience) {
      invalidProp(scope, `${where}.audience`, issuer.audience, 'at least one audience (client id or aud), or skipAudienceCheck: true');
    }
    if (hasAudience) checkList(scope, `${where}.audience`, issuer.audience, AUDIENCE_RULE);
    if (issuer.skipAudienceCheck) {
      warnOptOut(scope, GatewayWarning.AUDIENCE_CHECK_SKIPPED,
        `${where} (${issuer.issuer}) accepts tokens of any audience: a token minted for another application is accepted too.`);
    }
    if (issuer.kind === IssuerKind.OIDC && issuer.tokenUse !== undefined) {
      invalidProp(scope, `${where}.tokenUse`, issuer.tokenUse, 'no tokenUse for an OIDC issuer (only Cognito tokens carry token_use)');
    }
    checkString(scope, `${where}.groupsClaim`, issuer.groupsClaim, CLAIM_NAME_RULE);
    for (const algorithm of issuer.algorithms ?? []) {
      if (!(SIGNATURE_ALGORITHMS as readonly string[]).includes(algorithm)) {
        invalidProp(scope, `${where}.algorithms`, algorithm, `asymmetric algorithms only: ${SIGNATURE_ALGORITHMS.join(', ')}`);
      }
    }
    checkList(scope, `${where}.algorithms`, issuer.algorithms, ALGORITHMS_RULE);
  }
}

function validateModelAccess(scope: IConstruct, props: JwtAuthorizerProps): void {
  if (props.modelAccess.length === 0) invalidProp(scope, 'modelAccess', props.modelAccess, 'at least one model rule');
  const seen = new Set<string>();
  for (const rule of props.modelAccess) {
    checkString(scope, 'modelAccess[].model', rule.model, MODEL_NAME, true);
    if (seen.has(rule.model)) invalidProp(scope, 'modelAccess[].model', rule.model, 'one rule per model');
    seen.add(rule.model);
    if ((rule.allowGroups ?? []).length === 0 && (rule.allowScopes ?? []).length === 0) {
      invalidProp(scope, `modelAccess[${rule.model}]`, 'no groups and no scopes', 'at least one group or scope that grants the model');
    }
    checkList(scope, `modelAccess[${rule.model}].allowGroups`, rule.allowGroups, GRANTS_RULE);
    checkList(scope, `modelAccess[${rule.model}].allowScopes`, rule.allowScopes, GRANTS_RULE);
    for (const condition of rule.conditions ?? []) validateCondition(scope, `modelAccess[${rule.model}].conditions[${condition.claim}]`, condition);
    validateVersionAccess(scope, rule);
  }
}

export function validateCondition(scope: IConstruct, where: string, condition: ClaimConditionOptions): void {
  checkString(scope, `${where}.claim`, condition.claim, CLAIM_NAME_RULE, true);
  checkList(scope, `${where}.values`, condition.values, CONDITION_VALUES_RULE);
  const single = condition.comparison === ClaimOperator.EQUALS || condition.comparison === ClaimOperator.AT_LEAST;
  if (single && condition.values.length !== 1) invalidProp(scope, `${where}.values`, condition.values, `exactly one value for ${condition.comparison}`);
  if (condition.comparison === ClaimOperator.AT_LEAST && !(condition.order ?? []).includes(condition.values[0])) {
    invalidProp(scope, `${where}.order`, condition.order, `an ordered list of levels that contains ${JSON.stringify(condition.values[0])}`);
  }
  if (condition.comparison !== ClaimOperator.AT_LEAST && condition.order !== undefined) {
    invalidProp(scope, `${where}.order`, condition.order, 'no order unless the operator is atLeast');
  }
  checkList(scope, `${where}.order`, condition.order, CONDITION_ORDER_RULE);
}

function validateRoutes(scope: IConstruct, props: JwtAuthorizerProps): void {
  if (props.routes === undefined) return;
  for (const [i, route] of props.routes.entries()) {
    const problem = methodProblem(route.method);
    if (problem !== undefined) invalidProp(scope, `routes[${i}].method`, route.method, problem);
    const pathProblem = routePathProblem(route.path);
    if (pathProblem !== undefined) invalidProp(scope, `routes[${i}].path`, route.path, pathProblem);
    checkString(scope, `routes[${i}].model`, route.model, MODEL_NAME);
  }
  const models = props.modelAccess.map((rule) => rule.model);
  const [first] = routeSetProblems(routeConfigs(props.routes), models);
  if (first === undefined) return;
  if (first.index < 0) invalidProp(scope, 'routes', props.routes.map(describeRoute), first.expected);
  const route = props.routes[first.index];
  if (first.field === 'model') invalidProp(scope, `routes[${first.index}].model`, route.model, first.expected);
  invalidProp(scope, `routes[${first.index}]`, describeRoute(route), first.expected);
}

/**
 * A method that uses the authorizer on a route the function does not know is
 * denied on every call; this finds such methods anywhere in the app at synth.
 */
export function unguardedMethods(scope: IConstruct, authorizer: apigateway.IAuthorizer, props: JwtAuthorizerProps): string[] {
  const routes = routeConfigs(props.routes);
  const models = props.modelAccess.map((rule) => rule.model);
  const errors: string[] = [];
  for (const construct of scope.node.root.node.findAll()) {
    if (!(construct instanceof apigateway.Method)) continue;
    const cfn = construct.node.defaultChild as apigateway.CfnMethod;
    if (cfn.authorizerId !== authorizer.authorizerId) continue;
    const verb = construct.httpMethod;
    const path = construct.resource.path;
    if (routes.some((r) => covers(r, verb, path, models))) continue;
    const given = props.routes === undefined
      ? `undefined (the default, ${DEFAULT_ROUTES.map((r) => r.route).join(' and ')})`
      : describeValue(props.routes.map(describeRoute));
    errors.push(`Invalid routes: got ${given}; expected a route for ${verb} ${path} (${construct.node.path}), which uses this authorizer: `
      + 'the function denies every call to a route it does not know.');
  }
  return errors;
}

function covers(route: RouteConfig, verb: string, path: string, models: readonly string[]): boolean {
  const slash = route.route.indexOf('/');
  const method = route.route.slice(0, slash);
  if (method !== verb && method !== ANY_METHOD) return false;
  const template = route.route.slice(slash);
  if (template === path) return true;
  return template.includes(MODEL_PLACEHOLDER) && models.some((m) => template.replace(MODEL_PLACEHOLDER, m) === path);
}

function describeRoute(route: AuthorizedRoute): string {
  return `${route.method} ${route.path}`;
}

function checkKeyUri(scope: IConstruct, prop: string, uri: string): void {
  if (Token.isUnresolved(uri)) return;
  checkString(scope, prop, uri, URI_RULE, true);
  const problem = keyUriProblem(uri, false);
  if (problem !== undefined) invalidProp(scope, prop, uri, problem);
}

function checkString(scope: IConstruct, prop: string, value: string | undefined, rule: StringRule, required = false): void {
  if ((value === undefined && !required) || Token.isUnresolved(value)) return;
  const problem = stringProblem(value, rule);
  if (problem !== undefined) invalidProp(scope, prop, value, problem);
}

function checkList(scope: IConstruct, prop: string, value: string[] | undefined, rule: StringListRule): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const problem = stringListProblem(value, rule);
  if (problem !== undefined) invalidProp(scope, prop, value, problem);
}
