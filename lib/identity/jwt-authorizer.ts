import { Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AUTHORIZER_CONFIG_ENV } from '../contracts/authorizer';
import { ClaimConditionOptions, IssuerKind, JwtAuthorizerProps, TokenUse } from './jwt-authorizer-props';
import { routeConfigs, unguardedMethods, validateJwtAuthorizerProps } from './jwt-authorizer-validation';
import { EncryptedLogGroup } from '../observability/encrypted-log-group';
import { LogMetricName } from '../contracts/metric-names';
import { logMetric } from '../private/log-metric';
import { SecureFunction } from '../private/secure-function';

/**
 * A Lambda REQUEST authorizer that verifies JWTs from several issuers and
 * decides per model with RBAC (groups, scopes) and ABAC (claim conditions).
 * Attach `authorizer` to methods of any RestApi and list those methods in
 * `routes`; synth fails for a method that uses it on a route it does not know.
 */
export class JwtAuthorizer extends Construct {
  /** The authorizer to set on methods. */
  public readonly authorizer: apigateway.RequestAuthorizer;
  /** The function that decides. */
  public readonly function: lambda.Function;
  /** The encrypted log group of the function: its audit lines, one per decision. */
  public readonly logGroup: EncryptedLogGroup;

  private readonly handler: SecureFunction;

  public constructor(scope: Construct, id: string, props: JwtAuthorizerProps) {
    super(scope, id);
    validateJwtAuthorizerProps(this, props);
    const ttl = props.resultsCacheTtl ?? Duration.minutes(5);

    this.handler = new SecureFunction(this, 'Function', {
      assetName: 'authorizer',
      description: 'Verifies JWTs and decides which models the caller may invoke',
      environment: { [AUTHORIZER_CONFIG_ENV]: this.configJson(props) },
      timeout: Duration.seconds(5),
      memorySize: props.memorySize ?? 512,
      reservedConcurrentExecutions: props.reservedConcurrency ?? 100,
      logRetention: props.logRetention,
    });
    this.function = this.handler.function;
    this.logGroup = this.handler.logGroup;
    this.handler.acknowledgeOutsideVpc('The authorizer fetches signing keys from the token issuers (Cognito and external OIDC providers) over HTTPS '
      + 'on the internet; it reads no data store and calls no private resource.');
    this.handler.acknowledgeSynchronousOnly('API Gateway');

    this.authorizer = new apigateway.RequestAuthorizer(this, 'Resource', {
      handler: this.function,
      identitySources: [apigateway.IdentitySource.header('Authorization')],
      resultsCacheTtl: ttl,
    });
    const authorizer = this.authorizer;
    this.node.addValidation({ validate: () => unguardedMethods(this, authorizer, props) });
  }

  /**
   * Decisions the function made, summed over 5 minutes. API Gateway answers
   * from its cache without calling the function, so these count cache misses.
   * Like the other decision metrics, a metric filter on the function's audit
   * lines (created on first call) derives it.
   */
  public metricDecisions(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.decisionMetric(LogMetricName.AUTHORIZER_DECISIONS, logs.FilterPattern.exists('$.decision'), props);
  }

  /** Deny decisions (a valid token without access to the model), summed over 5 minutes. */
  public metricDenials(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.decisionMetric(LogMetricName.AUTHORIZER_DENIALS, logs.FilterPattern.stringValue('$.decision', '=', 'Deny'), props);
  }

  /** Unauthorized decisions (no, a malformed or an invalid token), summed over 5 minutes. */
  public metricUnauthorized(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.decisionMetric(LogMetricName.AUTHORIZER_UNAUTHORIZED, logs.FilterPattern.stringValue('$.decision', '=', 'Unauthorized'), props);
  }

  private decisionMetric(metricName: LogMetricName, filterPattern: logs.IFilterPattern, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return logMetric(this, this.handler.logGroup.logGroup, { metricName, filterPattern }, props);
  }

  /** The JSON config the handler reads; ids of pools and clients stay tokens until deployment. */
  private configJson(props: JwtAuthorizerProps): string {
    const issuers = props.issuers.map((issuer) => ({
      issuer: issuer.issuer,
      jwksUri: issuer.jwksUri,
      kind: issuer.kind,
      audience: issuer.skipAudienceCheck ? null : issuer.audience,
      tokenUse: issuer.kind === IssuerKind.COGNITO ? issuer.tokenUse ?? TokenUse.ACCESS : undefined,
      groupsClaim: issuer.groupsClaim,
      algorithms: issuer.algorithms,
    }));
    const models = props.modelAccess.map((rule) => ({
      model: rule.model,
      allowGroups: rule.allowGroups,
      allowScopes: rule.allowScopes,
      conditions: rule.conditions?.map(conditionConfig),
      versionAccess: rule.versionAccess?.map((grant) => ({
        versions: grant.versions, allowGroups: grant.allowGroups, allowScopes: grant.allowScopes, conditions: grant.conditions?.map(conditionConfig),
      })),
    }));
    return Stack.of(this).toJsonString({
      issuers,
      models,
      routes: routeConfigs(props.routes),
      tenantClaim: props.tenantClaim,
      tierClaim: props.tierClaim,
      usageIdentifierClaim: props.usageIdentifierClaim,
    });
  }
}

function conditionConfig(c: ClaimConditionOptions) {
  return { claim: c.claim, operator: c.comparison, values: c.values, order: c.order };
}
