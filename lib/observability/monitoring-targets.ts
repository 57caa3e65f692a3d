import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureRestApi } from '../api/secure-rest-api';
import { AiWebAcl } from '../edge/ai-web-acl';
import { WafAutoBlock } from '../edge/waf-auto-block';
import { JwtAuthorizer } from '../identity/jwt-authorizer';

/** A Lambda function whose errors, throttles and duration are watched. */
export interface MonitoredFunctionOptions {
  /** Name in alarm descriptions and on the dashboard: 1-64 characters of `[A-Za-z0-9/_-]`. */
  readonly label: string;
  /** The function. */
  readonly function: lambda.IFunction;
  /**
   * The function's timeout: the duration alarm is a share of it.
   * @default - the timeout of a `lambda.Function` (3 seconds when it sets none); required for other functions
   */
  readonly timeout?: Duration;
}

/** A SageMaker real-time endpoint variant whose errors and latency are watched. */
export interface SageMakerEndpointOptions {
  /**
   * The production variant: SageMaker publishes endpoint metrics per variant.
   * @default 'AllTraffic'
   */
  readonly variantName?: string;
}

/** What a gateway's alarms and dashboard watch. */
export interface GatewayMonitoringTargets {
  /** The REST API and its stage. */
  readonly api: SecureRestApi;
  /**
   * The web ACL in front of the stage.
   * @default - no WAF alarms or widgets
   */
  readonly webAcl?: AiWebAcl;
  /**
   * The JWT authorizer of the routes.
   * @default - no authorizer alarms or widgets
   */
  readonly authorizer?: JwtAuthorizer;
  /**
   * The automatic blocking of abusive addresses.
   * @default - no auto-block alarms or widgets
   */
  readonly autoBlock?: WafAutoBlock;
  /**
   * Functions to watch besides those added with `addFunction` or `addFunctionsIn`.
   * @default - none
   */
  readonly functions?: MonitoredFunctionOptions[];
  /**
   * Names of SageMaker endpoints (variant `AllTraffic`) behind the models.
   * Others can be added with `addSageMakerEndpoint`.
   * @default - none
   */
  readonly sageMakerEndpointNames?: string[];
  /**
   * Whether to watch the metrics the model proxy emits (injection flags and
   * PII findings, namespace `SecureAiGateway`). Until a proxy emits them,
   * their alarms stay OK.
   * @default true
   */
  readonly modelProxyMetrics?: boolean;
}
