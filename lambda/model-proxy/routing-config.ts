/**
 * Reads the `routing` part of the proxy configuration against
 * ROUTING_LIMITS: every field and its limit, target ids unique within their
 * version, version names unique, and at least one unrestricted version with
 * weight, so every caller has a version. Each target's backend follows the
 * rules of the single-target `backend` field. Unknown fields are errors.
 */
import {
  type BackendConfig,
  type CircuitBreakerConfig,
  type ModelVersionConfig,
  REQUEST_FORMATS,
  REQUEST_MODEL_NAME,
  RESPONSE_TEXT_PATH,
  ROUTING_ID,
  ROUTING_LIMITS as L,
  type RoutingConfig,
  type RoutingTargetConfig,
} from '../../lib/contracts/model-proxy';
import {
  type ConfigIssues,
  type JsonObject,
  readBoolean,
  readChoice,
  readInteger,
  readNumber,
  readObject,
  readObjectList,
  readString,
  rejectUnknownKeys,
} from '../shared/config-reader';

type BackendReader = (parent: JsonObject, issues: ConfigIssues, path: string) => BackendConfig | undefined;

const ROUTING_KEYS = ['versions', 'stickinessSeconds', 'maxAttempts', 'attemptTimeoutMs', 'breaker'] as const;
const VERSION_KEYS = ['name', 'weight', 'restricted', 'targets'] as const;
const TARGET_KEYS = ['id', 'backend', 'requestFormat', 'requestModelName', 'responseTextPath', 'priority', 'weight'] as const;
const BREAKER_KEYS = ['windowMs', 'minimumCalls', 'failureRate', 'consecutiveFailures', 'coolDownMs', 'halfOpenProbes'] as const;

export function readRouting(root: JsonObject, issues: ConfigIssues, readBackend: BackendReader): RoutingConfig | undefined {
  const routing = readObject(root, 'routing', '', issues);
  if (routing === undefined) return undefined;
  rejectUnknownKeys(routing, ROUTING_KEYS, 'routing', issues);
  const versions = readObjectList(routing, 'versions', 'routing', issues, L.versions.min, (v, at) => readVersion(v, at, issues, readBackend));
  const count = Array.isArray(routing.versions) ? routing.versions.length : 0;
  if (count > L.versions.max) issues.add('routing.versions', `must have at most ${L.versions.max} items`);
  unique(versions.map((v) => v.name), 'routing.versions', 'version name', issues);
  // Only when every version was read: a broken version already has its own message.
  if (count >= L.versions.min && versions.length === count && !versions.some((v) => v.weight > 0 && !v.restricted)) {
    issues.add('routing.versions', 'expected at least one version that is not restricted and has a weight above 0');
  }
  const stickinessSeconds = readInteger(routing, 'stickinessSeconds', 'routing', issues, { ...L.stickinessSeconds, required: true });
  const maxAttempts = readInteger(routing, 'maxAttempts', 'routing', issues, { ...L.maxAttempts, required: true });
  const attemptTimeoutMs = readInteger(routing, 'attemptTimeoutMs', 'routing', issues, L.attemptTimeoutMs);
  const breaker = readBreaker(routing, issues);
  if (stickinessSeconds === undefined || maxAttempts === undefined || breaker === undefined) return undefined;
  return { versions, stickinessSeconds, maxAttempts, ...(attemptTimeoutMs === undefined ? {} : { attemptTimeoutMs }), breaker };
}

function readVersion(v: JsonObject, at: string, issues: ConfigIssues, readBackend: BackendReader): ModelVersionConfig | undefined {
  rejectUnknownKeys(v, VERSION_KEYS, at, issues);
  const name = readString(v, 'name', at, issues, { ...ROUTING_ID, required: true });
  const weight = readInteger(v, 'weight', at, issues, { ...L.versionWeight, required: true });
  const restricted = readBoolean(v, 'restricted', at, issues, true);
  const targets = readObjectList(v, 'targets', at, issues, L.targetsPerVersion.min, (t, tAt) => readTarget(t, tAt, issues, readBackend));
  const count = Array.isArray(v.targets) ? v.targets.length : 0;
  if (count > L.targetsPerVersion.max) issues.add(`${at}.targets`, `must have at most ${L.targetsPerVersion.max} items`);
  unique(targets.map((t) => t.id), `${at}.targets`, 'target id', issues);
  if (name === undefined || weight === undefined || restricted === undefined || targets.length !== count) return undefined;
  return { name, weight, restricted, targets };
}

function readTarget(t: JsonObject, at: string, issues: ConfigIssues, readBackend: BackendReader): RoutingTargetConfig | undefined {
  rejectUnknownKeys(t, TARGET_KEYS, at, issues);
  const id = readString(t, 'id', at, issues, { ...ROUTING_ID, required: true });
  const backend = readBackend(t, issues, at);
  const requestFormat = readChoice(t, 'requestFormat', at, issues, REQUEST_FORMATS, true);
  const requestModelName = readString(t, 'requestModelName', at, issues, REQUEST_MODEL_NAME);
  const responseTextPath = readString(t, 'responseTextPath', at, issues, { ...RESPONSE_TEXT_PATH, required: true });
  const priority = readInteger(t, 'priority', at, issues, { ...L.priority, required: true });
  const weight = readInteger(t, 'weight', at, issues, { ...L.weight, required: true });
  if (id === undefined || backend === undefined || requestFormat === undefined || responseTextPath === undefined
    || priority === undefined || weight === undefined) return undefined;
  return { id, backend, requestFormat, ...(requestModelName === undefined ? {} : { requestModelName }), responseTextPath, priority, weight };
}

function readBreaker(routing: JsonObject, issues: ConfigIssues): CircuitBreakerConfig | undefined {
  const b = readObject(routing, 'breaker', 'routing', issues);
  if (b === undefined) return undefined;
  const at = 'routing.breaker';
  rejectUnknownKeys(b, BREAKER_KEYS, at, issues);
  const windowMs = readInteger(b, 'windowMs', at, issues, { ...L.windowMs, required: true });
  const minimumCalls = readInteger(b, 'minimumCalls', at, issues, { ...L.minimumCalls, required: true });
  const failureRate = readNumber(b, 'failureRate', at, issues, { ...L.failureRate, required: true });
  const consecutiveFailures = readInteger(b, 'consecutiveFailures', at, issues, { ...L.consecutiveFailures, required: true });
  const coolDownMs = readInteger(b, 'coolDownMs', at, issues, { ...L.coolDownMs, required: true });
  const halfOpenProbes = readInteger(b, 'halfOpenProbes', at, issues, { ...L.halfOpenProbes, required: true });
  if (windowMs === undefined || minimumCalls === undefined || failureRate === undefined || consecutiveFailures === undefined
    || coolDownMs === undefined || halfOpenProbes === undefined) return undefined;
  return { windowMs, minimumCalls, failureRate, consecutiveFailures, coolDownMs, halfOpenProbes };
}

/** Names the list (not the value: messages never echo configuration values) when one appears twice. */
function unique(names: readonly string[], at: string, what: string, issues: ConfigIssues): void {
  if (new Set(names).size !== names.length) issues.add(at, `expected each ${what} once`);
}
