import { Names, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { accessLogFormat } from './access-log-format';
import { CloudWatchRoleMode, ApiGatewayCloudWatchRole } from './cloudwatch-role';
import { ErrorCode } from '../contracts/error-codes';
import { errorBodyTemplate, SECURITY_RESPONSE_HEADERS } from './error-shape';
import { addGatewayResponses } from './gateway-responses';
import { promptRequestSchema } from './request-model';
import { CHAT_ROUTE_ACTION, MODEL_ROUTE_ACTION, MODEL_ROUTE_METHOD, MODEL_ROUTE_PREFIX } from '../contracts/routes';
import { PROMPT_LENGTH } from '../contracts/limits';
import { MAX_OUTPUT_TOKENS } from '../contracts/model-proxy';
import { EncryptedLogGroup } from '../observability/encrypted-log-group';
import { LogMetricName } from '../contracts/metric-names';
import { logMetric } from '../private/log-metric';
import { invalidProp, validatePathSafeNames, validateRange } from '../private/validation';

/** Where the API is reachable from. */
export enum GatewayEndpointType {
  /** A regional endpoint on the internet, behind the web ACL. */
  REGIONAL = 'REGIONAL',
  /** Reachable only through the given execute-api interface VPC endpoints. */
  PRIVATE = 'PRIVATE',
}

/** Default method throttling of the stage. */
export interface ThrottlingOptions {
  /** Steady-state requests per second. */
  readonly rateLimit: number;
  /** Largest burst of requests. */
  readonly burstLimit: number;
}

/** A custom domain name for the API. */
export interface CustomDomainOptions {
  /** The domain name, e.g. `ai.example.com`. */
  readonly domainName: string;
  /** A regional ACM certificate for the domain name. */
  readonly certificate: acm.ICertificate;
  /**
   * Base path that maps to the API.
   * @default - the API is mapped at the root of the domain
   */
  readonly basePath?: string;
}

/** Mutual TLS: clients must present a certificate that chains to the truststore. */
export interface MutualTlsOptions {
  /** Bucket that holds the truststore (a PEM bundle of CA certificates). */
  readonly truststoreBucket: s3.IBucket;
  /** Object key of the truststore. */
  readonly truststoreKey: string;
  /**
   * Object version of the truststore; pin it so a changed truststore needs a deployment.
   * @default - the latest version
   */
  readonly truststoreVersion?: string;
}

/** Properties of a {@link SecureRestApi}. */
export interface SecureRestApiProps {
  /**
   * How API Gateway's account-level CloudWatch role is handled; there is no
   * default because the setting is shared by every REST API in the account and region.
   */
  readonly cloudWatchRole: CloudWatchRoleMode;

  /**
   * Name of the REST API.
   * @default - the construct's unique id
   */
  readonly restApiName?: string;

  /**
   * Name of the stage.
   * @default 'prod'
   */
  readonly stageName?: string;

  /**
   * Where the API is reachable from.
   * @default GatewayEndpointType.REGIONAL
   */
  readonly endpointType?: GatewayEndpointType;

  /**
   * The execute-api interface VPC endpoints admitted by a PRIVATE API's resource policy.
   * Required when `endpointType` is PRIVATE, refused otherwise.
   * @default - none
   */
  readonly vpcEndpoints?: ec2.IInterfaceVpcEndpoint[];

  /**
   * A custom domain name. When set, the default execute-api endpoint is disabled
   * so that clients can reach the API only through the domain.
   * @default - no custom domain; clients use the execute-api endpoint
   */
  readonly customDomain?: CustomDomainOptions;

  /**
   * Mutual TLS on the custom domain. Requires `customDomain`.
   * @default - clients are not asked for a certificate
   */
  readonly mutualTls?: MutualTlsOptions;

  /**
   * TLS policy of the API and of its custom domain. Enhanced policies
   * (`SecurityPolicy_...`) are used with the STRICT endpoint access mode.
   * API Gateway does not offer mutual TLS with enhanced policies, so a domain
   * with `mutualTls` uses the legacy TLS 1.2 policy unless this is set.
   * @default - apigateway.SecurityPolicy.TLS13_1_2_PFS_PQ_2025_09 (TLS 1.2 and 1.3, forward secrecy only);
   * apigateway.SecurityPolicy.TLS_1_2 on a custom domain with mutual TLS
   */
  readonly securityPolicy?: apigateway.SecurityPolicy;

  /**
   * Default method throttling of the stage.
   * @default - 50 requests per second, bursts of 100
   */
  readonly throttling?: ThrottlingOptions;

  /**
   * Retention of the access logs.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly accessLogRetention?: logs.RetentionDays;
}

/** How one model route is served and protected. */
export interface ModelRouteOptions {
  /** Longest prompt accepted, in characters; API Gateway's request model enforces it. */
  readonly maxPromptLength: number;
  /**
   * Largest `parameters.maxTokens` a caller may ask for.
   * @default 4096
   */
  readonly maxOutputTokens?: number;
  /**
   * The integration that serves the route.
   * @default - a mock integration that answers 501 NotImplemented
   */
  readonly integration?: apigateway.Integration;
  /**
   * The authorizer of the route.
   * @default - no authorizer (a warning is added)
   */
  readonly authorizer?: apigateway.IAuthorizer;
  /**
   * OAuth scopes the route requires (Cognito user pool authorizers only).
   * @default - none
   */
  readonly authorizationScopes?: string[];
  /**
   * Whether the route requires an API key (usage plans).
   * @default false
   */
  readonly apiKeyRequired?: boolean;
}

/** How one model's chat completions route is served and protected. */
export interface ChatRouteOptions {
  /**
   * The integration that serves the route: a Lambda integration with response
   * streaming (`ModelProxyFunction.chatIntegration()`).
   */
  readonly integration: apigateway.Integration;
  /**
   * The authorizer of the route; give the model's invoke route the same one.
   * @default - no authorizer (a warning is added)
   */
  readonly authorizer?: apigateway.IAuthorizer;
  /**
   * OAuth scopes the route requires (Cognito user pool authorizers only).
   * @default - none
   */
  readonly authorizationScopes?: string[];
  /**
   * Whether the route requires an API key (usage plans).
   * @default false
   */
  readonly apiKeyRequired?: boolean;
}

const DEFAULT_STAGE_NAME = 'prod';
const DEFAULT_THROTTLING: ThrottlingOptions = { rateLimit: 50, burstLimit: 100 };
const DEFAULT_SECURITY_POLICY = apigateway.SecurityPolicy.TLS13_1_2_PFS_PQ_2025_09;
/** API Gateway's account-level default rate quota; a stage cannot usefully exceed it. */
const MAX_RATE_LIMIT = 10_000;
const MAX_BURST_LIMIT = 5_000;

/**
 * A REST API with the stage, logging, TLS, gateway responses and request
 * validation that every model route needs. Routes are added with
 * {@link SecureRestApi.addModelRoute}. The `SecureAiGateway` facade builds one.
 */
export class SecureRestApi extends Construct {
  /** The longest `maxPromptLength` a route accepts, in characters. */
  public static readonly MAX_PROMPT_LENGTH_LIMIT: number = PROMPT_LENGTH.max;

  /** The REST API. */
  public readonly restApi: apigateway.RestApi;
  /** The deployed stage. */
  public readonly stage: apigateway.Stage;
  /** The encrypted log group that receives the access logs. */
  public readonly accessLogGroup: EncryptedLogGroup;
  /** The custom domain, when one was configured. */
  public readonly domainName?: apigateway.DomainName;
  /** The account-level CloudWatch role, when this construct created it. */
  public readonly cloudWatchRole?: ApiGatewayCloudWatchRole;

  private readonly requestValidator: apigateway.RequestValidator;
  private parameterValidator?: apigateway.RequestValidator;
  private readonly routes = new Map<string, apigateway.Method>();
  private readonly chatRoutes = new Map<string, apigateway.Method>();

  public constructor(scope: Construct, id: string, props: SecureRestApiProps) {
    super(scope, id);
    const endpointType = props.endpointType ?? GatewayEndpointType.REGIONAL;
    const throttling = props.throttling ?? DEFAULT_THROTTLING;
    const securityPolicy = props.securityPolicy ?? DEFAULT_SECURITY_POLICY;
    this.validateProps(props, endpointType, throttling);

    this.accessLogGroup = new EncryptedLogGroup(this, 'AccessLogs', { retention: props.accessLogRetention });

    this.restApi = new apigateway.RestApi(this, 'Resource', {
      restApiName: props.restApiName ?? Names.uniqueId(this),
      description: 'Secure AI model gateway',
      endpointConfiguration: endpointType === GatewayEndpointType.PRIVATE
        ? { types: [apigateway.EndpointType.PRIVATE], vpcEndpoints: props.vpcEndpoints }
        : { types: [apigateway.EndpointType.REGIONAL] },
      policy: endpointType === GatewayEndpointType.PRIVATE ? privateApiPolicy(props.vpcEndpoints ?? []) : undefined,
      disableExecuteApiEndpoint: props.customDomain !== undefined,
      cloudWatchRole: false,
      failOnWarnings: true,
      deployOptions: {
        stageName: props.stageName ?? DEFAULT_STAGE_NAME,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup.logGroup),
        accessLogFormat: accessLogFormat(),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        cachingEnabled: false,
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
        clientCertificateId: new apigateway.CfnClientCertificate(this, 'ClientCertificate', {
          description: 'Identifies API Gateway to HTTP backends that check client certificates',
        }).ref,
      },
    });
    const cfnApi = this.restApi.node.defaultChild as apigateway.CfnRestApi;
    cfnApi.securityPolicy = securityPolicy;
    cfnApi.endpointAccessMode = isEnhancedPolicy(securityPolicy) ? apigateway.EndpointAccessMode.STRICT : undefined;
    this.stage = this.restApi.deploymentStage;
    const noCacheReason = 'Inference responses are per caller and may carry personal data, so the stage has no cache cluster by design: '
      + 'nothing is cached, encrypted or not.';
    Validations.of(this.stage).acknowledge(
      { id: 'NIST.800.53.R5-APIGWCacheEnabledAndEncrypted', reason: noCacheReason },
      { id: 'HIPAA.Security-APIGWCacheEnabledAndEncrypted', reason: noCacheReason },
      { id: 'PCI.DSS.321-APIGWCacheEnabledAndEncrypted', reason: noCacheReason },
    );

    if (props.cloudWatchRole === CloudWatchRoleMode.CREATE_LEAST_PRIVILEGE) {
      this.cloudWatchRole = new ApiGatewayCloudWatchRole(this, 'CloudWatchRole', {
        accessLogGroupArns: [this.accessLogGroup.logGroupArn],
      });
      this.stage.node.addDependency(this.cloudWatchRole.account);
    }

    if (props.customDomain) {
      const domainPolicy = props.mutualTls ? props.securityPolicy ?? apigateway.SecurityPolicy.TLS_1_2 : securityPolicy;
      this.domainName = new apigateway.DomainName(this, 'Domain', {
        domainName: props.customDomain.domainName,
        certificate: props.customDomain.certificate,
        endpointType: apigateway.EndpointType.REGIONAL,
        securityPolicy: domainPolicy,
        endpointAccessMode: isEnhancedPolicy(domainPolicy) ? apigateway.EndpointAccessMode.STRICT : undefined,
        mtls: props.mutualTls && {
          bucket: props.mutualTls.truststoreBucket,
          key: props.mutualTls.truststoreKey,
          version: props.mutualTls.truststoreVersion,
        },
      });
      this.domainName.addBasePathMapping(this.restApi, { basePath: props.customDomain.basePath, stage: this.stage });
    }

    addGatewayResponses(this.restApi);
    this.requestValidator = new apigateway.RequestValidator(this, 'RequestValidator', {
      restApi: this.restApi,
      validateRequestBody: true,
      validateRequestParameters: true,
    });
  }

  /** The names of the models that have a route, in the order they were added. */
  public get modelNames(): string[] {
    return [...this.routes.keys()];
  }

  /** The method of a model's route. Throws when the model has no route. */
  public methodFor(model: string): apigateway.Method {
    const method = this.routes.get(model);
    if (!method) invalidProp(this, 'model', model, `one of ${this.modelNames.join(', ')}`);
    return method;
  }

  /** The names of the models that have a chat completions route, in the order they were added. */
  public get chatModelNames(): string[] {
    return [...this.chatRoutes.keys()];
  }

  /** The method of a model's chat completions route. Throws when the model has none. */
  public chatMethodFor(model: string): apigateway.Method {
    const method = this.chatRoutes.get(model);
    if (!method) invalidProp(this, 'model', model, `a model with a chat completions route (${this.chatModelNames.join(', ') || 'none'})`);
    return method;
  }

  /**
   * Adds `POST /v1/models/<model>/chat/completions`, the OpenAI Chat Completions
   * route of a model that already has its invoke route, with the given integration.
   * Its request validator checks parameters only (a Content-Type header is
   * required): the chat function validates the body and answers in the OpenAI
   * error shape that OpenAI clients parse, where a schema rejection here would
   * answer in the gateway's shape. The web ACL's body size rule bounds the body.
   */
  public addChatRoute(model: string, options: ChatRouteOptions): apigateway.Method {
    if (!this.routes.has(model)) invalidProp(this, 'model', model, `a model with an invoke route (${this.modelNames.join(', ') || 'none'})`);
    if (this.chatRoutes.has(model)) invalidProp(this, 'model', model, 'a model without a chat completions route yet');
    const resource = [...MODEL_ROUTE_PREFIX, model, ...CHAT_ROUTE_ACTION]
      .reduce<apigateway.IResource>((parent, part) => parent.getResource(part) ?? parent.addResource(part), this.restApi.root);
    this.parameterValidator ??= new apigateway.RequestValidator(this, 'ParameterValidator', {
      restApi: this.restApi,
      validateRequestBody: false,
      validateRequestParameters: true,
    });
    const method = resource.addMethod(MODEL_ROUTE_METHOD, options.integration, {
      requestValidator: this.parameterValidator,
      requestParameters: { 'method.request.header.Content-Type': true },
      authorizer: options.authorizer,
      authorizationScopes: options.authorizationScopes,
      apiKeyRequired: options.apiKeyRequired ?? false,
    });
    this.chatRoutes.set(model, method);
    return method;
  }

  /**
   * Adds `POST /v1/models/<model>/invoke` with a request validator, a JSON
   * Schema model of the prompt payload and the given integration.
   */
  public addModelRoute(model: string, options: ModelRouteOptions): apigateway.Method {
    validatePathSafeNames(this, 'model name', [...this.modelNames, model]);
    validateRange(this, `maxPromptLength of model ${model}`, options.maxPromptLength, PROMPT_LENGTH);
    validateRange(this, `maxOutputTokens of model ${model}`, options.maxOutputTokens, MAX_OUTPUT_TOKENS);

    const resource = [...MODEL_ROUTE_PREFIX, model, MODEL_ROUTE_ACTION]
      .reduce<apigateway.IResource>((parent, part) => parent.getResource(part) ?? parent.addResource(part), this.restApi.root);
    const requestModel = new apigateway.Model(this, `PromptModel-${model}`, {
      restApi: this.restApi,
      contentType: 'application/json',
      description: `Inference request for model ${model}`,
      schema: promptRequestSchema({ maxPromptLength: options.maxPromptLength, maxOutputTokens: options.maxOutputTokens }),
    });
    const integration = options.integration ?? notImplementedIntegration();
    const method = resource.addMethod(MODEL_ROUTE_METHOD, integration, {
      requestValidator: this.requestValidator,
      requestModels: { 'application/json': requestModel },
      requestParameters: { 'method.request.header.Content-Type': true },
      authorizer: options.authorizer,
      authorizationScopes: options.authorizationScopes,
      apiKeyRequired: options.apiKeyRequired ?? false,
      methodResponses: options.integration ? undefined : [notImplementedMethodResponse()],
    });
    this.routes.set(model, method);
    return method;
  }

  /** Requests of the stage (`Count`), summed over 5 minutes. */
  public metricCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage.metricCount({ statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** Requests of the stage answered 4XX (`4XXError`), summed over 5 minutes. */
  public metricClientErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage.metricClientError(props);
  }

  /** Requests of the stage answered 5XX (`5XXError`), summed over 5 minutes. */
  public metricServerErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage.metricServerError(props);
  }

  /** Time from request to response (`Latency`, milliseconds), p99 over 5 minutes. */
  public metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage.metricLatency({ statistic: cloudwatch.Stats.p(99), ...props });
  }

  /** Time the integration took (`IntegrationLatency`, milliseconds), p99 over 5 minutes. */
  public metricIntegrationLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage.metricIntegrationLatency({ statistic: cloudwatch.Stats.p(99), ...props });
  }

  /**
   * Requests answered 429, summed over 5 minutes: stage and usage-plan
   * throttling, and the WAF rate rules' blocks that reach the access log.
   * API Gateway has no metric of its own for these, so a metric filter on the
   * access logs (created on first call) counts them.
   */
  public metricThrottledRequests(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return logMetric(this, this.accessLogGroup.logGroup, {
      metricName: LogMetricName.THROTTLED_REQUESTS,
      filterPattern: logs.FilterPattern.stringValue('$.status', '=', '429'),
    }, props);
  }

  private validateProps(props: SecureRestApiProps, endpointType: GatewayEndpointType, throttling: ThrottlingOptions): void {
    if (!Object.values(CloudWatchRoleMode).includes(props.cloudWatchRole)) {
      invalidProp(this, 'cloudWatchRole', props.cloudWatchRole, `one of ${Object.values(CloudWatchRoleMode).join(', ')}`);
    }
    if (endpointType === GatewayEndpointType.PRIVATE && (props.vpcEndpoints ?? []).length === 0) {
      invalidProp(this, 'vpcEndpoints', props.vpcEndpoints, 'at least one execute-api interface VPC endpoint when endpointType is PRIVATE');
    }
    if (endpointType !== GatewayEndpointType.PRIVATE && props.vpcEndpoints !== undefined) {
      invalidProp(this, 'vpcEndpoints', `${props.vpcEndpoints.length} endpoint(s)`, 'no VPC endpoints unless endpointType is PRIVATE');
    }
    if (endpointType === GatewayEndpointType.PRIVATE && props.customDomain) {
      invalidProp(this, 'customDomain', props.customDomain.domainName, 'no custom domain on a PRIVATE API (use the VPC endpoint DNS names)');
    }
    if (props.mutualTls && !props.customDomain) {
      invalidProp(this, 'mutualTls', props.mutualTls.truststoreKey, 'a customDomain as well: API Gateway offers mutual TLS only on custom domains');
    }
    if (props.mutualTls && props.securityPolicy && isEnhancedPolicy(props.securityPolicy)) {
      invalidProp(this, 'securityPolicy', props.securityPolicy, 'TLS_1_2 when mutualTls is set: API Gateway offers mutual TLS only with the legacy policies');
    }
    if (props.customDomain?.basePath !== undefined && !/^[a-zA-Z0-9._-]+(\/[a-zA-Z0-9._-]+)*$/.test(props.customDomain.basePath)) {
      invalidProp(this, 'customDomain.basePath', props.customDomain.basePath, 'path segments of [A-Za-z0-9._-] separated by /');
    }
    validateRange(this, 'throttling.rateLimit', throttling.rateLimit, { min: Number.MIN_VALUE, max: MAX_RATE_LIMIT, integer: false });
    validateRange(this, 'throttling.burstLimit', throttling.burstLimit, { min: 1, max: MAX_BURST_LIMIT });
  }
}

