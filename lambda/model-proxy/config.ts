import { BEDROCK_MODEL_ID, parseBedrockModelRef } from '../../lib/contracts/bedrock-model-ref';
import { PROMPT_LENGTH } from '../../lib/contracts/limits';
import {
  BACKEND_TYPES,
  CustomPiiPatternConfig,
  DYNAMODB_TABLE_NAME,
  KMS_KEY_REF,
  RESPONSE_CACHE_TTL_SECONDS,
  ResponseCacheConfig,
  BACKEND_URL,
  BackendConfig,
  INJECTION_ACTIONS,
  INJECTION_THRESHOLD,
  MAX_BODY_BYTES,
  MAX_OUTPUT_TOKENS,
  MODEL_PROXY_CONFIG_ENV,
  MODEL_PROXY_CONFIG_VERSION,
  ModelProxyConfig,
  PII_ALLOWLIST_MAX_LENGTH,
  PII_ALLOWLIST_MAX_VALUES,
  PII_CUSTOM_PATTERN_MAX_LENGTH,
  PII_CUSTOM_PATTERNS_MAX,
  PII_ENTITY_TYPES,
  PII_PROXY_MODES,
  PiiEntityTypeName,
  PiiMaskingConfig,
  REQUEST_FORMATS,
  REQUEST_MODEL_NAME,
  RESPONSE_TEXT_PATH,
  RETRY_ATTEMPTS,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS_CEILING,
  RetryConfig,
  SAGEMAKER_ENDPOINT_NAME,
  STREAM_IDLE_TIMEOUT_MS,
  TIMEOUT_MARGIN_MS,
} from '../../lib/contracts/model-proxy';
import { MODEL_NAME } from '../../lib/contracts/model-names';
import { CUSTOM_PATTERN_NAME, CUSTOM_PATTERN_NAME_RULE } from '../pii-masking/config-checks';
import { readRouting } from './routing-config';
import { readBudget } from '../budget/budget-config';
import {
  type ConfigIssues,
  type ConfigResult,
  type JsonObject,
  parseConfig,
  readBoolean,
  readChoice,
  readInteger,
  readList,
  readNumber,
  readObjectList,
  readObject,
  readString,
} from '../shared/config-reader';

/** Parses and checks the configuration JSON once, at cold start. */
export function parseProxyConfig(raw: string | undefined): ConfigResult<ModelProxyConfig> {
  return parseConfig(raw, MODEL_PROXY_CONFIG_ENV, readConfig);
}

function readConfig(root: JsonObject, issues: ConfigIssues): ModelProxyConfig {
  if (root.version !== MODEL_PROXY_CONFIG_VERSION) issues.add('version', `expected ${MODEL_PROXY_CONFIG_VERSION}`);
  // Every field is read even after a problem, so one log line lists them all; `data` is used only when there is none.
  const config: ModelProxyConfig = {
    version: MODEL_PROXY_CONFIG_VERSION,
    model: readString(root, 'model', '', issues, { ...MODEL_NAME, required: true })!,
    backend: readBackend(root, issues)!,
    requestFormat: readChoice(root, 'requestFormat', '', issues, REQUEST_FORMATS, true)!,
    requestModelName: readString(root, 'requestModelName', '', issues, REQUEST_MODEL_NAME),
    responseTextPath: readString(root, 'responseTextPath', '', issues, { ...RESPONSE_TEXT_PATH, required: true })!,
    maxPromptLength: readInteger(root, 'maxPromptLength', '', issues, { ...PROMPT_LENGTH, required: true })!,
    maxOutputTokens: readInteger(root, 'maxOutputTokens', '', issues, { ...MAX_OUTPUT_TOKENS, required: true })!,
    restorePlaceholders: readBoolean(root, 'restorePlaceholders', '', issues, true)!,
    piiMasking: readPiiMasking(root, issues)!,
    maxBodyBytes: readInteger(root, 'maxBodyBytes', '', issues, { ...MAX_BODY_BYTES, required: true })!,
    injectionAction: readChoice(root, 'injectionAction', '', issues, INJECTION_ACTIONS, true)!,
    injectionThreshold: readNumber(root, 'injectionThreshold', '', issues, { ...INJECTION_THRESHOLD, required: true })!,
    retry: readRetry(root, issues)!,
    timeoutMarginMs: readInteger(root, 'timeoutMarginMs', '', issues, { ...TIMEOUT_MARGIN_MS, required: true })!,
    streamIdleTimeoutMs: readInteger(root, 'streamIdleTimeoutMs', '', issues, { ...STREAM_IDLE_TIMEOUT_MS, required: true })!,
    ...('routing' in root && root.routing !== undefined ? { routing: readRouting(root, issues, readBackend) } : {}),
    ...('cache' in root && root.cache !== undefined ? { cache: readCache(root, issues) } : {}),
    ...('budget' in root && root.budget !== undefined ? { budget: readBudget(root, issues) } : {}),
  };
  // Only placeholders can be put back; a redacted value is gone.
  if (config.restorePlaceholders && config.piiMasking !== undefined && config.piiMasking.mode !== 'placeholder') {
    issues.add('restorePlaceholders', 'expected false unless piiMasking.mode is placeholder');
  }
  return config;
}

