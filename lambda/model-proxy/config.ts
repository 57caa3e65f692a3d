import { parseBedrockModelRef } from '../../lib/model/bedrock-model-ref';
import {
  BACKEND_TYPES,
  BackendConfig,
  CustomPiiPatternConfig,
  MODEL_PROXY_CONFIG_VERSION,
  ModelProxyConfig,
  INJECTION_ACTIONS,
  PII_ALLOWLIST_MAX_LENGTH,
  PII_ALLOWLIST_MAX_VALUES,
  PII_CUSTOM_PATTERN_MAX_LENGTH,
  PII_CUSTOM_PATTERNS_MAX,
  PII_ENTITY_TYPES,
  PII_PROXY_MODES,
  PiiMaskingConfig,
  REQUEST_FORMATS,
  RESPONSE_TEXT_PATH_PATTERN,
  RetryConfig,
} from '../../lib/model/proxy-config';
import { MODEL_NAME_PATTERN } from '../../lib/api/routes';
import { CUSTOM_PATTERN_NAME } from '../pii-masking/config-checks';

export type ConfigResult =
  | { readonly ok: true; readonly config: ModelProxyConfig }
  | { readonly ok: false; readonly problem: string };

class ConfigProblem extends Error {}

/** SageMaker endpoint names: 1-63 of [a-zA-Z0-9-], no leading or trailing hyphen. */
const ENDPOINT_NAME = /^[a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62}$/;

/**
 * Parses and checks the configuration JSON once, at cold start. A problem is
 * described by field name only, so the log line cannot echo a value.
 */
export function parseProxyConfig(raw: string | undefined): ConfigResult {
  if (raw === undefined || raw === '') return { ok: false, problem: 'the configuration variable is missing' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'the configuration is not JSON' };
  }
  try {
    return { ok: true, config: readConfig(value) };
  } catch (err) {
    if (err instanceof ConfigProblem) return { ok: false, problem: err.message };
    throw err;
  }
}

function readConfig(value: unknown): ModelProxyConfig {
  const root = object(value, 'configuration');
  if (root.version !== MODEL_PROXY_CONFIG_VERSION) throw new ConfigProblem('version is not supported');
  const config: ModelProxyConfig = {
    version: MODEL_PROXY_CONFIG_VERSION,
    model: string(root.model, 'model', MODEL_NAME_PATTERN),
    backend: readBackend(root.backend),
    requestFormat: oneOf(root.requestFormat, 'requestFormat', REQUEST_FORMATS),
    requestModelName: root.requestModelName === undefined ? undefined : string(root.requestModelName, 'requestModelName', /^[\x21-\x7e]{1,256}$/),
    responseTextPath: string(root.responseTextPath, 'responseTextPath', RESPONSE_TEXT_PATH_PATTERN),
    maxPromptLength: integer(root.maxPromptLength, 'maxPromptLength', 1, 262_144),
    maxOutputTokens: integer(root.maxOutputTokens, 'maxOutputTokens', 1, 1_000_000),
    restorePlaceholders: boolean(root.restorePlaceholders, 'restorePlaceholders'),
    piiMasking: readPiiMasking(root.piiMasking),
    maxBodyBytes: integer(root.maxBodyBytes, 'maxBodyBytes', 1, 10 * 1024 * 1024),
    injectionAction: oneOf(root.injectionAction, 'injectionAction', INJECTION_ACTIONS),
    injectionThreshold: fraction(root.injectionThreshold, 'injectionThreshold'),
    retry: readRetry(root.retry),
    timeoutMarginMs: integer(root.timeoutMarginMs, 'timeoutMarginMs', 0, 10_000),
  };
  if (config.restorePlaceholders && config.piiMasking.mode !== 'placeholder') throw new ConfigProblem('restorePlaceholders needs piiMasking.mode placeholder');
  return config;
}

/**
 * The masking options' shape and limits. Patterns and allowlist values are
 * compiled by the masker itself when the guards are built (guard-wiring.ts),
 * so a pattern it refuses stops the function from starting.
 */
