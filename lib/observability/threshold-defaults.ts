import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AlarmSeverity, GatewayAlarmKind, GatewayAlarmThresholds, GatewayAlarmThresholdsBySeverity } from './alarm-thresholds';
import { CONCURRENCY_WARNING_PERCENT } from '../capacity/model-capacity';
import { invalidProp } from '../private/validation';

type ThresholdField = Exclude<keyof GatewayAlarmThresholds, 'disable'>;

interface ThresholdSpec {
  readonly field: ThresholdField;
  readonly warning?: number;
  readonly critical?: number;
  /** Largest sensible value (percentages). */
  readonly max?: number;
}

/** The one place the defaults live; the docs of {@link GatewayAlarmThresholds} repeat them. */
export const THRESHOLD_SPECS: Readonly<Record<GatewayAlarmKind, ThresholdSpec>> = Object.freeze({
  [GatewayAlarmKind.SERVER_ERROR_RATE]: { field: 'serverErrorRatePercent', warning: 1, critical: 5, max: 100 },
  [GatewayAlarmKind.CLIENT_ERROR_RATE]: { field: 'clientErrorRatePercent', warning: 10, max: 100 },
  [GatewayAlarmKind.LATENCY]: { field: 'latencyP99Ms', warning: 10_000, critical: 25_000 },
  [GatewayAlarmKind.INTEGRATION_LATENCY]: { field: 'integrationLatencyP99Ms', warning: 8_000 },
  [GatewayAlarmKind.THROTTLED_REQUESTS]: { field: 'throttledRequests', warning: 20, critical: 500 },
  [GatewayAlarmKind.REQUEST_ANOMALY]: { field: 'requestAnomalyStdDevs', warning: 3, max: 10 },
  [GatewayAlarmKind.WAF_BLOCKED_REQUESTS]: { field: 'wafBlockedRequests', warning: 500 },
  [GatewayAlarmKind.WAF_BLOCKED_RATE]: { field: 'wafBlockedRatePercent', warning: 10, critical: 50, max: 100 },
  [GatewayAlarmKind.AUTHORIZER_DENIAL_RATE]: { field: 'authorizerDenialRatePercent', warning: 10, critical: 50, max: 100 },
  [GatewayAlarmKind.AUTO_BLOCK_DEAD_LETTERS]: { field: 'autoBlockDeadLetters', warning: 1 },
  [GatewayAlarmKind.INJECTION_FLAG_RATE]: { field: 'injectionFlagRatePercent', warning: 5, critical: 20, max: 100 },
  [GatewayAlarmKind.PII_FINDINGS_RATE]: { field: 'piiFindingsPer100Requests', warning: 100 },
  [GatewayAlarmKind.FUNCTION_ERRORS]: { field: 'functionErrors', warning: 1, critical: 10 },
  [GatewayAlarmKind.FUNCTION_THROTTLES]: { field: 'functionThrottles', warning: 1, critical: 20 },
  [GatewayAlarmKind.FUNCTION_DURATION]: { field: 'functionDurationPercentOfTimeout', warning: 60, critical: 90, max: 100 },
  [GatewayAlarmKind.FUNCTION_CONCURRENCY]: { field: 'functionConcurrencyPercentOfReserved', warning: CONCURRENCY_WARNING_PERCENT, max: 100 },
  [GatewayAlarmKind.MODEL_SERVER_ERRORS]: { field: 'modelServerErrors', warning: 1, critical: 10 },
  [GatewayAlarmKind.MODEL_LATENCY]: { field: 'modelLatencyP99Ms', warning: 10_000, critical: 25_000 },
  [GatewayAlarmKind.FALLBACK_SERVED]: { field: 'fallbackServed', warning: 1 },
  [GatewayAlarmKind.VERSION_ERROR_RATE]: { field: 'versionErrorRatePercent', warning: 5, critical: 20, max: 100 },
  [GatewayAlarmKind.VERSION_LATENCY]: { field: 'versionLatencyP99Ms', warning: 20_000 },
  [GatewayAlarmKind.SPEND_RATE]: { field: 'spendUsdPerHour', warning: 10 },
});

export const SEVERITIES: readonly AlarmSeverity[] = [AlarmSeverity.WARNING, AlarmSeverity.CRITICAL];

/** The threshold of one alarm at one severity, or undefined when that alarm is off. */
export function resolveThreshold(kind: GatewayAlarmKind, severity: AlarmSeverity, given: GatewayAlarmThresholdsBySeverity): number | undefined {
  const thresholds = severity === AlarmSeverity.WARNING ? given.warning : given.critical;
  if (thresholds?.disable?.includes(kind)) return undefined;
  const spec = THRESHOLD_SPECS[kind];
  return thresholds?.[spec.field] ?? (severity === AlarmSeverity.WARNING ? spec.warning : spec.critical);
}

/** Checks every threshold given, and that no critical threshold is below its warning. */
export function validateThresholds(scope: IConstruct, given: GatewayAlarmThresholdsBySeverity): void {
  for (const severity of SEVERITIES) {
    const thresholds = severity === AlarmSeverity.WARNING ? given.warning : given.critical;
    const where = `thresholds.${severity.toLowerCase()}`;
    for (const kind of thresholds?.disable ?? []) {
      if (!Object.values(GatewayAlarmKind).includes(kind)) {
        invalidProp(scope, `${where}.disable`, kind, `alarm kinds: ${Object.values(GatewayAlarmKind).join(', ')}`);
      }
    }
    for (const spec of Object.values(THRESHOLD_SPECS)) {
      const value = thresholds?.[spec.field];
      // At or above 0 would always fire, so 0 is refused too.
      if (value !== undefined && !Token.isUnresolved(value) && !(Number.isFinite(value) && value > 0 && value <= (spec.max ?? Number.MAX_SAFE_INTEGER))) {
        invalidProp(scope, `${where}.${spec.field}`, value, spec.max === undefined ? 'a number above 0' : `a number above 0 and at most ${spec.max}`);
      }
    }
  }
  for (const [kind, spec] of Object.entries(THRESHOLD_SPECS) as Array<[GatewayAlarmKind, ThresholdSpec]>) {
    const warning = resolveThreshold(kind, AlarmSeverity.WARNING, given);
    const critical = resolveThreshold(kind, AlarmSeverity.CRITICAL, given);
    if (warning !== undefined && critical !== undefined && critical < warning) {
      invalidProp(scope, `thresholds.critical.${spec.field}`, critical,
        `at least the warning threshold (${warning}): a critical alarm fires later than its warning`);
    }
  }
}
