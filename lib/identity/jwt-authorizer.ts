import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { MODEL_ROUTE_TEMPLATE } from '../api/routes';
import { EncryptedLogGroup } from '../observability/encrypted-log-group';
import { LogMetricName } from '../observability/metric-names';
import { logMetric } from '../private/log-metric';
import { SecureFunction } from '../private/secure-function';
import { invalidProp, validateRange } from '../private/validation';
import { WarningId, warnOptOut } from '../private/warnings';

/** Who issues a token. */
export enum IssuerKind {
  /** A Cognito user pool: `token_use` and `client_id` are checked. */
  COGNITO = 'cognito',
  /** Any OpenID Connect issuer (Okta, Auth0, Entra ID, ...): `aud` is checked. */
  OIDC = 'oidc',
}

/** Which Cognito token the authorizer accepts. */
export enum TokenUse {
  /** Access tokens, which carry scopes: the right choice for APIs. */
  ACCESS = 'access',
  /** ID tokens. */
  ID = 'id',
}

/** How an ABAC condition compares a claim. */
export enum ClaimOperator {
  /** The claim equals the single value. */
  EQUALS = 'equals',
  /** The claim is one of the values. */
  IN = 'in',
  /** The claim is present and none of the values. */
  NOT_IN = 'notIn',
  /** The claim is at or above the single value in `order`. */
  AT_LEAST = 'atLeast',
}

/** A trusted token issuer. */
export interface JwtIssuerProps {
  /** The exact `iss` of its tokens (https). */
  readonly issuer: string;
  /** Kind of issuer. */
  readonly kind: IssuerKind;
  /**
   * Accepted audiences: Cognito app client ids, or `aud` values of an OIDC issuer.
   * Required unless `skipAudienceCheck` is set.
   * @default - none
   */
  readonly audience?: string[];
  /**
   * Accept tokens of any audience from this issuer (a warning is added). Only
   * for issuers that mint tokens for this API alone.
   * @default false
   */
  readonly skipAudienceCheck?: boolean;
  /** @default - `${issuer}/.well-known/jwks.json` */
  readonly jwksUri?: string;
  /** Cognito only. @default TokenUse.ACCESS */
  readonly tokenUse?: TokenUse;
  /** Claim with the caller's groups. @default 'cognito:groups' (Cognito) or 'groups' (OIDC) */
  readonly groupsClaim?: string;
  /** Accepted signature algorithms; never `none` or HMAC. @default ['RS256'] */
  readonly algorithms?: string[];
}

/** An ABAC condition on a claim. */
export interface ClaimConditionProps {
  /** Claim name, e.g. `custom:tenant`. */
  readonly claim: string;
  /** How the claim is compared with the values. */
  readonly comparison: ClaimOperator;
  /** Values to compare with; exactly one for EQUALS and AT_LEAST. */
  readonly values: string[];
  /** For AT_LEAST: the levels from lowest to highest, e.g. ['free', 'pro', 'enterprise']. @default - none */
  readonly order?: string[];
}

/** Who may invoke a model: any listed group or scope, and every condition. */
export interface ModelAccessProps {
  readonly model: string;
  /** RBAC: members of any of these groups. @default - none */
  readonly allowGroups?: string[];
  /** RBAC: holders of any of these scopes. @default - none */
  readonly allowScopes?: string[];
  /** ABAC: conditions that must all hold as well. @default - none */
  readonly conditions?: ClaimConditionProps[];
}

/** Properties of a {@link JwtAuthorizer}. */
export interface JwtAuthorizerProps {
  /** The issuers whose tokens are accepted. At least one. */
  readonly issuers: JwtIssuerProps[];
  /** Access rules, one per model route of the API. A model without a rule is denied to everyone. */
  readonly modelAccess: ModelAccessProps[];
  /** Claim passed to the integration as `context.tenant`. @default - none */
  readonly tenantClaim?: string;
  /** Claim passed to the integration as `context.tier`. @default - none */
  readonly tierClaim?: string;
  /** Claim returned as the usage-plan API key (key source AUTHORIZER). @default - none */
  readonly usageIdentifierClaim?: string;
  /** How long API Gateway caches a decision per Authorization header, at most 1 hour. @default Duration.minutes(5) */
  readonly resultsCacheTtl?: Duration;
  /** Reserved concurrency of the function. @default 100 */
  readonly reservedConcurrency?: number;
  /** Memory of the function in MB. @default 512 */
  readonly memorySize?: number;
  /** Retention of the function's logs. @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
}

const MAX_CACHE_TTL_SECONDS = 3600;
const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** The environment variable the handler reads its JSON config from. */
export const AUTHORIZER_CONFIG_ENV = 'AUTHORIZER_CONFIG';

/**
 * A Lambda REQUEST authorizer that verifies JWTs from several issuers and
 * decides per model with RBAC (groups, scopes) and ABAC (claim conditions).
 * Attach `authorizer` to methods of any RestApi.
 */
export class JwtAuthorizer extends Construct {
  /** The authorizer to set on methods. */
  public readonly authorizer: apigateway.RequestAuthorizer;
  /** The function that decides. */
  public readonly function: lambda.Function;
  /** The encrypted log group of the function: its audit lines, one per decision. */
  public readonly logs: EncryptedLogGroup;

  private readonly handler: SecureFunction;

