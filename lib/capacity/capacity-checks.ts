import { Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { ACCOUNT_BURST_LIMIT, ACCOUNT_CONCURRENCY, ACCOUNT_RATE_LIMIT, DerivedCapacity, UNRESERVED_MINIMUM } from './model-capacity';
import { GatewayWarning } from '../gateway-warning';
import { invalidProp } from '../private/validation';
import { warnOptOut } from '../private/warnings';
import { UsageTierOptions } from '../traffic/usage-tier-options';

/** One model's derived capacity and the routes it throttles. */
export interface ModelCapacityPlan {
  readonly model: string;
  readonly derived: DerivedCapacity;
  /** Routes of the model throttled with the derived method limits. */
  readonly routes: number;
}

/** Reserved concurrency of every function under `scope` that has a number for it. */
export function reservedConcurrencyIn(scope: IConstruct): Array<{ path: string; reserved: number }> {
  return scope.node.findAll()
    .filter((c): c is lambda.CfnFunction => c instanceof lambda.CfnFunction)
    .map((fn) => ({ path: fn.node.path, reserved: Stack.of(fn).resolve(fn.reservedConcurrentExecutions) as unknown }))
    .filter((fn): fn is { path: string; reserved: number } => typeof fn.reserved === 'number' && !Token.isUnresolved(fn.reserved));
}

/**
 * Warns when the gateway needs more than a new account gives: Lambda keeps 100
 * of its 1,000 concurrent executions unreserved, and API Gateway admits
 * 10,000 requests/s with bursts of 5,000 per region. Quotas can be raised, so
 * these warn rather than fail.
 */
export function checkAccountDefaults(scope: IConstruct, plans: readonly ModelCapacityPlan[]): void {
  const functions = reservedConcurrencyIn(scope);
  const reserved = functions.reduce((sum, fn) => sum + fn.reserved, 0);
  const reservable = ACCOUNT_CONCURRENCY - UNRESERVED_MINIMUM;
  if (reserved > reservable) {
    const largest = [...functions].sort((a, b) => b.reserved - a.reserved).slice(0, 3).map((fn) => `${fn.path} ${fn.reserved}`).join(', ');
    warnOptOut(scope, GatewayWarning.CAPACITY_ABOVE_ACCOUNT_DEFAULTS,
      `The gateway's functions reserve ${reserved} concurrent executions (largest: ${largest}); an account with Lambda's default quota of `
      + `${ACCOUNT_CONCURRENCY} can reserve ${reservable}, so the deployment fails there. Request a higher concurrency quota, or lower the models' capacity.`);
  }
  const rate = plans.reduce((sum, plan) => sum + plan.derived.methodRateLimit * plan.routes, 0);
  const burst = plans.reduce((sum, plan) => sum + plan.derived.methodBurstLimit * plan.routes, 0);
  if (rate > ACCOUNT_RATE_LIMIT || burst > ACCOUNT_BURST_LIMIT) {
    warnOptOut(scope, GatewayWarning.CAPACITY_ABOVE_ACCOUNT_DEFAULTS,
      `The models' routes admit ${rate} requests/s with bursts of ${burst} together; API Gateway's default account quota is `
      + `${ACCOUNT_RATE_LIMIT} requests/s with bursts of ${ACCOUNT_BURST_LIMIT} per region, shared by every API of the account. Request a higher quota.`);
  }
}

/** Warns when a model's typical generation outlasts its buffered invoke route. */
export function checkGenerationFitsTimeout(scope: IConstruct, plan: ModelCapacityPlan, invokeTimeoutSeconds: number): void {
  if (Token.isUnresolved(invokeTimeoutSeconds) || plan.derived.generationSeconds <= invokeTimeoutSeconds) return;
  warnOptOut(scope, GatewayWarning.GENERATION_EXCEEDS_INVOKE_TIMEOUT,
    `Model ${plan.model} is sized for ${plan.derived.generationSeconds} s generations, longer than its invoke proxy's ${invokeTimeoutSeconds} s timeout `
    + '(API Gateway gives up at 29 s): typical calls to POST /invoke would answer 504. Stream long generations through the chat completions route.');
}

/**
 * A tier cannot promise a key more than the model's route admits. An explicit
 * model throttle above it is a mistake and fails; a tier-wide limit above it
 * (the tier covers bigger models too) warns.
 */
export function checkTiersWithinCapacity(scope: IConstruct, tiers: readonly UsageTierOptions[], plans: readonly ModelCapacityPlan[]): void {
  for (const tier of tiers) {
    const over: string[] = [];
    for (const plan of plans) {
      const own = tier.modelThrottles?.find((t) => t.model === plan.model);
      const { usagePlanRateCeiling: rateCeiling, usagePlanBurstCeiling: burstCeiling } = plan.derived;
      if (own && !Token.isUnresolved(own.rateLimit) && own.rateLimit > rateCeiling) {
        invalidProp(scope, `usageTiers[${tier.name}].modelThrottles[${plan.model}].rateLimit`, own.rateLimit,
          `at most ${rateCeiling}, the rate model ${plan.model}'s capacity admits (raise models[${plan.model}].capacity instead)`);
      }
      if (own && !Token.isUnresolved(own.burstLimit) && own.burstLimit > burstCeiling) {
        invalidProp(scope, `usageTiers[${tier.name}].modelThrottles[${plan.model}].burstLimit`, own.burstLimit,
          `at most ${burstCeiling}, the burst model ${plan.model}'s capacity admits (raise models[${plan.model}].capacity instead)`);
      }
      const rate = own?.rateLimit ?? tier.rateLimit;
      const burst = own?.burstLimit ?? tier.burstLimit;
      if (!own && ((!Token.isUnresolved(rate) && rate > rateCeiling) || (!Token.isUnresolved(burst) && burst > burstCeiling))) {
        over.push(`${plan.model} (${rateCeiling} requests/s, burst ${burstCeiling})`);
      }
    }
    if (over.length > 0) {
      warnOptOut(scope, GatewayWarning.TIER_ABOVE_MODEL_CAPACITY,
        `Tier ${tier.name} allows a key ${tier.rateLimit} requests/s with bursts of ${tier.burstLimit}, more than the capacity of ${over.join(', ')}: `
        + 'API Gateway answers 429 before the tier\'s limit. Give the tier modelThrottles within the capacity, or raise the models\' capacity.');
    }
  }
}