/**
 * The masking options' shape and limits. Patterns and allowlist values are
 * compiled by the masker itself when the guards are built (guard-wiring.ts),
 * so a pattern it refuses stops the function from starting.
 */
function readPiiMasking(root: JsonObject, issues: ConfigIssues): PiiMaskingConfig | undefined {
  const pii = readObject(root, 'piiMasking', '', issues);
  if (pii === undefined) return undefined;
  const mode = readChoice(pii, 'mode', 'piiMasking', issues, PII_PROXY_MODES, true);
  const entityTypes = 'entityTypes' in pii
    ? bounded(readList(pii, 'entityTypes', 'piiMasking', issues, 1, (item, at) => {
      if (typeof item === 'string' && (PII_ENTITY_TYPES as readonly string[]).includes(item)) return item as PiiEntityTypeName;
      issues.add(at, `must be one of ${PII_ENTITY_TYPES.join(', ')}`);
      return undefined;
    }), PII_ENTITY_TYPES.length, 'piiMasking.entityTypes', issues)
    : undefined;
  const allowlist = bounded(readList(pii, 'allowlist', 'piiMasking', issues, 0, (item, at) => {
    if (typeof item === 'string' && ALLOWLIST_VALUE.test(item)) return item;
    issues.add(at, `must be 1-${PII_ALLOWLIST_MAX_LENGTH} characters without control characters`);
    return undefined;
  }), PII_ALLOWLIST_MAX_VALUES, 'piiMasking.allowlist', issues);
  const customPatterns = bounded(readObjectList(pii, 'customPatterns', 'piiMasking', issues, 0, (p, at): CustomPiiPatternConfig | undefined => {
    const name = readString(p, 'name', at, issues, { maxLength: 32, pattern: CUSTOM_PATTERN_NAME, patternRule: CUSTOM_PATTERN_NAME_RULE, required: true });
    const pattern = readString(p, 'pattern', at, issues, { maxLength: PII_CUSTOM_PATTERN_MAX_LENGTH, required: true });
    const caseInsensitive = readBoolean(p, 'caseInsensitive', at, issues) ?? false;
    return name === undefined || pattern === undefined ? undefined : { name, pattern, caseInsensitive };
  }), PII_CUSTOM_PATTERNS_MAX, 'piiMasking.customPatterns', issues);
  if (mode === undefined) return undefined;
  return entityTypes === undefined ? { mode, allowlist, customPatterns } : { mode, entityTypes, allowlist, customPatterns };
}

const ALLOWLIST_VALUE = new RegExp(`^(?=.*\\S)[^\\u0000-\\u001f\\u007f]{1,${PII_ALLOWLIST_MAX_LENGTH}}$`, 's');

