import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ModelBackendConfig } from './backend-options';
import { ModelBackend } from './model-backend';
import { BoundModelVersion, ModelRouting } from './model-routing';
import { backendConfigOf, bindRouting, BoundRouting } from './routing-binding';
import { piiMaskingConfig } from './pii-masking-config';
import { PiiMaskingOptions } from './pii-masking-options';
import {
  DEFAULT_INJECTION_THRESHOLD,
  DEFAULT_RETRY,
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MARGIN_MS,
  INJECTION_THRESHOLD,
  MAX_OUTPUT_TOKENS,
  maxBodyBytesFor,
  MODEL_PROXY_CONFIG_MAX_BYTES,
  MODEL_PROXY_CONFIG_ENV,
  MODEL_PROXY_CONFIG_VERSION,
  BUDGET_CONFIG_MAX_BYTES,
  BudgetConfig,
  ModelProxyConfig,
  PiiMaskingConfig,
  RESPONSE_CACHE_TTL_SECONDS,
  ResponseCacheConfig,
  RETRY_ATTEMPTS,
} from '../contracts/model-proxy';
import { PROMPT_LENGTH } from '../contracts/limits';
import { DEFAULT_MAX_OUTPUT_TOKENS } from '../contracts/prompt-schema';
import { IModelNetwork } from '../network/model-network-base';
import { EncryptedLogGroup } from '../observability/encrypted-log-group';
import { SecureFunction } from '../private/secure-function';
import { invalidProp, validatePathSafeNames, validateRange } from '../private/validation';
import { warnOptOut } from '../private/warnings';
import { GatewayWarning } from '../gateway-warning';
import { budgetConfig } from '../cost/budget-config';
import { ModelBudgetOptions } from '../cost/budget-options';
import { BUDGET_TABLE_ACTIONS, BudgetTable } from '../cost/budget-table';
import { ResponseCacheOptions } from '../cost/response-cache-options';
import { CACHE_HMAC_ACTIONS, CACHE_TABLE_ACTIONS, ResponseCacheStore } from '../cost/response-cache-store';

