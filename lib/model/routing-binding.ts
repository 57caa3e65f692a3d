import { Duration, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ModelBackendConfig, ModelBackendType, RequestFormat } from './backend-options';
import { ModelBackend } from './model-backend';
import type { ModelProxyFunction } from './model-proxy-function';
import { BoundModelVersion, BoundRoutingTarget, CircuitBreakerOptions, ModelRouting, ModelVersion } from './model-routing';
import { stringProblem } from '../contracts/field-rules';
import {
  BackendConfig,
  CircuitBreakerConfig,
  DEFAULT_BREAKER,
  DEFAULT_MAX_ROUTING_ATTEMPTS,
  DEFAULT_STICKINESS_SECONDS,
  ROUTING_ID,
  ROUTING_LIMITS as L,
  RoutingConfig,
} from '../contracts/model-proxy';
import { invalidProp, validateRange } from '../private/validation';

/** What binding a model's routing yields. */
export interface BoundRouting {
  readonly versions: BoundModelVersion[];
  readonly config: RoutingConfig;
  /** The stable version's first highest-priority target: the configuration's single-target fields. */
  readonly primary: ModelBackendConfig;
}

const DEFAULT_VERSION_WEIGHT = 100;
/** Formats whose bodies carry a `model` field. */
const NAMED_MODEL_FORMATS: readonly RequestFormat[] = [RequestFormat.OPENAI_COMPLETIONS, RequestFormat.OPENAI_CHAT];

/**
 * Checks the routing props, binds every distinct backend once (its grants and
 * network paths for both functions), and builds the handler's `routing`.
 * A backend in several versions is bound once; twice in one version is refused.
 */
export function bindRouting(proxy: ModelProxyFunction, routing: ModelRouting): BoundRouting {
  checkShape(proxy, routing);
  const bound = new Map<ModelBackend, ModelBackendConfig>();
  const versions = routing.versions.map((version): BoundModelVersion => {
    const targets = version.targets.map((target): BoundRoutingTarget => {
      let backendConfig = bound.get(target.backend);
      if (backendConfig === undefined) {
        // Each backend binds in a scope of its own, so two new SageMaker endpoints do not collide.
        backendConfig = target.backend.bind(new Construct(proxy, `Target-${version.name}-${target.id}`), proxy);
        bound.set(target.backend, backendConfig);
      }
      return { id: target.id, priority: target.priority ?? 0, weight: target.weight ?? 1, backendConfig };
    });
    return { name: version.name, weight: version.weight ?? DEFAULT_VERSION_WEIGHT, restricted: version.restricted ?? false, targets };
  });
  for (const version of versions) checkBoundTargets(proxy, version);
  const stable = stableVersion(proxy, versions);
  const top = Math.max(...stable.targets.map((t) => t.priority));
  return {
    versions,
    config: routingConfig(routing, versions),
    primary: stable.targets.find((t) => t.priority === top)!.backendConfig,
  };
}

/** The handler's form of a bound backend. */
export function backendConfigOf(binding: ModelBackendConfig): BackendConfig {
  switch (binding.backendType) {
    case ModelBackendType.SAGEMAKER_ENDPOINT:
      return { type: 'sagemaker', endpointName: binding.target };
    case ModelBackendType.BEDROCK:
      return { type: 'bedrock', modelId: binding.target };
    default:
      return { type: 'http', url: binding.target, allowInsecureHttp: binding.allowInsecureHttp ?? false };
  }
}

