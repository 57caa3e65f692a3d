import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

/** A throttle of one method of a stage. */
export interface MethodThrottle {
  /** Resource path, e.g. `/v1/models/chat/invoke`. */
  readonly resourcePath: string;
  /** HTTP method, e.g. `POST`. */
  readonly httpMethod: string;
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/**
 * Adds a method setting that throttles one method of the stage. A method's
 * own setting replaces the stage-wide `/*` one for that method, so it repeats
 * the stage-wide logging, metrics and caching choices; only the throttle differs.
 */
export function addMethodThrottle(stage: apigateway.Stage, throttle: MethodThrottle): void {
  const cfnStage = stage.node.defaultChild as apigateway.CfnStage;
  const current = (Stack.of(stage).resolve(cfnStage.methodSettings) ?? []) as apigateway.CfnStage.MethodSettingProperty[];
  const stageWide = current.find((s) => s.httpMethod === '*' && s.resourcePath === '/*');
  // API Gateway's form: `/v1/x` is written `/~1v1~1x`.
  const resourcePath = `/${throttle.resourcePath.replace(/\//g, '~1')}`;
  const others = current.filter((s) => !(s.httpMethod === throttle.httpMethod && s.resourcePath === resourcePath));
  cfnStage.methodSettings = [...others, {
    resourcePath,
    httpMethod: throttle.httpMethod,
    loggingLevel: stageWide?.loggingLevel,
    dataTraceEnabled: stageWide?.dataTraceEnabled,
    metricsEnabled: stageWide?.metricsEnabled,
    cachingEnabled: stageWide?.cachingEnabled,
    throttlingRateLimit: throttle.rateLimit,
    throttlingBurstLimit: throttle.burstLimit,
  }];
}