/** Properties of a {@link ModelProxyFunction}. */
export interface ModelProxyFunctionProps {
  /** The network the function runs in. */
  readonly network: IModelNetwork;
  /**
   * The model the function calls. Exactly one of `backend` and `routing`.
   * @default - none; `routing` must be given
   */
  readonly backend?: ModelBackend;
  /**
   * Several backends: versions with weights (and canaries for testers), targets in priority
   * groups, failover and circuit breakers. Exactly one of `backend` and `routing`.
   * @default - none; `backend` must be given
   */
  readonly routing?: ModelRouting;
  /** The route's model name (`POST /v1/models/<modelName>/invoke`): 1-64 characters of `[a-z0-9-]`. */
  readonly modelName: string;
  /** Longest prompt accepted, in characters; the same value as the route's. */
  readonly maxPromptLength: number;
  /**
   * Largest `parameters.maxTokens` accepted, and the `max_tokens` sent when a
   * format requires one and the caller gave none.
   * @default 4096
   */
  readonly maxOutputTokens?: number;
  /**
   * Concurrent executions reserved for (and limiting) this model's proxy: the
   * model never sees more parallel calls than this.
   * @default 10
   */
  readonly reservedConcurrency?: number;
  /**
   * Function timeout, below API Gateway's 29 s integration timeout so the
   * caller gets the proxy's own 504 rather than the gateway's.
   * @default Duration.seconds(25)
   */
  readonly timeout?: Duration;
  /**
   * Timeout of the chat completions function (`POST /v1/models/<modelName>/chat/completions`),
   * which streams: more than the stream idle timeout (60 s), at most 14 min 55 s. The route's
   * integration timeout is 5 s longer, so a caller gets the function's own end-of-stream error
   * rather than the gateway's.
   * @default Duration.minutes(5)
   */
  readonly chatTimeout?: Duration;
  /**
   * Concurrent executions reserved for (and limiting) this model's chat completions function.
   * A streamed call holds one for as long as it streams.
   * @default 10
   */
  readonly chatReservedConcurrency?: number;
  /**
   * Memory in MB of both functions; Lambda's CPU share scales with it (one vCPU at 1769 MB).
   * @default 1024, or 1769 when maxPromptLength is over 65,536 characters
   */
  readonly memorySize?: number;
  /**
   * Put the caller's own values back where the model's answer repeats a
   * placeholder of the prompt. PII the model produced stays masked. Needs the
   * PLACEHOLDER masking mode.
   * @default false
   */
  readonly restorePlaceholders?: boolean;
  /**
   * Which PII types are masked, how, which values are never masked, and
   * identifiers of your own to mask; applied to the prompt and to the answer.
   * @default - every type masked with numbered placeholders, no allowlist, no custom patterns
   */
  readonly piiMasking?: PiiMaskingOptions;
  /**
   * What the prompt-injection guard does with a suspicious prompt: BLOCK answers
   * 422 PromptRejected; FLAG passes it on and records the flag (audit line, metric);
   * OFF skips the guard (a warning is added).
   * @default InjectionAction.BLOCK
   */
  readonly injectionAction?: InjectionAction;
  /**
   * Score from 0 to 1 at which the guard judges a prompt an injection attempt.
   * @default 0.5
   */
  readonly injectionThreshold?: number;
  /**
   * Attempts per call when the backend throttles (1 = no retry); with `routing`, one target's
   * attempts in place once no other target is left (`routing.maxAttempts` caps all attempts).
   * @default 3
   */
  readonly maxAttempts?: number;
  /**
   * Retention of the functions' log groups.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Key of both functions' log groups, e.g. one shared by every model proxy of a gateway.
   * Its key policy must let the CloudWatch Logs service principal of this region use it
   * for these log groups.
   * @default - a new customer-managed key for this model's two log groups
   */
  readonly logEncryptionKey?: kms.IKey;
  /**
   * Token metering, limits and budgets per tenant (and per principal or API key) on both routes,
   * reserved before each call and settled after it in a DynamoDB table. Refused calls get 429.
   * @default - no limits and no metering table
   */
  readonly budget?: ModelBudgetOptions;
  /**
   * The table the budget is kept in, e.g. one shared by every model of a gateway. Needs `budget`.
   * @default - a new BudgetTable in this construct when `budget` is set
   */
  readonly budgetTable?: BudgetTable;
  /**
   * An exact-match cache of the chat completions route's answers, per tenant and access scope.
   * @default - no cache
   */
  readonly responseCache?: ResponseCacheOptions;
  /**
   * The cache table and HMAC key, e.g. shared by every model of a gateway. Needs `responseCache`.
   * @default - a new ResponseCacheStore in this construct when `responseCache` is set
   */
  readonly responseCacheStore?: ResponseCacheStore;
}

/** What the prompt-injection guard does with a suspicious prompt. */
export enum InjectionAction {
  /** Refuse it with 422 PromptRejected. */
  BLOCK = 'block',
  /** Let it through and record the flag in the audit line and the InjectionFlagged metric. */
  FLAG = 'flag',
  /** Do not run the guard. */
  OFF = 'off',
}

const DEFAULT_RESERVED_CONCURRENCY = 10;
const DEFAULT_PROXY_TIMEOUT = Duration.seconds(25);
const DEFAULT_CHAT_TIMEOUT = Duration.minutes(5);
/** How much longer the chat route's integration waits than the function runs, so the function's own end-of-stream error reaches the caller. */
export const CHAT_INTEGRATION_TIMEOUT_MARGIN = Duration.seconds(5);
/** API Gateway's longest integration timeout, for streamed responses only; also Lambda's longest timeout. */
const MAX_STREAM_INTEGRATION_SECONDS = 900;
const MAX_CHAT_TIMEOUT_SECONDS = MAX_STREAM_INTEGRATION_SECONDS - CHAT_INTEGRATION_TIMEOUT_MARGIN.toSeconds();
/** API Gateway's default integration timeout is 29 s; leave room for the cold start. */
const MAX_PROXY_TIMEOUT_SECONDS = 28;
/** Chosen by measurement; see docs/model-connectivity.md ("Memory"). */
const DEFAULT_PROXY_MEMORY_MB = 1024;
/** One full vCPU, for routes that accept prompts far beyond the gateway's default limit. */
const LARGE_PROMPT_PROXY_MEMORY_MB = 1769;
const LARGE_PROMPT_CHARS = 65_536;
const DEFAULT_CACHE_TTL = Duration.hours(1);