function readPiiMasking(value: unknown): PiiMaskingConfig {
  const pii = object(value, 'piiMasking');
  const mode = oneOf(pii.mode, 'piiMasking.mode', PII_PROXY_MODES);
  let entityTypes: PiiMaskingConfig['entityTypes'];
  if (pii.entityTypes !== undefined) {
    entityTypes = list(pii.entityTypes, 'piiMasking.entityTypes', PII_ENTITY_TYPES.length).map((t) => oneOf(t, 'piiMasking.entityTypes[]', PII_ENTITY_TYPES));
  }
  const allowlist = list(pii.allowlist ?? [], 'piiMasking.allowlist', PII_ALLOWLIST_MAX_VALUES)
    .map((v) => string(v, 'piiMasking.allowlist[]', ALLOWLIST_VALUE));
  const customPatterns = list(pii.customPatterns ?? [], 'piiMasking.customPatterns', PII_CUSTOM_PATTERNS_MAX).map((v): CustomPiiPatternConfig => {
    const p = object(v, 'piiMasking.customPatterns[]');
    return {
      name: string(p.name, 'piiMasking.customPatterns[].name', CUSTOM_PATTERN_NAME),
      pattern: string(p.pattern, 'piiMasking.customPatterns[].pattern', CUSTOM_PATTERN_TEXT),
      caseInsensitive: boolean(p.caseInsensitive ?? false, 'piiMasking.customPatterns[].caseInsensitive'),
    };
  });
  return entityTypes === undefined ? { mode, allowlist, customPatterns } : { mode, entityTypes, allowlist, customPatterns };
}

const ALLOWLIST_VALUE = new RegExp(`^(?=.*\\S)[^\\u0000-\\u001f\\u007f]{1,${PII_ALLOWLIST_MAX_LENGTH}}$`, 's');
const CUSTOM_PATTERN_TEXT = new RegExp(`^[^]{1,${PII_CUSTOM_PATTERN_MAX_LENGTH}}$`);

function list(value: unknown, field: string, max: number): unknown[] {
  if (!Array.isArray(value) || value.length > max) throw new ConfigProblem(`${field} is not a list of at most ${max} items`);
  return value;
}

function readBackend(value: unknown): BackendConfig {
  const backend = object(value, 'backend');
  const type = oneOf(backend.type, 'backend.type', BACKEND_TYPES);
  switch (type) {
    case 'sagemaker':
      return { type, endpointName: string(backend.endpointName, 'backend.endpointName', ENDPOINT_NAME) };
    case 'bedrock':
      return { type, modelId: bedrockModelId(backend.modelId) };
    default: {
      const allowInsecureHttp = boolean(backend.allowInsecureHttp, 'backend.allowInsecureHttp');
      const url = string(backend.url, 'backend.url', /^https?:\/\/\S+$/);
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new ConfigProblem('backend.url is not a URL');
      }
      if (parsed.username || parsed.password) throw new ConfigProblem('backend.url must not carry credentials');
      if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && allowInsecureHttp)) {
        throw new ConfigProblem('backend.url must be https (http only with allowInsecureHttp)');
      }
      return { type, url, allowInsecureHttp };
    }
  }
}

/** The construct's own rule: a foundation model, or an inference profile by id or ARN. */
function bedrockModelId(value: unknown): string {
  if (typeof value !== 'string' || parseBedrockModelRef(value) === undefined) {
    throw new ConfigProblem('backend.modelId is missing or malformed');
  }
  return value;
}

function readRetry(value: unknown): RetryConfig {
  const retry = object(value, 'retry');
  const baseDelayMs = integer(retry.baseDelayMs, 'retry.baseDelayMs', 0, 10_000);
  const maxDelayMs = integer(retry.maxDelayMs, 'retry.maxDelayMs', baseDelayMs, 20_000);
  return { maxAttempts: integer(retry.maxAttempts, 'retry.maxAttempts', 1, 5), baseDelayMs, maxDelayMs };
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ConfigProblem(`${field} is not an object`);
  return value as Record<string, unknown>;
}

function string(value: unknown, field: string, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new ConfigProblem(`${field} is missing or malformed`);
  return value;
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigProblem(`${field} is not an integer from ${min} to ${max}`);
  }
  return value;
}

function fraction(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) throw new ConfigProblem(`${field} must be a number above 0 and at most 1`);
  return value;
}

function boolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigProblem(`${field} is not a boolean`);
  return value;
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ConfigProblem(`${field} is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}