function checkShape(scope: Construct, routing: ModelRouting): void {
  const versions = routing.versions ?? [];
  if (versions.length < L.versions.min || versions.length > L.versions.max) {
    invalidProp(scope, 'routing.versions', versions.map((v) => v.name), `${L.versions.min} to ${L.versions.max} versions`);
  }
  const names = new Set<string>();
  for (const version of versions) {
    checkId(scope, 'routing.versions[].name', version.name);
    if (names.has(version.name)) invalidProp(scope, 'routing.versions[].name', version.name, 'unique version names (this one appears more than once)');
    names.add(version.name);
    checkVersion(scope, version);
  }
  if (!versions.some((v) => !(v.restricted ?? false))) {
    invalidProp(scope, 'routing.versions', versions.map((v) => v.name),
      'a stable version (restricted false, weight above 0) besides the restricted ones: they are canaries for testers, and every other caller needs a version');
  }
  if (!versions.some((v) => !(v.restricted ?? false) && (v.weight ?? DEFAULT_VERSION_WEIGHT) > 0)) {
    invalidProp(scope, 'routing.versions', versions.map((v) => `${v.name}: weight ${v.weight ?? DEFAULT_VERSION_WEIGHT}`),
      'at least one unrestricted version with a weight above 0 (a weighted canary needs a stable version beside it)');
  }
  validateRange(scope, 'routing.maxAttempts', routing.maxAttempts, L.maxAttempts);
  checkDuration(scope, 'routing.stickiness', routing.stickiness, L.stickinessSeconds.min * 1000, L.stickinessSeconds.max * 1000);
  checkDuration(scope, 'routing.attemptTimeout', routing.attemptTimeout, L.attemptTimeoutMs.min, L.attemptTimeoutMs.max);
  checkBreaker(scope, routing.circuitBreaker ?? {});
}

function checkVersion(scope: Construct, version: ModelVersion): void {
  const at = `routing.versions[${version.name}]`;
  validateRange(scope, `${at}.weight`, version.weight, L.versionWeight);
  const targets = version.targets ?? [];
  if (targets.length < L.targetsPerVersion.min || targets.length > L.targetsPerVersion.max) {
    invalidProp(scope, `${at}.targets`, targets.map((t) => t.id), `${L.targetsPerVersion.min} to ${L.targetsPerVersion.max} targets`);
  }
  const ids = new Set<string>();
  const backends = new Set<ModelBackend>();
  for (const target of targets) {
    checkId(scope, `${at}.targets[].id`, target.id);
    if (ids.has(target.id)) invalidProp(scope, `${at}.targets[].id`, target.id, 'unique target ids within the version (this one appears more than once)');
    ids.add(target.id);
    if (backends.has(target.backend)) {
      invalidProp(scope, `${at}.targets[${target.id}].backend`, 'a backend already used by another target of the version',
        'each backend once per version (a second target on the same backend would only double its share and its failures)');
    }
    backends.add(target.backend);
    validateRange(scope, `${at}.targets[${target.id}].priority`, target.priority, L.priority);
    validateRange(scope, `${at}.targets[${target.id}].weight`, target.weight, L.weight);
  }
}

/** Checks that need what the backends told on binding: distinct backends may still name the same endpoint, model or URL. */
function checkBoundTargets(scope: Construct, version: BoundModelVersion): void {
  const seen = new Map<string, string>();
  for (const target of version.targets) {
    const { backendType, target: name, requestFormat, requestModelName } = target.backendConfig;
    const at = `routing.versions[${version.name}].targets[${target.id}]`;
    const key = Token.isUnresolved(name) ? undefined : `${backendType}\u0000${name}`;
    if (key !== undefined && seen.has(key)) {
      invalidProp(scope, `${at}.backend`, name, `a backend other than target ${seen.get(key)}'s: the same ${backendType} twice in one version`);
    }
    if (key !== undefined) seen.set(key, target.id);
    if (requestModelName !== undefined && !NAMED_MODEL_FORMATS.includes(requestFormat)) {
      invalidProp(scope, `${at}.requestModelName`, requestModelName,
        `no requestModelName with ${requestFormat}: only ${NAMED_MODEL_FORMATS.join(' and ')} bodies carry a model field`);
    }
  }
}

/** The unrestricted version with the highest weight (the first of equals): what most callers get. */
function stableVersion(scope: Construct, versions: readonly BoundModelVersion[]): BoundModelVersion {
  let stable: BoundModelVersion | undefined;
  for (const v of versions) if (!v.restricted && v.weight > 0 && (stable === undefined || v.weight > stable.weight)) stable = v;
  if (stable === undefined) invalidProp(scope, 'routing.versions', versions.map((v) => v.name), 'a stable version');
  return stable;
}