/**
 * The Lambda integrations of one model's two routes, in the model network's
 * isolated subnets: `function` serves `POST /v1/models/<model>/invoke` (validate,
 * mask PII in the prompt, invoke the backend, mask the answer), `chatFunction`
 * serves the OpenAI-compatible `POST /v1/models/<model>/chat/completions`,
 * buffered or streamed, with the same configuration. Each has its own role,
 * least privilege in a customer-managed policy (its own log group, X-Ray, VPC
 * network interfaces, and the invoke actions on the backend: the streaming ones
 * for the chat function only); they share one security group that opens only
 * what the backend needs; each has its own reserved concurrency.
 *
 * Wire them with `api.addModelRoute(name, { integration: new apigateway.LambdaIntegration(proxy.function), ... })`
 * and `api.addChatRoute(name, { integration: proxy.chatIntegration(), ... })`.
 */
export class ModelProxyFunction extends Construct implements ec2.IConnectable {
  /** The function. */
  public readonly function: lambda.Function;
  /** The execution role. */
  public readonly role: iam.IRole;
  /** The customer-managed policy of the execution role. */
  public readonly policy: iam.ManagedPolicy;
  private readonly handler: SecureFunction;
  private readonly piiMasking: PiiMaskingConfig;
  /** The function's security group. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The function's encrypted log group. */
  public readonly logGroup: EncryptedLogGroup;
  /** The network the function runs in. */
  public readonly network: IModelNetwork;
  /** The route's model name. */
  public readonly modelName: string;
  /**
   * What the backend told the function when bound; with `routing`, the stable version's
   * first highest-priority target (the version most callers get).
   */
  public readonly backendConfig: ModelBackendConfig;
  /** The versions and their bound targets, with `routing`; empty otherwise. */
  public readonly routedVersions: BoundModelVersion[];
  /** The chat completions function; it answers in the OpenAI Chat Completions shape and streams with `stream: true`. */
  public readonly chatFunction: lambda.Function;
  /** The chat completions function's execution role. */
  public readonly chatRole: iam.IRole;
  /** The customer-managed policy of the chat completions function's role. */
  public readonly chatPolicy: iam.ManagedPolicy;
  /** The chat completions function's encrypted log group. */
  public readonly chatLogGroup: EncryptedLogGroup;
  /** The chat completions function's timeout. */
  public readonly chatTimeout: Duration;
  private readonly chatHandler: SecureFunction;
  /** The budget table both functions reserve and settle in, when the model has a budget. */
  public readonly budgetTable?: BudgetTable;
  /** The response cache of the chat completions function, when the model has one. */
  public readonly responseCacheStore?: ResponseCacheStore;
  /** The model's budget options, when it has a budget. */
  public readonly budget?: ModelBudgetOptions;