function bounded<T>(items: T[], max: number, at: string, issues: ConfigIssues): T[] {
  if (items.length > max) issues.add(at, `must have at most ${max} items`);
  return items;
}

/** The `backend` object of `parent` (at `path`), by the rules of its type. */
export function readBackend(parent: JsonObject, issues: ConfigIssues, path = ''): BackendConfig | undefined {
  const backend = readObject(parent, 'backend', path, issues);
  if (backend === undefined) return undefined;
  const at = path ? `${path}.backend` : 'backend';
  const type = readChoice(backend, 'type', at, issues, BACKEND_TYPES, true);
  switch (type) {
    case undefined:
      return undefined;
    case 'sagemaker': {
      const endpointName = readString(backend, 'endpointName', at, issues, { ...SAGEMAKER_ENDPOINT_NAME, required: true });
      return endpointName === undefined ? undefined : { type, endpointName };
    }
    case 'bedrock': {
      const modelId = readString(backend, 'modelId', at, issues, { ...BEDROCK_MODEL_ID, required: true });
      if (modelId === undefined) return undefined;
      // The construct's own rule: a foundation model, or an inference profile by id or ARN.
      if (parseBedrockModelRef(modelId) !== undefined) return { type, modelId };
      issues.add(`${at}.modelId`, 'expected a foundation-model id, or an inference profile id or ARN');
      return undefined;
    }
    default: {
      const allowInsecureHttp = readBoolean(backend, 'allowInsecureHttp', at, issues, true);
      const url = readString(backend, 'url', at, issues, { ...BACKEND_URL, required: true });
      if (url === undefined || allowInsecureHttp === undefined) return undefined;
      const problem = backendUrlProblem(url, allowInsecureHttp);
      if (problem === undefined) return { type, url, allowInsecureHttp };
      issues.add(`${at}.url`, `expected ${problem}`);
      return undefined;
    }
  }
}

function backendUrlProblem(url: string, allowInsecureHttp: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'a URL';
  }
  if (parsed.username || parsed.password) return 'a URL without credentials';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && allowInsecureHttp)) return 'an https URL (http only with allowInsecureHttp)';
  return undefined;
}

function readCache(root: JsonObject, issues: ConfigIssues): ResponseCacheConfig | undefined {
  const cache = readObject(root, 'cache', '', issues);
  if (cache === undefined) return undefined;
  const tableName = readString(cache, 'tableName', 'cache', issues, { ...DYNAMODB_TABLE_NAME, required: true });
  const ttlSeconds = readInteger(cache, 'ttlSeconds', 'cache', issues, { ...RESPONSE_CACHE_TTL_SECONDS, required: true });
  const hmacKeyId = readString(cache, 'hmacKeyId', 'cache', issues, { ...KMS_KEY_REF, required: true });
  const cacheNonZeroTemperature = readBoolean(cache, 'cacheNonZeroTemperature', 'cache', issues) ?? false;
  if (tableName === undefined || ttlSeconds === undefined || hmacKeyId === undefined) return undefined;
  return { tableName, ttlSeconds, hmacKeyId, cacheNonZeroTemperature };
}

function readRetry(root: JsonObject, issues: ConfigIssues): RetryConfig | undefined {
  const retry = readObject(root, 'retry', '', issues);
  if (retry === undefined) return undefined;
  const maxAttempts = readInteger(retry, 'maxAttempts', 'retry', issues, { ...RETRY_ATTEMPTS, required: true });
  const baseDelayMs = readInteger(retry, 'baseDelayMs', 'retry', issues, { ...RETRY_BASE_DELAY_MS, required: true });
  const maxDelayMs = baseDelayMs === undefined
    ? undefined
    : readInteger(retry, 'maxDelayMs', 'retry', issues, { min: baseDelayMs, max: RETRY_MAX_DELAY_MS_CEILING, required: true });
  if (maxAttempts === undefined || baseDelayMs === undefined || maxDelayMs === undefined) return undefined;
  return { maxAttempts, baseDelayMs, maxDelayMs };
}