function routingConfig(routing: ModelRouting, versions: readonly BoundModelVersion[]): RoutingConfig {
  const attemptTimeout = routing.attemptTimeout?.toMilliseconds();
  return {
    versions: versions.map((v) => ({
      name: v.name,
      weight: v.weight,
      restricted: v.restricted,
      targets: v.targets.map((t) => ({
        id: t.id,
        backend: backendConfigOf(t.backendConfig),
        requestFormat: t.backendConfig.requestFormat,
        ...(t.backendConfig.requestModelName === undefined ? {} : { requestModelName: t.backendConfig.requestModelName }),
        responseTextPath: t.backendConfig.responseTextPath,
        priority: t.priority,
        weight: t.weight,
      })),
    })),
    stickinessSeconds: routing.stickiness?.toSeconds() ?? DEFAULT_STICKINESS_SECONDS,
    maxAttempts: routing.maxAttempts ?? DEFAULT_MAX_ROUTING_ATTEMPTS,
    ...(attemptTimeout === undefined ? {} : { attemptTimeoutMs: attemptTimeout }),
    breaker: breakerConfig(routing.circuitBreaker ?? {}),
  };
}

function breakerConfig(b: CircuitBreakerOptions): CircuitBreakerConfig {
  return {
    windowMs: b.window?.toMilliseconds() ?? DEFAULT_BREAKER.windowMs,
    minimumCalls: b.minimumCalls ?? DEFAULT_BREAKER.minimumCalls,
    failureRate: b.failureRate ?? DEFAULT_BREAKER.failureRate,
    consecutiveFailures: b.consecutiveFailures ?? DEFAULT_BREAKER.consecutiveFailures,
    coolDownMs: b.coolDown?.toMilliseconds() ?? DEFAULT_BREAKER.coolDownMs,
    halfOpenProbes: b.halfOpenProbes ?? DEFAULT_BREAKER.halfOpenProbes,
  };
}

function checkBreaker(scope: Construct, b: CircuitBreakerOptions): void {
  const at = 'routing.circuitBreaker';
  checkDuration(scope, `${at}.window`, b.window, L.windowMs.min, L.windowMs.max);
  validateRange(scope, `${at}.minimumCalls`, b.minimumCalls, L.minimumCalls);
  validateRange(scope, `${at}.failureRate`, b.failureRate, { ...L.failureRate, integer: false });
  validateRange(scope, `${at}.consecutiveFailures`, b.consecutiveFailures, L.consecutiveFailures);
  checkDuration(scope, `${at}.coolDown`, b.coolDown, L.coolDownMs.min, L.coolDownMs.max);
  validateRange(scope, `${at}.halfOpenProbes`, b.halfOpenProbes, L.halfOpenProbes);
}

/** The handler needs literal whole numbers: a token Duration would reach it as text. */
function checkDuration(scope: Construct, prop: string, value: Duration | undefined, minMs: number, maxMs: number): void {
  if (value === undefined) return;
  const expected = `${describeMs(minMs)} to ${describeMs(maxMs)}`;
  if (value.isUnresolved()) invalidProp(scope, prop, value.toString(), `a literal duration of ${expected}`);
  const ms = value.toMilliseconds();
  if (!Number.isInteger(ms) || ms < minMs || ms > maxMs) invalidProp(scope, prop, `${ms} ms`, `${expected}, in whole milliseconds`);
  // Stickiness travels in whole seconds.
  if (prop === 'routing.stickiness' && ms % 1000 !== 0) invalidProp(scope, prop, `${ms} ms`, 'whole seconds');
}

function describeMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function checkId(scope: Construct, prop: string, id: string): void {
  const problem = Token.isUnresolved(id) ? 'a literal string' : stringProblem(id, ROUTING_ID);
  if (problem !== undefined) invalidProp(scope, prop, id, problem);
}