  public constructor(scope: Construct, id: string, props: JwtAuthorizerProps) {
    super(scope, id);
    this.validate(props);
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
    this.logs = this.handler.logs;
    this.handler.acknowledgeOutsideVpc('The authorizer fetches signing keys from the token issuers (Cognito and external OIDC providers) over HTTPS on the internet; it reads no data store and calls no private resource.');
    this.handler.acknowledgeSynchronousOnly('API Gateway');

    this.authorizer = new apigateway.RequestAuthorizer(this, 'Resource', {
      handler: this.function,
      identitySources: [apigateway.IdentitySource.header('Authorization')],
      resultsCacheTtl: ttl,
    });
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
    return logMetric(this, this.handler.logs.logGroup, { metricName, filterPattern }, props);
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
      conditions: rule.conditions?.map((c) => ({ claim: c.claim, operator: c.comparison, values: c.values, order: c.order })),
    }));
    return Stack.of(this).toJsonString({
      issuers,
      models,
      routeTemplate: MODEL_ROUTE_TEMPLATE,
      tenantClaim: props.tenantClaim,
      tierClaim: props.tierClaim,
      usageIdentifierClaim: props.usageIdentifierClaim,
    });
  }

  private validate(props: JwtAuthorizerProps): void {
    if (props.issuers.length === 0) invalidProp(this, 'issuers', props.issuers, 'at least one issuer');
    for (const [i, issuer] of props.issuers.entries()) {
      const where = `issuers[${i}]`;
      if (!Token.isUnresolved(issuer.issuer) && !issuer.issuer.startsWith('https://')) {
        invalidProp(this, `${where}.issuer`, issuer.issuer, 'an https URL');
      }
      if (issuer.jwksUri !== undefined && !Token.isUnresolved(issuer.jwksUri) && !issuer.jwksUri.startsWith('https://')) {
        invalidProp(this, `${where}.jwksUri`, issuer.jwksUri, 'an https URL');
      }
      const hasAudience = (issuer.audience ?? []).length > 0;
      if (issuer.skipAudienceCheck && hasAudience) {
        invalidProp(this, `${where}.audience`, issuer.audience, 'no audience when skipAudienceCheck is set');
      }
      if (!issuer.skipAudienceCheck && !hasAudience) {
        invalidProp(this, `${where}.audience`, issuer.audience, 'at least one audience (client id or aud), or skipAudienceCheck: true');
      }
      if (issuer.skipAudienceCheck) {
        warnOptOut(this, WarningId.AUDIENCE_CHECK_SKIPPED, `${where} (${issuer.issuer}) accepts tokens of any audience: a token minted for another application is accepted too.`);
      }
      if (issuer.kind === IssuerKind.OIDC && issuer.tokenUse !== undefined) {
        invalidProp(this, `${where}.tokenUse`, issuer.tokenUse, 'no tokenUse for an OIDC issuer (only Cognito tokens carry token_use)');
      }
      for (const algorithm of issuer.algorithms ?? []) {
        if (!ALLOWED_ALGORITHMS.includes(algorithm)) {
          invalidProp(this, `${where}.algorithms`, algorithm, `asymmetric algorithms only: ${ALLOWED_ALGORITHMS.join(', ')}`);
        }
      }
    }
    if (props.modelAccess.length === 0) invalidProp(this, 'modelAccess', props.modelAccess, 'at least one model rule');
    const seen = new Set<string>();
    for (const rule of props.modelAccess) {
      if (seen.has(rule.model)) invalidProp(this, 'modelAccess[].model', rule.model, 'one rule per model');
      seen.add(rule.model);
      if ((rule.allowGroups ?? []).length === 0 && (rule.allowScopes ?? []).length === 0) {
        invalidProp(this, `modelAccess[${rule.model}]`, 'no groups and no scopes', 'at least one group or scope that grants the model');
      }
      for (const condition of rule.conditions ?? []) {
        const where = `modelAccess[${rule.model}].conditions[${condition.claim}]`;
        if (condition.values.length === 0) invalidProp(this, `${where}.values`, condition.values, 'at least one value');
        const single = condition.comparison === ClaimOperator.EQUALS || condition.comparison === ClaimOperator.AT_LEAST;
        if (single && condition.values.length !== 1) invalidProp(this, `${where}.values`, condition.values, `exactly one value for ${condition.comparison}`);
        if (condition.comparison === ClaimOperator.AT_LEAST && !(condition.order ?? []).includes(condition.values[0])) {
          invalidProp(this, `${where}.order`, condition.order, `an ordered list of levels that contains ${JSON.stringify(condition.values[0])}`);
        }
        if (condition.comparison !== ClaimOperator.AT_LEAST && condition.order !== undefined) {
          invalidProp(this, `${where}.order`, condition.order, 'no order unless the operator is atLeast');
        }
      }
    }
    if (props.resultsCacheTtl && !props.resultsCacheTtl.isUnresolved() && props.resultsCacheTtl.toSeconds() > MAX_CACHE_TTL_SECONDS) {
      invalidProp(this, 'resultsCacheTtl', `${props.resultsCacheTtl.toSeconds()} seconds`, `at most ${MAX_CACHE_TTL_SECONDS} seconds`);
    }
    validateRange(this, 'reservedConcurrency', props.reservedConcurrency, { min: 1, max: 10_000 });
    validateRange(this, 'memorySize', props.memorySize, { min: 128, max: 10_240 });
  }
}