function isEnhancedPolicy(policy: apigateway.SecurityPolicy): boolean {
  return policy.startsWith('SecurityPolicy_');
}

/** Admits calls only through the given VPC endpoints; the Deny wins over any other Allow. */
function privateApiPolicy(vpcEndpoints: ec2.IInterfaceVpcEndpoint[]): iam.PolicyDocument {
  const sourceVpce = vpcEndpoints.map((endpoint) => endpoint.vpcEndpointId);
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['execute-api:Invoke'],
        resources: ['execute-api:/*'],
        conditions: { StringNotEquals: { 'aws:SourceVpce': sourceVpce } },
      }),
      new iam.PolicyStatement({
        effect: iam.Effect.ALLOW,
        principals: [new iam.AnyPrincipal()],
        actions: ['execute-api:Invoke'],
        resources: ['execute-api:/*'],
        conditions: { StringEquals: { 'aws:SourceVpce': sourceVpce } },
      }),
    ],
  });
}

const NOT_IMPLEMENTED_STATUS = '501';

function securityHeaderParameters(prefix: string, quoted: boolean): Record<string, string | boolean> {
  return Object.fromEntries(Object.entries(SECURITY_RESPONSE_HEADERS).map(([name, value]) => [`${prefix}${name}`, quoted ? value : true]));
}

/** Answers 501 in the gateway's error shape until a model backend serves the route. */
function notImplementedIntegration(): apigateway.MockIntegration {
  return new apigateway.MockIntegration({
    passthroughBehavior: apigateway.PassthroughBehavior.NEVER,
    requestTemplates: { 'application/json': JSON.stringify({ statusCode: Number(NOT_IMPLEMENTED_STATUS) }) },
    integrationResponses: [{
      statusCode: NOT_IMPLEMENTED_STATUS,
      responseTemplates: {
        'application/json': errorBodyTemplate(ErrorCode.NOT_IMPLEMENTED, 'No model backend serves this route yet.'),
      },
      responseParameters: securityHeaderParameters('method.response.header.', true) as Record<string, string>,
    }],
  });
}

function notImplementedMethodResponse(): apigateway.MethodResponse {
  return {
    statusCode: NOT_IMPLEMENTED_STATUS,
    responseParameters: securityHeaderParameters('method.response.header.', false) as Record<string, boolean>,
  };
}
