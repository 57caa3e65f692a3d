import { Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { SecureRestApi, SecureRestApiProps } from './api/secure-rest-api';
import { checkAccountDefaults, checkGenerationFitsTimeout, checkTiersWithinCapacity, ModelCapacityPlan } from './capacity/capacity-checks';
import { addMethodThrottle } from './capacity/method-throttle';
import { deriveCapacity, ModelCapacity } from './capacity/model-capacity';
import { ICatalogSource } from './compliance/catalog-source';
import { PROMPT_LENGTH } from './contracts/limits';
import { GatewayCatalog, GatewayCatalogOptions } from './compliance/gateway-catalog';
import { ShadowApiGuard } from './compliance/shadow-api-guard';
import { ShadowApiRule } from './compliance/shadow-api-rule';
import { AiWebAcl } from './edge/ai-web-acl';
import { AiWebAclProps } from './edge/ai-web-acl-props';
import { WafAutoBlock, WafAutoBlockProps } from './edge/waf-auto-block';
import { AiWebAclRule } from './edge/web-acl-rule';
import { IAiIdentity } from './identity/ai-identity-base';
import { AuthorizationMode, GatewayAuthorization, GatewayAuthorizationOptions } from './identity/gateway-authorization';
import { ModelBackendType } from './model/backend-options';
import { ModelBackend } from './model/model-backend';
import { ModelRouting } from './model/model-routing';
import { InjectionAction, ModelProxyFunction } from './model/model-proxy-function';
import { PiiMaskingOptions } from './model/pii-masking-options';
import { ModelNetwork, ModelNetworkProps } from './network/model-network';
import { IModelNetwork } from './network/model-network-base';
import { UnmaskedVpcLinkIntegration } from './network/unmasked-vpc-link-integration';
import { EncryptedLogGroup } from './observability/encrypted-log-group';
import { GatewayAlarms, GatewayAlarmsOptions } from './observability/gateway-alarms';
import { invalidProp, validatePathSafeNames, validateRange } from './private/validation';
import { warnOptOut } from './private/warnings';
import { ApiKeySource, TenantApiKeyOptions, UsageTierOptions } from './traffic/usage-tier-options';
import { UsageTiers } from './traffic/usage-tiers';
import { GatewayWarning } from './gateway-warning';
import { ModelBudgetOptions } from './cost/budget-options';
import { BudgetTable } from './cost/budget-table';
import { ResponseCacheOptions } from './cost/response-cache-options';
import { ResponseCacheStore } from './cost/response-cache-store';

/** A model exposed by the gateway. */
export interface AiModelOptions {
  /** Name of the model in the route `POST /v1/models/<name>/invoke`: 1-64 characters of `[a-z0-9-]`. */
  readonly name: string;
  /**
   * Longest prompt accepted for this model, in characters.
   * @default - the gateway's `maxPromptLength`
   */
  readonly maxPromptLength?: number;
  /**
   * Largest `parameters.maxTokens` a caller may ask of this model.
   * @default 4096
   */
  readonly maxOutputTokens?: number;
  /**
   * The model behind the route, called by a model-proxy function in the gateway's
   * isolated network that validates the request and masks PII both ways. Not with `routing`.
   * @default - the route answers 501 NotImplemented (unless `routing` is given)
   */
  readonly backend?: ModelBackend;
  /**
   * Several backends behind the model instead of one `backend`: versions split by weight and
   * sticky per caller (canaries restricted to testers), targets in priority groups with failover
   * and circuit breakers. Adds per-version and fallback alarms and dashboard rows. Not with `backend`.
   * @default - one `backend`
   */
  readonly routing?: ModelRouting;
  /**
   * Concurrent calls the model may receive on its invoke route (the proxy's reserved concurrency); the same as
   * `capacity: { concurrentGenerations }`. Not with `capacity`.
   * @default 10
   */
  readonly reservedConcurrency?: number;
  /**
   * How much the model must serve (calls per second and typical generation seconds, or concurrent
   * generations). Its functions' reserved concurrency, its routes' throttling, the usage-plan limits
   * it allows and its concurrency alarm are derived from it. Needs `backend` or `routing`.
   * @default - 2 calls per second of 5-second generations: 10 concurrent, throttled at 2 requests/s with bursts of 10
   */
  readonly capacity?: ModelCapacity;
  /**
   * Concurrent calls the model may receive on its chat completions route; a streamed
   * call holds one until its last byte. Needs `backend` or `routing`.
   * @default - derived from `capacity` (10 with the default capacity)
   */
  readonly chatReservedConcurrency?: number;
  /**
   * How long one chat completions call may run, streamed or not: more than 60 s, at most
   * 14 min 55 s. Needs `backend` or `routing`.
   * @default Duration.minutes(5)
   */
  readonly chatTimeout?: Duration;
  /**
   * Put the caller's own values back where the model's answer repeats a placeholder of the prompt.
   * Needs the PLACEHOLDER masking mode.
   * @default false
   */
  readonly restorePlaceholders?: boolean;
  /**
   * How the proxy masks PII in the prompt and in the answer: which types, placeholders or
   * redaction, values never masked, and identifiers of your own. Needs `backend` or `routing`.
   * @default - every type masked with numbered placeholders, no allowlist, no custom patterns
   */
  readonly piiMasking?: PiiMaskingOptions;
  /**
   * What the proxy's prompt-injection guard does with a suspicious prompt.
   * @default InjectionAction.BLOCK
   */
  readonly injectionAction?: InjectionAction;
  /**
   * Serve the route straight from a model server through a VPC link, SKIPPING
   * validation by the proxy and PII masking (the integration warns at synth).
   * Not with `backend` or `routing`.
   * @default - no VPC link
   */
  readonly unmaskedVpcLink?: UnmaskedVpcLinkIntegration;
  /**
   * Token metering, limits and budgets per tenant on both routes, in one DynamoDB table per
   * gateway shared by every model with a budget. Needs `backend` or `routing`.
   * @default - no limits and no metering table
   */
  readonly budget?: ModelBudgetOptions;
  /**
   * An exact-match cache of the chat completions route's answers, per tenant and access scope,
   * in one cache table and HMAC key per gateway. Needs `backend` or `routing`.
   * @default - no cache
   */
  readonly responseCache?: ResponseCacheOptions;
}

/** Properties of a {@link SecureAiGateway}. */
export interface SecureAiGatewayProps extends SecureRestApiProps {
  /** The models to expose, one route each. At least one. */
  readonly models: AiModelOptions[];
  /**
   * Longest prompt accepted, in characters, for models that do not set their own.
   * @default 16000
   */
  readonly maxPromptLength?: number;
  /**
   * Who may call which model.
   * @default - JWT mode: a new Cognito identity with one scope per model, checked by the JWT authorizer
   */
  readonly authorization?: GatewayAuthorizationOptions;
  /**
   * Options of the isolated network the model proxies run in, created when a model has a backend.
   * Not with `existingNetwork`.
   * @default - a VPC with isolated subnets in two zones, no NAT, flow logs on
   */
  readonly networkProps?: ModelNetworkProps;
  /**
   * A network you created (`new ModelNetwork(...)`) or imported (`ModelNetwork.fromModelNetworkAttributes(...)`),
   * for the model proxies. Not with `networkProps`.
   * @default - the gateway creates one when a model has a backend
   */
  readonly existingNetwork?: IModelNetwork;
  /**
   * Options of the web ACL the gateway creates. Not with `existingWebAclArn` or `disableWebAcl`.
   * @default - an AiWebAcl with its defaults
   */
  readonly webAclProps?: AiWebAclProps;
  /**
   * A regional web ACL managed elsewhere (Firewall Manager, a platform team) to associate
   * instead of creating one. Automatic blocking then needs the IP sets added there by hand.
   * @default - the gateway creates a web ACL
   */
  readonly existingWebAclArn?: string;
  /**
   * Leave the API without a web ACL (a warning is added). Only for APIs that sit
   * behind another WAF-protected entry point.
   * @default false
   */
  readonly disableWebAcl?: boolean;
  /**
   * Options of the automatic blocking of repeatedly denied addresses.
   * @default - WafAutoBlock defaults
   */
  readonly autoBlockProps?: WafAutoBlockProps;
  /**
   * Whether repeatedly denied source addresses are blocked automatically (needs the gateway's own web ACL).
   * @default true
   */
  readonly autoBlock?: boolean;
  /**
   * Usage plans as tiers; each model route then requires an API key.
   * @default - no usage plans and no API keys
   */
  readonly usageTiers?: UsageTierOptions[];
  /**
   * API keys of tenants or clients, each on a tier. Requires `usageTiers`.
   * @default - none
   */
  readonly apiKeys?: TenantApiKeyOptions[];
  /**
   * Where API Gateway takes the API key from. AUTHORIZER needs `authorization.usageIdentifierClaim`.
   * @default ApiKeySource.HEADER
   */
  readonly apiKeySource?: ApiKeySource;
  /**
   * Whether the ShadowApiGuard checks this gateway's stack at synth: every REST API method
   * there authorized and validated, every stage logged, throttled and behind a web ACL.
   * Turning it off adds a warning.
   * @default true
   */
  readonly shadowApiGuard?: boolean;
  /**
   * Options of the API catalog, the OpenAPI document of the routes written at synth.
   * @default - GatewayCatalog defaults
   */
  readonly catalog?: GatewayCatalogOptions;
  /**
   * Options of the alarms, their encrypted SNS topics and the dashboard. Not with `disableAlarms`.
   * @default - GatewayAlarms with its defaults
   */
  readonly alarmsProps?: GatewayAlarmsOptions;
  /**
   * Leave the gateway without alarms and dashboard (a warning is added).
   * @default false
   */
  readonly disableAlarms?: boolean;
}

/** UTF-8 bytes of one UTF-16 code unit at worst (a BMP character outside Latin-1 takes 3). */
const MAX_UTF8_BYTES_PER_UNIT = 3;
/** Room for the JSON keys and `parameters` around the prompt. */
const PAYLOAD_OVERHEAD_BYTES = 2_048;

/**
 * A hardened API in front of AI models: one REST API with a route per model,
 * authorized per model, behind a web ACL tuned for prompts, with automatic
 * blocking of abusive addresses, optional usage tiers, encrypted access logs,
 * request validation, a strict TLS policy and uniform JSON error responses.
 */
export class SecureAiGateway extends Construct implements ICatalogSource {
  /** The `maxPromptLength` of models that set none, when the gateway sets none either, in characters. */
  public static readonly DEFAULT_MAX_PROMPT_LENGTH = 16_000;

  /** The REST API construct with its stage and logs. */
  public readonly api: SecureRestApi;
  /** The REST API. */
  public readonly restApi: apigateway.RestApi;
  /** The deployed stage. */
  public readonly stage: apigateway.Stage;
  /** The encrypted log group of the access logs. */
  public readonly accessLogGroup: EncryptedLogGroup;
  /** The authorization of the routes: identity and authorizer. */
  public readonly authorization: GatewayAuthorization;
  /** The Cognito identity. */
  public readonly identity: IAiIdentity;
  /** The web ACL, when the gateway created one. */
  public readonly webAcl?: AiWebAcl;
  /** The association with an existing web ACL, when one was given. */
  public readonly existingWebAclAssociation?: wafv2.CfnWebACLAssociation;
  /** The automatic blocking, when on. */
  public readonly autoBlock?: WafAutoBlock;
  /** The usage tiers, when configured. */
  public readonly usageTiers?: UsageTiers;
  /** The network of the model proxies, when a model has a backend. */
  public readonly network?: IModelNetwork;

  private readonly proxies = new Map<string, ModelProxyFunction>();
  private sharedBudgetTable?: BudgetTable;
  private sharedResponseCache?: ResponseCacheStore;
  private readonly capacityPlans: ModelCapacityPlan[] = [];
  /** The API catalog: an OpenAPI document of the routes and their protections, also written into the cloud assembly at synth. */
  public readonly catalog: GatewayCatalog;
  /** The alarms, their topics and the dashboard, unless disabled. */
  public readonly alarms?: GatewayAlarms;

  public constructor(scope: Construct, id: string, props: SecureAiGatewayProps) {
    super(scope, id);
    if (!Array.isArray(props.models) || props.models.length === 0) {
      invalidProp(this, 'models', props.models, 'at least one model');
    }
    validatePathSafeNames(this, 'models[].name', props.models.map((model) => model.name));
    const defaultPromptLength = props.maxPromptLength ?? SecureAiGateway.DEFAULT_MAX_PROMPT_LENGTH;
    validateRange(this, 'maxPromptLength', defaultPromptLength, PROMPT_LENGTH);
    this.validateEdgeProps(props);

    this.api = new SecureRestApi(this, 'Api', props);
    this.restApi = this.api.restApi;
    this.stage = this.api.stage;
    this.accessLogGroup = this.api.accessLogGroup;

    this.authorization = new GatewayAuthorization(this, 'Authorization', { ...props.authorization, models: props.models.map((m) => m.name) });
    this.identity = this.authorization.identity;

    if (props.models.some((model) => model.backend || model.routing)) {
      this.network = props.existingNetwork ?? new ModelNetwork(this, 'Network', props.networkProps);
    }
    for (const model of props.models) {
      const maxPromptLength = model.maxPromptLength ?? defaultPromptLength;
      const { authorizer, authorizationScopes } = this.authorization.forModel(model.name);
      const method = this.api.addModelRoute(model.name, {
        maxPromptLength,
        maxOutputTokens: model.maxOutputTokens,
        integration: this.integrationFor(model, maxPromptLength),
        authorizer,
        authorizationScopes,
      });
      this.authorization.acknowledgeOn(method);
      this.throttleToCapacity(model.name, method);
      // Only a proxied model speaks the chat completions API; a route that could only answer 501 would be surface for nothing.
      const proxy = this.proxies.get(model.name);
      if (proxy) {
        const chatMethod = this.api.addChatRoute(model.name, { integration: proxy.chatIntegration(), authorizer, authorizationScopes });
        this.authorization.acknowledgeOn(chatMethod);
        this.throttleToCapacity(model.name, chatMethod);
      }
    }

    this.checkVersionGrants(props.models);
    this.checkCostControl(props);

    if (props.existingWebAclArn !== undefined) {
      this.existingWebAclAssociation = AiWebAcl.associateExisting(this, 'WebAclAssociation', props.existingWebAclArn, this.stage);
    } else if (props.disableWebAcl) {
      warnOptOut(this, GatewayWarning.WAF_DISABLED,
        'disableWebAcl is set: the API has no web ACL, so no managed rules, rate limits or body size limit protect it.');
      ShadowApiGuard.exemptStage(this.stage, 'disableWebAcl is set: the API sits behind another WAF-protected entry point.', [ShadowApiRule.STAGE_WEB_ACL]);
    } else {
      this.webAcl = new AiWebAcl(this, 'WebAcl', props.webAclProps);
      this.webAcl.associate(this.stage);
      this.warnWhenPromptsExceedBodyLimit(props, defaultPromptLength, this.webAcl.maxBodySize);
    }

    if (this.webAcl && props.autoBlock !== false) {
      this.autoBlock = new WafAutoBlock(this, 'AutoBlock', {
        ignoredRuleNames: [AiWebAclRule.AUTO_BLOCKED_IPS],
        ...props.autoBlockProps,
      });
      this.webAcl.addBlockedIpSet(this.autoBlock.ipv4Set);
      this.webAcl.addBlockedIpSet(this.autoBlock.ipv6Set);
      this.autoBlock.addWafLogSource(this.webAcl.logGroup);
      if (this.authorization.jwtAuthorizer) {
        this.autoBlock.addAuthorizerLogSource(this.authorization.jwtAuthorizer.logGroup.logGroup);
      }
    }

    if (props.usageTiers) {
      this.usageTiers = new UsageTiers(this, 'UsageTiers', {
        stage: this.stage,
        models: props.models.map((model) => ({
          model: model.name,
          method: this.methodFor(model.name),
          chatMethod: this.proxies.has(model.name) ? this.chatMethodFor(model.name) : undefined,
        })),
        tiers: props.usageTiers,
        apiKeys: props.apiKeys,
        keySource: props.apiKeySource,
      });
    }

    if (props.usageTiers) checkTiersWithinCapacity(this, props.usageTiers, this.capacityPlans);
    checkAccountDefaults(this, this.capacityPlans);

    this.catalog = new GatewayCatalog(this, 'Catalog', { ...props.catalog, gateway: this });
    if (props.shadowApiGuard === false) {
      warnOptOut(this, GatewayWarning.SHADOW_API_GUARD_DISABLED,
        'shadowApiGuard is false: unprotected methods and stages in this stack no longer fail synthesis.');
    } else {
      ShadowApiGuard.of(Stack.of(this));
    }

    // Last, so that every function created above is watched.
    if (props.disableAlarms) {
      warnOptOut(this, GatewayWarning.ALARMS_DISABLED,
        'disableAlarms is set: nothing alarms on errors, latency, attacks or failing functions of this gateway.');
    } else {
      this.alarms = new GatewayAlarms(this, 'Alarms', {
        ...props.alarmsProps, api: this.api, webAcl: this.webAcl, authorizer: this.authorization.jwtAuthorizer, autoBlock: this.autoBlock,
        // Only model proxies emit the injection and PII metrics; without one their alarms could never fire.
        modelProxyMetrics: this.proxies.size > 0,
      });
      this.alarms.addFunctionsIn(this);
      for (const proxy of this.proxies.values()) {
        this.alarms.addConcurrencyAlarm(proxy.function, this.capacityPlans.find((p) => p.model === proxy.modelName)!.derived.invokeReservedConcurrency);
        for (const endpoint of sageMakerEndpointsOf(proxy)) this.alarms.addSageMakerEndpoint(endpoint);
        if (proxy.routedVersions.length > 0) this.alarms.addRoutedModel(proxy.modelName, proxy.routedVersions);
        if (proxy.budget) this.alarms.addBudgetedModel(proxy.modelName, proxy.budget.price !== undefined);
        if (proxy.responseCacheStore) this.alarms.addCachedModel(proxy.modelName);
      }
    }
  }

  /** The method of a model's route. */
  public methodFor(model: string): apigateway.Method {
    return this.api.methodFor(model);
  }

  /** The method of a model's chat completions route; only models with a backend have one. */
  public chatMethodFor(model: string): apigateway.Method {
    return this.api.chatMethodFor(model);
  }

  /** The budget table shared by the models with a budget, when one has. */
  public get budgetTable(): BudgetTable | undefined {
    return this.sharedBudgetTable;
  }

  /** The response cache shared by the models with a cache, when one has. */
  public get responseCacheStore(): ResponseCacheStore | undefined {
    return this.sharedResponseCache;
  }

  /** The models served by a model-proxy function. */
  public get proxiedModels(): string[] {
    return [...this.proxies.keys()];
  }

  /** The model-proxy functions (`function` for invoke, `chatFunction` for chat completions) of a model that has a backend. */
  public proxyFor(model: string): ModelProxyFunction {
    const proxy = this.proxies.get(model);
    if (!proxy) invalidProp(this, 'model', model, `a model with a backend (${[...this.proxies.keys()].join(', ') || 'none'})`);
    return proxy;
  }

  private integrationFor(model: AiModelOptions, maxPromptLength: number): apigateway.Integration | undefined {
    if (model.backend && model.routing) {
      invalidProp(this, `models[${model.name}]`, 'backend and routing', 'one of backend (one target) or routing (several)');
    }
    if ((model.backend || model.routing) && model.unmaskedVpcLink) {
      invalidProp(this, `models[${model.name}]`, 'a backend and unmaskedVpcLink', 'one of backend or routing (masked, through the proxy) or unmaskedVpcLink');
    }
    if (model.unmaskedVpcLink && model.piiMasking !== undefined) {
      invalidProp(this, `models[${model.name}].piiMasking`, 'set with unmaskedVpcLink', 'a backend: the VPC link path masks nothing');
    }
    if (model.unmaskedVpcLink) return model.unmaskedVpcLink.integration;
    if (!model.backend && !model.routing) {
      const proxyOptions = [
        model.reservedConcurrency, model.capacity, model.restorePlaceholders, model.injectionAction, model.piiMasking,
        model.chatReservedConcurrency, model.chatTimeout, model.budget, model.responseCache,
      ];
      if (proxyOptions.some((option) => option !== undefined)) {
        invalidProp(this, `models[${model.name}]`, 'proxy options without a backend', 'a backend for reservedConcurrency, capacity, '
          + 'chatReservedConcurrency, chatTimeout, restorePlaceholders, injectionAction, piiMasking, budget and responseCache to apply to');
      }
      return undefined;
    }
    const proxy = new ModelProxyFunction(this, `Proxy-${model.name}`, {
      network: this.network!,
      backend: model.backend,
      routing: model.routing,
      modelName: model.name,
      maxPromptLength,
      maxOutputTokens: model.maxOutputTokens,
      reservedConcurrency: this.capacityOf(model).derived.invokeReservedConcurrency,
      chatReservedConcurrency: model.chatReservedConcurrency ?? this.capacityOf(model).derived.chatReservedConcurrency,
      chatTimeout: model.chatTimeout,
      // Every model's log groups hold the same kind of records and a generated name's key admits any log group of the
      // account anyway: the first model's key serves all of them, one key per gateway instead of one per model.
      logEncryptionKey: this.proxies.values().next().value?.logGroup.key,
      restorePlaceholders: model.restorePlaceholders,
      injectionAction: model.injectionAction,
      piiMasking: model.piiMasking,
      budget: model.budget,
      budgetTable: model.budget === undefined ? undefined : this.sharedBudgetTable ??= new BudgetTable(this, 'BudgetTable'),
      responseCache: model.responseCache,
      responseCacheStore: model.responseCache === undefined ? undefined : this.sharedResponseCache ??= new ResponseCacheStore(this, 'ResponseCache'),
    });
    this.proxies.set(model.name, proxy);
    checkGenerationFitsTimeout(this, this.capacityOf(model), proxy.function.timeout?.toSeconds() ?? 0);
    return new apigateway.LambdaIntegration(proxy.function, { timeout: Duration.seconds(29), allowTestInvoke: false });
  }

  /** A grant of a version the model does not restrict would change nothing: most likely a typo or a promoted canary. */
  private checkVersionGrants(models: AiModelOptions[]): void {
    for (const rule of this.authorization.modelAccess) {
      const routing = models.find((m) => m.name === rule.model)?.routing;
      const restricted = (routing?.versions ?? []).filter((v) => v.restricted).map((v) => v.name);
      for (const version of (rule.versionAccess ?? []).flatMap((grant) => grant.versions)) {
        if (restricted.includes(version)) continue;
        invalidProp(this, `authorization.modelAccess[${rule.model}].versionAccess[].versions`, version, restricted.length > 0
          ? `a restricted version of ${rule.model} (${restricted.join(', ')})`
          : `no version grants: ${rule.model} has no restricted version in its routing`);
      }
    }
    // A restricted version nobody is granted is a canary no tester can reach: COGNITO mode grants no versions at all.
    for (const model of models) {
      const granted = new Set(this.authorization.mode === AuthorizationMode.JWT
        ? this.authorization.modelAccess.filter((rule) => rule.model === model.name).flatMap((rule) => (rule.versionAccess ?? []).flatMap((g) => g.versions))
        : []);
      const unreachable = (model.routing?.versions ?? []).filter((v) => v.restricted && !granted.has(v.name)).map((v) => v.name);
      if (unreachable.length > 0) {
        warnOptOut(this, GatewayWarning.RESTRICTED_VERSION_UNREACHABLE,
          `Restricted version(s) ${unreachable.join(', ')} of ${model.name} are granted to nobody`
          + (this.authorization.mode === AuthorizationMode.JWT ? ' (no modelAccess versionAccess names them)' : ' (COGNITO authorization grants no versions)')
          + ': no caller can reach them. Grant them with versionAccess in JWT mode, or drop restricted.');
      }
    }
  }

  /**
   * Without a tenant claim every caller is the tenant `-` (one budget for all) and no answer is ever cached;
   * a budget tier no usage tier carries applies only if the tier claim has names of its own: most likely a typo.
   */
  private checkCostControl(props: SecureAiGatewayProps): void {
    const usageTiers = (props.usageTiers ?? []).map((tier) => tier.name);
    const costControlled = props.models.filter((m) => m.budget !== undefined || m.responseCache !== undefined).map((m) => m.name);
    if (costControlled.length > 0 && props.authorization?.tenantClaim === undefined) {
      warnOptOut(this, GatewayWarning.COST_CONTROL_WITHOUT_TENANT, `${costControlled.join(', ')} have a budget or a response cache, but `
        + 'authorization.tenantClaim is not set: every caller counts as the tenant "-" against one shared budget, and no answer is cached.');
    }
    for (const model of props.models) {
      for (const { tier } of model.budget?.tiers ?? []) {
        if (usageTiers.includes(tier)) continue;
        warnOptOut(this, GatewayWarning.BUDGET_TIER_UNKNOWN, `models[${model.name}].budget.tiers names ${JSON.stringify(tier)}, which is not `
          + `one of the gateway's usage tiers (${usageTiers.join(', ') || 'none'}): its limits apply only to callers whose tier claim carries it.`);
      }
    }
  }

  /** The capacity plan of a model with a backend, derived once. */
  private capacityOf(model: AiModelOptions): ModelCapacityPlan {
    const known = this.capacityPlans.find((plan) => plan.model === model.name);
    if (known) return known;
    if (model.capacity !== undefined && model.reservedConcurrency !== undefined) {
      invalidProp(this, `models[${model.name}].reservedConcurrency`, model.reservedConcurrency,
        'no reservedConcurrency with capacity: the reserved concurrency is derived from capacity');
    }
    const capacity = model.capacity ?? (model.reservedConcurrency === undefined ? undefined : { concurrentGenerations: model.reservedConcurrency });
    const plan = { model: model.name, derived: deriveCapacity(this, `models[${model.name}].capacity`, capacity), routes: 2 };
    this.capacityPlans.push(plan);
    return plan;
  }

  /** API Gateway answers 429 before the model's functions run out of reserved concurrency. */
  private throttleToCapacity(model: string, method: apigateway.Method): void {
    const plan = this.capacityPlans.find((p) => p.model === model);
    if (!plan) return;
    addMethodThrottle(this.stage, {
      resourcePath: method.resource.path, httpMethod: method.httpMethod,
      rateLimit: plan.derived.methodRateLimit, burstLimit: plan.derived.methodBurstLimit,
    });
  }

  private validateEdgeProps(props: SecureAiGatewayProps): void {
    const webAclChoices = [
      props.webAclProps && 'webAclProps',
      props.existingWebAclArn !== undefined && 'existingWebAclArn',
      props.disableWebAcl && 'disableWebAcl',
    ].filter(Boolean);
    if (webAclChoices.length > 1) {
      invalidProp(this, 'web ACL props', webAclChoices, 'at most one of webAclProps, existingWebAclArn and disableWebAcl');
    }
    if (props.autoBlockProps && (props.autoBlock === false || props.existingWebAclArn !== undefined || props.disableWebAcl)) {
      invalidProp(this, 'autoBlockProps', 'set', 'no autoBlockProps when automatic blocking is off or the web ACL is not the gateway\'s own');
    }
    if (props.networkProps && props.existingNetwork) {
      invalidProp(this, 'networkProps', 'set', 'one of networkProps or existingNetwork');
    }
    if (props.apiKeys && !props.usageTiers) {
      invalidProp(this, 'apiKeys', props.apiKeys.map((key) => key.name), 'usageTiers as well: every API key belongs to a tier');
    }
    if (props.alarmsProps && props.disableAlarms) {
      invalidProp(this, 'alarmsProps', 'set', 'no alarmsProps when disableAlarms is set');
    }
    if (props.apiKeySource === ApiKeySource.AUTHORIZER && !props.authorization?.usageIdentifierClaim) {
      invalidProp(this, 'apiKeySource', props.apiKeySource, 'authorization.usageIdentifierClaim as well: the authorizer returns the key from that claim');
    }
  }

  /** A prompt within the schema's length can still be too many bytes for the web ACL's size rule. */
  private warnWhenPromptsExceedBodyLimit(props: SecureAiGatewayProps, defaultPromptLength: number, maxBodySize: number): void {
    const longest = Math.max(...props.models.map((model) => model.maxPromptLength ?? defaultPromptLength));
    const worstCaseBytes = longest * MAX_UTF8_BYTES_PER_UNIT + PAYLOAD_OVERHEAD_BYTES;
    if (worstCaseBytes > maxBodySize) {
      warnOptOut(this, GatewayWarning.PROMPT_EXCEEDS_BODY_LIMIT,
        `A prompt of ${longest} characters can take up to ${worstCaseBytes} bytes in UTF-8, more than the web ACL's maxBodySize of ${maxBodySize} bytes: `
        + 'long prompts in non-Latin scripts will be refused with 413 before the length check. Lower maxPromptLength or raise webAclProps.maxBodySize.');
    }
  }
}

/** Every SageMaker endpoint a model's proxy calls, once each: its one backend or each routed target's. */
function sageMakerEndpointsOf(proxy: ModelProxyFunction): string[] {
  const configs = proxy.routedVersions.length > 0 ? proxy.routedVersions.flatMap((v) => v.targets.map((t) => t.backendConfig)) : [proxy.backendConfig];
  return [...new Set(configs.filter((c) => c.backendType === ModelBackendType.SAGEMAKER_ENDPOINT).map((c) => c.target))];
}
