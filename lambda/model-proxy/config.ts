import { BEDROCK_MODEL_ID, parseBedrockModelRef } from '../../lib/contracts/bedrock-model-ref';
import { PROMPT_LENGTH } from '../../lib/contracts/limits';
import {
  BACKEND_TYPES,
  BACKEND_URL,
  BackendConfig,
  INJECTION_ACTIONS,
  INJECTION_THRESHOLD,
  MAX_BODY_BYTES,
  MAX_OUTPUT_TOKENS,
  MODEL_PROXY_CONFIG_ENV,
  MODEL_PROXY_CONFIG_VERSION,
  ModelProxyConfig,
  REQUEST_FORMATS,
  REQUEST_MODEL_NAME,
  RESPONSE_TEXT_PATH,
  RETRY_ATTEMPTS,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS_CEILING,
  RetryConfig,
  SAGEMAKER_ENDPOINT_NAME,
  TIMEOUT_MARGIN_MS,
} from '../../lib/contracts/model-proxy';
import { MODEL_NAME } from '../../lib/contracts/model-names';
import {
  type ConfigIssues,
  type ConfigResult,
  type JsonObject,
  parseConfig,
  readBoolean,
  readChoice,
  readInteger,
  readNumber,
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
  return {
    version: MODEL_PROXY_CONFIG_VERSION,
    model: readString(root, 'model', '', issues, { ...MODEL_NAME, required: true })!,
    backend: readBackend(root, issues)!,
    requestFormat: readChoice(root, 'requestFormat', '', issues, REQUEST_FORMATS, true)!,
    requestModelName: readString(root, 'requestModelName', '', issues, REQUEST_MODEL_NAME),
    responseTextPath: readString(root, 'responseTextPath', '', issues, { ...RESPONSE_TEXT_PATH, required: true })!,
    maxPromptLength: readInteger(root, 'maxPromptLength', '', issues, { ...PROMPT_LENGTH, required: true })!,
    maxOutputTokens: readInteger(root, 'maxOutputTokens', '', issues, { ...MAX_OUTPUT_TOKENS, required: true })!,
    restorePlaceholders: readBoolean(root, 'restorePlaceholders', '', issues, true)!,
    maxBodyBytes: readInteger(root, 'maxBodyBytes', '', issues, { ...MAX_BODY_BYTES, required: true })!,
    injectionAction: readChoice(root, 'injectionAction', '', issues, INJECTION_ACTIONS, true)!,
    injectionThreshold: readNumber(root, 'injectionThreshold', '', issues, { ...INJECTION_THRESHOLD, required: true })!,
    retry: readRetry(root, issues)!,
    timeoutMarginMs: readInteger(root, 'timeoutMarginMs', '', issues, { ...TIMEOUT_MARGIN_MS, required: true })!,
  };
}

function readBackend(root: JsonObject, issues: ConfigIssues): BackendConfig | undefined {
  const backend = readObject(root, 'backend', '', issues);
  if (backend === undefined) return undefined;
  const type = readChoice(backend, 'type', 'backend', issues, BACKEND_TYPES, true);
  switch (type) {
    case undefined:
      return undefined;
    case 'sagemaker': {
      const endpointName = readString(backend, 'endpointName', 'backend', issues, { ...SAGEMAKER_ENDPOINT_NAME, required: true });
      return endpointName === undefined ? undefined : { type, endpointName };
    }
    case 'bedrock': {
      const modelId = readString(backend, 'modelId', 'backend', issues, { ...BEDROCK_MODEL_ID, required: true });
      if (modelId === undefined) return undefined;
      // The construct's own rule: a foundation model, or an inference profile by id or ARN.
      if (parseBedrockModelRef(modelId) !== undefined) return { type, modelId };
      issues.add('backend.modelId', 'expected a foundation-model id, or an inference profile id or ARN');
      return undefined;
    }
    default: {
      const allowInsecureHttp = readBoolean(backend, 'allowInsecureHttp', 'backend', issues, true);
      const url = readString(backend, 'url', 'backend', issues, { ...BACKEND_URL, required: true });
      if (url === undefined || allowInsecureHttp === undefined) return undefined;
      const problem = backendUrlProblem(url, allowInsecureHttp);
      if (problem === undefined) return { type, url, allowInsecureHttp };
      issues.add('backend.url', `expected ${problem}`);
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
