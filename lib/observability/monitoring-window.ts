import { Duration } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalidProp, validateRange } from '../private/validation';

/** The alarm and graph defaults, set once for both constructs. */
export const DEFAULT_PERIOD = Duration.minutes(5);
export const DEFAULT_MINIMUM_REQUESTS = 20;
export const DEFAULT_EVALUATION_PERIODS = 3;
export const DEFAULT_DATAPOINTS_TO_ALARM = 2;

/** CloudWatch evaluates standard-resolution alarms over at most one day. */
const MAX_EVALUATION_SECONDS = 86_400;

export interface MonitoringWindow {
  readonly period: Duration;
  readonly minimumRequests: number;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
}

/** Checks the period and evaluation settings shared by every alarm and graph. */
export function validateMonitoringWindow(scope: IConstruct, window: MonitoringWindow): void {
  const seconds = window.period.isUnresolved() ? undefined : window.period.toSeconds();
  if (seconds !== undefined && (seconds < 60 || seconds % 60 !== 0)) {
    invalidProp(scope, 'period', `${seconds} seconds`, 'a whole number of minutes (standard-resolution metrics)');
  }
  validateRange(scope, 'minimumRequests', window.minimumRequests, { min: 1, max: 1_000_000 });
  validateRange(scope, 'evaluationPeriods', window.evaluationPeriods, { min: 1, max: 100 });
  validateRange(scope, 'datapointsToAlarm', window.datapointsToAlarm, { min: 1, max: 100 });
  if (window.evaluationPeriods !== undefined && window.datapointsToAlarm !== undefined && window.datapointsToAlarm > window.evaluationPeriods) {
    invalidProp(scope, 'datapointsToAlarm', window.datapointsToAlarm, `at most evaluationPeriods (${window.evaluationPeriods})`);
  }
  if (seconds !== undefined && window.evaluationPeriods !== undefined && seconds * window.evaluationPeriods > MAX_EVALUATION_SECONDS) {
    const most = Math.floor(MAX_EVALUATION_SECONDS / seconds);
    invalidProp(scope, 'evaluationPeriods', window.evaluationPeriods, `at most ${most} periods of ${seconds} seconds (one day)`);
  }
}