  public constructor(scope: Construct, id: string, props: ModelProxyFunctionProps) {
    super(scope, id);
    validatePathSafeNames(this, 'modelName', [props.modelName]);
    validateRange(this, 'maxPromptLength', props.maxPromptLength, PROMPT_LENGTH);
    validateRange(this, 'maxOutputTokens', props.maxOutputTokens, MAX_OUTPUT_TOKENS);
    validateRange(this, 'reservedConcurrency', props.reservedConcurrency, { min: 1, max: 1000 });
    validateRange(this, 'chatReservedConcurrency', props.chatReservedConcurrency, { min: 1, max: 1000 });
    validateRange(this, 'memorySize', props.memorySize, { min: 128, max: 10_240 });
    validateRange(this, 'maxAttempts', props.maxAttempts, RETRY_ATTEMPTS);
    validateRange(this, 'injectionThreshold', props.injectionThreshold, { ...INJECTION_THRESHOLD, integer: false });
    if (props.injectionAction === InjectionAction.OFF) {
      warnOptOut(this, GatewayWarning.INJECTION_GUARD_OFF, `injectionAction is OFF: prompts to ${props.modelName} are not screened for prompt injection.`);
    }
    this.piiMasking = piiMaskingConfig(this, props.piiMasking, { modelName: props.modelName, restorePlaceholders: props.restorePlaceholders ?? false });
    const timeout = props.timeout ?? DEFAULT_PROXY_TIMEOUT;
    if (!Token.isUnresolved(timeout.toSeconds()) && (timeout.toSeconds() < 3 || timeout.toSeconds() > MAX_PROXY_TIMEOUT_SECONDS)) {
      invalidProp(this, 'timeout', `${timeout.toSeconds()} s`, `3 to ${MAX_PROXY_TIMEOUT_SECONDS} seconds (API Gateway gives up at 29 s)`);
    }
    this.chatTimeout = props.chatTimeout ?? DEFAULT_CHAT_TIMEOUT;
    const chatSeconds = this.chatTimeout.toSeconds();
    const minChatSeconds = DEFAULT_STREAM_IDLE_TIMEOUT_MS / 1000 + 1;
    if (!Token.isUnresolved(chatSeconds) && (chatSeconds < minChatSeconds || chatSeconds > MAX_CHAT_TIMEOUT_SECONDS)) {
      invalidProp(this, 'chatTimeout', `${chatSeconds} s`, `${minChatSeconds} to ${MAX_CHAT_TIMEOUT_SECONDS} seconds (more than the `
        + `${DEFAULT_STREAM_IDLE_TIMEOUT_MS / 1000} s stream idle timeout; the integration waits ${CHAT_INTEGRATION_TIMEOUT_MARGIN.toSeconds()} s `
        + `longer and API Gateway streams for at most ${MAX_STREAM_INTEGRATION_SECONDS} s)`);
    }
    this.network = props.network;
    this.modelName = props.modelName;

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.network.vpc,
      allowAllOutbound: false,
      description: `Model proxy ${props.modelName}: egress to its backend only`,
    });
    const memorySize = props.memorySize ?? (props.maxPromptLength > LARGE_PROMPT_CHARS ? LARGE_PROMPT_PROXY_MEMORY_MB : DEFAULT_PROXY_MEMORY_MB);
    this.handler = new SecureFunction(this, 'Function', {
      assetName: 'model-proxy',
      description: `Model proxy of ${props.modelName}: validate, mask PII, invoke, mask`,
      memorySize,
      timeout,
      reservedConcurrentExecutions: props.reservedConcurrency ?? DEFAULT_RESERVED_CONCURRENCY,
      logRetention: props.logRetention,
      logEncryptionKey: props.logEncryptionKey,
      vpc: props.network.vpc,
      vpcSubnets: props.network.subnets,
      securityGroups: [this.securityGroup],
    });
    this.handler.acknowledgeSynchronousOnly('API Gateway');
    this.function = this.handler.function;
    this.policy = this.handler.policy;
    this.role = this.handler.role;
    this.logGroup = this.handler.logGroup;

    this.chatHandler = new SecureFunction(this, 'ChatFunction', {
      assetName: 'chat-proxy',
      description: `Chat completions of ${props.modelName}: validate, mask PII, invoke or stream, mask`,
      memorySize,
      timeout: this.chatTimeout,
      reservedConcurrentExecutions: props.chatReservedConcurrency ?? DEFAULT_RESERVED_CONCURRENCY,
      logRetention: props.logRetention,
      // Both log groups hold the same model's records, and a key of either would admit any log group of the account
      // (their names are generated), so one key serves both at half the idle cost.
      logEncryptionKey: this.handler.logGroup.key,
      vpc: props.network.vpc,
      vpcSubnets: props.network.subnets,
      securityGroups: [this.securityGroup],
    });
    this.chatHandler.acknowledgeSynchronousOnly('API Gateway');
    this.chatFunction = this.chatHandler.function;
    this.chatPolicy = this.chatHandler.policy;
    this.chatRole = this.chatHandler.role;
    this.chatLogGroup = this.chatHandler.logGroup;

    if ((props.backend === undefined) === (props.routing === undefined)) {
      invalidProp(this, 'backend and routing', props.backend === undefined ? 'neither' : 'both', 'exactly one of backend and routing');
    }
    // Each backend grants both functions their actions and opens the network path to it.
    const routing = props.routing === undefined ? undefined : bindRouting(this, props.routing);
    this.backendConfig = routing?.primary ?? props.backend!.bind(this, this);
    this.routedVersions = routing?.versions ?? [];
    const attemptMs = props.routing?.attemptTimeout?.toMilliseconds();
    const invokeBudgetMs = timeout.toMilliseconds() - DEFAULT_TIMEOUT_MARGIN_MS;
    if (attemptMs !== undefined && !Token.isUnresolved(attemptMs) && !Token.isUnresolved(invokeBudgetMs) && attemptMs >= invokeBudgetMs) {
      warnOptOut(this, GatewayWarning.ATTEMPT_TIMEOUT_EXCEEDS_INVOKE_TIMEOUT,
        `routing.attemptTimeout of ${props.modelName} is ${attemptMs} ms, not shorter than the invoke function's ${invokeBudgetMs} ms `
        + 'budget: on the invoke route a target that hangs uses up the call and no other target is tried.');
    }
    this.budget = props.budget;
    this.budgetTable = this.bindBudgetTable(props);
    this.responseCacheStore = this.bindResponseCache(props);
    const handlerConfig = this.handlerConfig(props, routing);
    checkConfigSize(this, handlerConfig);
    const config = Stack.of(this).toJsonString(handlerConfig);
    this.function.addEnvironment(MODEL_PROXY_CONFIG_ENV, config);
    this.chatFunction.addEnvironment(MODEL_PROXY_CONFIG_ENV, config);
  }

  /**
   * The integration of the chat completions route: Lambda response streaming
   * (`response-streaming-invocations`), waiting 5 s longer than the function runs.
   */
  public chatIntegration(): apigateway.LambdaIntegration {
    return new apigateway.LambdaIntegration(this.chatFunction, {
      responseTransferMode: apigateway.ResponseTransferMode.STREAM,
      timeout: this.chatTimeout.plus(CHAT_INTEGRATION_TIMEOUT_MARGIN),
      allowTestInvoke: false,
    });
  }

  /** The function's security group connections. */
  public get connections(): ec2.Connections {
    return this.securityGroup.connections;
  }

  /**
   * Adds a statement to the customer-managed policies of both functions' roles: both call the backend.
   * Built-in backends add to `policy` and `chatPolicy` separately, so that only the chat function may stream.
   */
  public addToPolicy(statement: iam.PolicyStatement): void {
    this.policy.addStatements(statement);
    this.chatPolicy.addStatements(iam.PolicyStatement.fromJson(statement.toStatementJson()));
  }

  /** The chat completions function's errors (handler crashes, timeouts); answers it gives on purpose are not errors. */
  public metricChatErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.chatFunction.metricErrors(props);
  }

  /** Chat completions invocations refused because the reserved concurrency is used up. */
  public metricChatThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.chatFunction.metricThrottles(props);
  }

  /** The chat completions function's duration: for a streamed call, until its last byte. */
  public metricChatDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.chatFunction.metricDuration(props);
  }

  /** The function's errors (handler crashes, timeouts); answers the proxy gives on purpose are not errors. */
  public metricErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.function.metricErrors(props);
  }

  /** Invocations refused because the reserved concurrency is used up (the gateway answers 429 Throttled with Retry-After). */
  public metricThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.function.metricThrottles(props);
  }

  /** The function's duration, model time included. */
  public metricDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.function.metricDuration(props);
  }

  /** Both functions reserve and settle: the table's item actions, through the DynamoDB gateway endpoint only. */
  private bindBudgetTable(props: ModelProxyFunctionProps): BudgetTable | undefined {
    if (props.budget === undefined) {
      if (props.budgetTable) invalidProp(this, 'budgetTable', props.budgetTable.node.path, 'a budget as well: the table serves budgets only');
      return undefined;
    }
    if (props.budget.failOpen) {
      warnOptOut(this, GatewayWarning.BUDGET_FAIL_OPEN, `budget.failOpen is set: when the budget table cannot be reached, calls to ${props.modelName} `
        + 'pass unmetered and unlimited (BudgetFailOpen counts them).');
    }
    const table = props.budgetTable ?? new BudgetTable(this, 'BudgetTable');
    for (const [policy, role] of [[this.policy, this.role], [this.chatPolicy, this.chatRole]] as const) {
      policy.addStatements(...table.accessStatements());
      this.network.allowDynamoDb({ role, actions: BUDGET_TABLE_ACTIONS, resources: [table.table.tableArn], peer: this });
    }
    return table;
  }

  /** Only the chat function caches: the table through the DynamoDB gateway endpoint, the HMAC key through the KMS interface endpoint. */
  private bindResponseCache(props: ModelProxyFunctionProps): ResponseCacheStore | undefined {
    if (props.responseCache === undefined) {
      if (props.responseCacheStore) {
        invalidProp(this, 'responseCacheStore', props.responseCacheStore.node.path, 'a responseCache as well: the store serves the cache only');
      }
      return undefined;
    }
    const ttl = props.responseCache.ttl;
    if (ttl !== undefined && !Token.isUnresolved(ttl.toSeconds())) {
      const seconds = ttl.toSeconds();
      if (seconds < RESPONSE_CACHE_TTL_SECONDS.min || seconds > RESPONSE_CACHE_TTL_SECONDS.max) {
        invalidProp(this, 'responseCache.ttl', `${seconds} s`,
          `${RESPONSE_CACHE_TTL_SECONDS.min} to ${RESPONSE_CACHE_TTL_SECONDS.max} seconds (1 minute to 30 days)`);
      }
    }
    const store = props.responseCacheStore ?? new ResponseCacheStore(this, 'ResponseCache');
    this.chatPolicy.addStatements(...store.tableStatements(), store.hmacStatement());
    this.network.allowDynamoDb({ role: this.chatRole, actions: CACHE_TABLE_ACTIONS, resources: [store.table.tableArn], peer: this });
    this.network.grantEndpointAccess({
      service: ec2.InterfaceVpcEndpointAwsService.KMS, role: this.chatRole, actions: CACHE_HMAC_ACTIONS, resources: [store.hmacKey.keyArn], peer: this,
    });
    return store;
  }

  private costConfig(props: ModelProxyFunctionProps): { budget?: BudgetConfig; cache?: ResponseCacheConfig } {
    const budget = props.budget && this.budgetTable ? budgetConfig(this, 'budget', props.budget, this.budgetTable.table.tableName) : undefined;
    if (budget !== undefined && configBytes(budget) > BUDGET_CONFIG_MAX_BYTES) {
      invalidProp(this, 'budget', `${configBytes(budget)} bytes`, `at most ${BUDGET_CONFIG_MAX_BYTES} bytes of budget JSON: fewer tiers or tenants`);
    }
    const store = this.responseCacheStore;
    const cache = props.responseCache && store ? {
      tableName: store.table.tableName,
      ttlSeconds: (props.responseCache.ttl ?? DEFAULT_CACHE_TTL).toSeconds(),
      hmacKeyId: store.hmacKey.keyArn,
      cacheNonZeroTemperature: props.responseCache.cacheNonZeroTemperature ?? false,
    } : undefined;
    return { ...(budget !== undefined && { budget }), ...(cache !== undefined && { cache }) };
  }

  private handlerConfig(props: ModelProxyFunctionProps, routing: BoundRouting | undefined): ModelProxyConfig {
    const binding = this.backendConfig;
    return {
      version: MODEL_PROXY_CONFIG_VERSION,
      model: props.modelName,
      backend: backendConfigOf(binding),
      requestFormat: binding.requestFormat,
      requestModelName: binding.requestModelName,
      responseTextPath: binding.responseTextPath,
      maxPromptLength: props.maxPromptLength,
      maxOutputTokens: props.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
      restorePlaceholders: props.restorePlaceholders ?? false,
      piiMasking: this.piiMasking,
      maxBodyBytes: maxBodyBytesFor(props.maxPromptLength),
      injectionAction: props.injectionAction ?? InjectionAction.BLOCK,
      injectionThreshold: props.injectionThreshold ?? DEFAULT_INJECTION_THRESHOLD,
      retry: { ...DEFAULT_RETRY, maxAttempts: props.maxAttempts ?? DEFAULT_RETRY.maxAttempts },
      timeoutMarginMs: DEFAULT_TIMEOUT_MARGIN_MS,
      streamIdleTimeoutMs: DEFAULT_STREAM_IDLE_TIMEOUT_MS,
      ...(routing === undefined ? {} : { routing: routing.config }),
      ...this.costConfig(props),
    };
  }
}

/** Longest value a token in the configuration can resolve to: an endpoint name, a load balancer's DNS name. */
const TOKEN_BYTES = 128;

/** Bytes of a configuration part once deployed, each token counted at its longest. */
function configBytes(value: unknown): number {
  let tokens = 0;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string' && Token.isUnresolved(v)) tokens += 1;
    return v;
  });
  return Buffer.byteLength(text, 'utf8') + tokens * TOKEN_BYTES;
}

/** Lambda allows 4 KB of environment per function; a token counts at its longest, so a deploy cannot fail on it. */
function checkConfigSize(scope: Construct, config: ModelProxyConfig): void {
  const bytes = configBytes(config);
  if (bytes > MODEL_PROXY_CONFIG_MAX_BYTES) {
    invalidProp(scope, 'model configuration', `${bytes} bytes`, `at most ${MODEL_PROXY_CONFIG_MAX_BYTES} bytes of configuration JSON `
      + '(Lambda allows 4 KB of environment): fewer versions or targets, shorter ids, a smaller PII allowlist, or fewer budget tiers or tenants');
  }
}
