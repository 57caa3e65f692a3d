import { Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { IConstruct } from 'constructs';
import { ModelMethod, UsageQuota, UsageTierOptions } from './usage-tier-options';
import { invalidProp, validatePathSafeNames, validateRange } from '../private/validation';

/** API Gateway's account-level default throttle; a usage plan cannot usefully exceed it. */
export const MAX_TIER_RATE_LIMIT = 10_000;
export const MAX_TIER_BURST_LIMIT = 5_000;
const MAX_QUOTA_LIMIT = 2_147_483_647;
/** The largest quota offset API Gateway takes per period (the period's length minus one). */
const MAX_QUOTA_OFFSET: Readonly<Record<apigateway.Period, number>> = {
  [apigateway.Period.DAY]: 0,
  [apigateway.Period.WEEK]: 6,
  [apigateway.Period.MONTH]: 27,
};

export function validateModels(scope: IConstruct, stage: apigateway.Stage, models: ModelMethod[]): void {
  if (!Array.isArray(models) || models.length === 0) invalidProp(scope, 'models', models, 'at least one model route');
  validatePathSafeNames(scope, 'models[].model', models.map((m) => m.model));
  for (const { model, method, chatMethod } of models) {
    for (const [prop, given] of [['method', method], ['chatMethod', chatMethod]] as const) {
      if (given !== undefined && given.api !== stage.restApi) {
        invalidProp(scope, `models[${model}].${prop}`, given.node.path, `a method of the stage's REST API ${stage.restApi.node.path}`);
      }
    }
  }
}

/** Tokens are checked by CloudFormation, not here. */
function exceeds(value: number, ceiling: number): boolean {
  return !Token.isUnresolved(value) && !Token.isUnresolved(ceiling) && value > ceiling;
}

function validateThrottle(scope: IConstruct, prop: string, rateLimit: number, burstLimit: number): void {
  validateRange(scope, `${prop}.rateLimit`, rateLimit, { min: Number.MIN_VALUE, max: MAX_TIER_RATE_LIMIT, integer: false });
  validateRange(scope, `${prop}.burstLimit`, burstLimit, { min: 1, max: MAX_TIER_BURST_LIMIT });
}

function validateQuota(scope: IConstruct, prop: string, quota: UsageQuota): void {
  validateRange(scope, `${prop}.limit`, quota.limit, { min: 1, max: MAX_QUOTA_LIMIT });
  if (!Object.values(apigateway.Period).includes(quota.period)) {
    invalidProp(scope, `${prop}.period`, quota.period, `one of ${Object.values(apigateway.Period).join(', ')}`);
  }
  validateRange(scope, `${prop}.offset`, quota.offset, { min: 0, max: MAX_QUOTA_OFFSET[quota.period] });
}

/**
 * Checks every tier against the models. A per-model throttle may only lower
 * the tier's own limits, so a tier's rate and burst are ceilings for every
 * model in it and tiers stay comparable.
 */
export function validateTiers(scope: IConstruct, tiers: UsageTierOptions[], modelNames: string[]): void {
  if (!Array.isArray(tiers) || tiers.length === 0) invalidProp(scope, 'tiers', tiers, 'at least one tier');
  validatePathSafeNames(scope, 'tiers[].name', tiers.map((tier) => tier.name));
  for (const tier of tiers) {
    const prop = `tiers[${tier.name}]`;
    validateThrottle(scope, prop, tier.rateLimit, tier.burstLimit);
    if (tier.quota !== undefined) validateQuota(scope, `${prop}.quota`, tier.quota);
    const throttled = new Set<string>();
    for (const throttle of tier.modelThrottles ?? []) {
      const throttleProp = `${prop}.modelThrottles[${throttle.model}]`;
      if (!modelNames.includes(throttle.model)) {
        invalidProp(scope, `${prop}.modelThrottles[].model`, throttle.model, `one of the models ${modelNames.join(', ')}`);
      }
      if (throttled.has(throttle.model)) invalidProp(scope, `${prop}.modelThrottles[].model`, throttle.model, 'one throttle per model');
      throttled.add(throttle.model);
      validateThrottle(scope, throttleProp, throttle.rateLimit, throttle.burstLimit);
      if (exceeds(throttle.rateLimit, tier.rateLimit)) {
        invalidProp(scope, `${throttleProp}.rateLimit`, throttle.rateLimit, `at most the tier's rateLimit ${tier.rateLimit}`);
      }
      if (exceeds(throttle.burstLimit, tier.burstLimit)) {
        invalidProp(scope, `${throttleProp}.burstLimit`, throttle.burstLimit, `at most the tier's burstLimit ${tier.burstLimit}`);
      }
    }
  }
}
