import { Annotations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { IConstruct } from 'constructs';
import { apiInventory, ApiInventory, describeMethod, describeStage, MethodEntry, StageEntry } from './api-inventory';
import { exemptionsOf, recordExemption } from './exemptions';
import { methodAuthorization, methodRequestValidator } from './method-rules';
import { ShadowApiExemption, ShadowApiFinding } from './shadow-api-finding';
import { RuleStatus, ShadowApiRule } from './shadow-api-rule';
import { METHOD_RULES, RULE_FAILURE, STAGE_RULES } from './shadow-api-rule-sets';
import { stageAccessLogging, stageThrottling, stageWebAcl } from './stage-rules';
import { invalidProp } from '../private/validation';
import { GatewayWarning } from '../gateway-warning';

const GUARD = Symbol.for('secure-ai-gateway.ShadowApiGuard');
const MIN_REASON_LENGTH = 20;

type GuardedScope = IConstruct & { [GUARD]?: ShadowApiGuard };

/**
 * A synth-time check that no API Gateway REST API in a scope is a shadow
 * API: every method other than OPTIONS is authorized and validated, and
 * every stage writes access logs, throttles by default and sits behind a WAF
 * web ACL. It covers every RestApi in the scope, the user's as well as ours,
 * SpecRestApis and imported APIs, as far as their methods and stages are in
 * the construct tree. Synthesis fails with one error per offending method
 * or stage.
 *
 * Exemptions are explicit, per method or stage and per rule, carry a
 * reason, add a warning and appear in the API catalog.
 *
 * @example
 * ShadowApiGuard.of(app);
 * ShadowApiGuard.exempt(healthMethod, 'Static health answer for the load balancer; reads and returns no data.');
 */
export class ShadowApiGuard {
  /**
   * The guard of a scope (an app, a stage or a stack), added on first use.
   * Its check runs when the app is synthesized.
   */
  public static of(scope: IConstruct): ShadowApiGuard {
    const guarded = scope as GuardedScope;
    const existing = guarded[GUARD];
    if (existing) return existing;
    const guard = new ShadowApiGuard(scope);
    Object.defineProperty(scope, GUARD, { value: guard, enumerable: false });
    scope.node.addValidation({ validate: () => guard.validate() });
    return guard;
  }

  /** Whether a guard covers the construct: one on it or on a scope above it. */
  public static isGuarded(construct: IConstruct): boolean {
    return construct.node.scopes.some((scope) => (scope as GuardedScope)[GUARD] !== undefined);
  }

  /**
   * Exempts a method from method rules, with a reason that says why it needs
   * no such protection. Adds a warning on the method.
   * @param rules the rules to exempt it from; default: every method rule
   */
  public static exempt(method: apigateway.Method, reason: string, rules?: ShadowApiRule[]): void {
    const exempted = checkedRules(method, rules ?? [...METHOD_RULES], METHOD_RULES, 'method');
    exemptWith(method, reason, exempted);
  }

  /**
   * Exempts a stage from stage rules, e.g. from the web ACL rule when it sits
   * behind another WAF-protected entry point. Adds a warning on the stage.
   * @param rules the rules to exempt it from; default: every stage rule
   */
  public static exemptStage(stage: apigateway.Stage, reason: string, rules?: ShadowApiRule[]): void {
    const exempted = checkedRules(stage, rules ?? [...STAGE_RULES], STAGE_RULES, 'stage');
    exemptWith(stage, reason, exempted);
  }

  /** Every exemption of a method or stage in the scope. */
  public static exemptionsIn(scope: IConstruct): ShadowApiExemption[] {
    const inventory = apiInventory(scope);
    const entries: Array<[MethodEntry | StageEntry, string]> = [
      ...inventory.methods.map((m): [MethodEntry, string] => [m, describeMethod(m)]),
      ...inventory.stages.map((s): [StageEntry, string] => [s, describeStage(s)]),
    ];
    return entries.flatMap(([entry, description]) => exemptionsOf(entry.cfn).map((exemption) => ({
      constructPath: entry.cfn.node.path,
      description,
      restApi: entry.restApi,
      rules: exemption.rules,
      reason: exemption.reason,
    })));
  }

  /** The scope the guard checks. */
  public readonly scope: IConstruct;

  private constructor(scope: IConstruct) {
    this.scope = scope;
  }

  /** The methods and stages in the scope that fail a rule they are not exempted from. */
  public findings(): ShadowApiFinding[] {
    const inventory = apiInventory(this.scope);
    const methods = inventory.methods.map((entry) => finding(entry, describeMethod(entry), methodVerdicts(entry, inventory)));
    const stages = inventory.stages.map((entry) => finding(entry, describeStage(entry), stageVerdicts(entry, inventory)));
    return [...methods, ...stages].filter((f) => f.rules.length > 0);
  }

  private validate(): string[] {
    // A guard further up reports the same resources; one report is enough.
    const above = this.scope.node.scopes.slice(0, -1);
    if (above.some((scope) => (scope as GuardedScope)[GUARD] !== undefined)) return [];
    return this.findings().map(errorMessage);
  }
}

function methodVerdicts(entry: MethodEntry, inventory: ApiInventory): Map<ShadowApiRule, RuleStatus> {
  return new Map([
    [ShadowApiRule.METHOD_AUTHORIZATION, methodAuthorization(entry.cfn)],
    [ShadowApiRule.METHOD_REQUEST_VALIDATOR, methodRequestValidator(entry.cfn, inventory.validators)],
  ]);
}

function stageVerdicts(entry: StageEntry, inventory: ApiInventory): Map<ShadowApiRule, RuleStatus> {
  return new Map([
    [ShadowApiRule.STAGE_ACCESS_LOGGING, stageAccessLogging(entry.cfn)],
    [ShadowApiRule.STAGE_THROTTLING, stageThrottling(entry.cfn)],
    [ShadowApiRule.STAGE_WEB_ACL, stageWebAcl(entry.cfn, inventory.associations)],
  ]);
}

function finding(entry: MethodEntry | StageEntry, description: string, verdicts: Map<ShadowApiRule, RuleStatus>): ShadowApiFinding {
  const exempted = new Set(exemptionsOf(entry.cfn).flatMap((e) => e.rules));
  const rules = [...verdicts].filter(([rule, status]) => status === RuleStatus.NON_COMPLIANT && !exempted.has(rule)).map(([rule]) => rule);
  return { constructPath: entry.cfn.node.path, description, restApi: entry.restApi, rules };
}

function errorMessage(f: ShadowApiFinding): string {
  const isMethod = f.rules.every((rule) => METHOD_RULES.includes(rule));
  const remedy = isMethod ? 'protect the method or exempt it with ShadowApiGuard.exempt(method, reason)'
    : 'protect the stage or exempt it with ShadowApiGuard.exemptStage(stage, reason, rules)';
  const failures = f.rules.map((r) => `${RULE_FAILURE[r]} [${r}]`).join(', ');
  return `ShadowApiGuard: ${f.description} of REST API ${f.restApi} (${f.constructPath}) has ${failures}; ${remedy}.`;
}

function checkedRules(scope: IConstruct, rules: ShadowApiRule[], allowed: readonly ShadowApiRule[], kind: string): ShadowApiRule[] {
  if (rules.length === 0) invalidProp(scope, 'rules', rules, `at least one ${kind} rule`);
  for (const rule of rules) {
    if (!allowed.includes(rule)) invalidProp(scope, 'rules', rule, `${kind} rules only: ${allowed.join(', ')}`);
  }
  return [...new Set(rules)];
}

function exemptWith(scope: IConstruct, reason: string, rules: ShadowApiRule[]): void {
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    invalidProp(scope, 'reason', reason, `at least ${MIN_REASON_LENGTH} characters that say why no such protection is needed`);
  }
  recordExemption(scope, { rules, reason: reason.trim() });
  Annotations.of(scope).addWarningV2(GatewayWarning.SHADOW_API_EXEMPTED,
    `Exempt from ShadowApiGuard rules ${rules.join(', ')}: ${reason.trim()}`);
}
