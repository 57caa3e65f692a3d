/**
 * The request-validator and pii-masking modules, adapted to the proxy's guard
 * interfaces (guards.ts). Built once per execution environment: the
 * validation policy compiles its JSON schema here, never per request.
 */
import type { ModelProxyConfig, PiiMaskingConfig } from '../../lib/contracts/model-proxy';
import { createPlaceholderMap, restorePlaceholders, validateMaskOptions, type PiiFinding, type PlaceholderMap } from '../pii-masking';
import { createValidationPolicy, normalizeText, rejectionToError, validateRequest } from '../request-validator';
import { ErrorCode } from '../../lib/contracts/error-codes';
import type { Guards, MaskedText, PiiCall, PiiCounts, RequestCheck, RequestInput } from './guards';
import { maskNormalized, MaskingFailedError, type ProxyMaskOptions } from './normalized-masking';

export { MaskingFailedError } from './normalized-masking';

export function createGuards(config: ModelProxyConfig): Guards {
  const policy = createValidationPolicy({
    maxBodyBytes: config.maxBodyBytes,
    maxPromptLength: config.maxPromptLength,
    maxOutputTokens: config.maxOutputTokens,
    injectionAction: config.injectionAction,
    injectionThreshold: config.injectionThreshold,
  });
  const maskOptions = proxyMaskOptions(config.piiMasking);
  return {
    request: {
      check(input: RequestInput): RequestCheck {
        const result = validateRequest({
          headers: input.contentType === undefined ? {} : { 'content-type': input.contentType },
          body: input.body,
          isBase64Encoded: input.isBase64Encoded,
        }, policy);
        if (!result.ok) {
          return { ok: false, error: rejectionToError(result.error), injectionSuspected: result.error.code === ErrorCode.PROMPT_REJECTED };
        }
        const { payload, injection } = result.value;
        return { ok: true, value: { prompt: payload.prompt, parameters: payload.parameters ?? {} }, injectionSuspected: injection?.flagged ?? false };
      },
    },
    pii: { startCall: () => startCall(maskOptions) },
  };
}

/**
 * The masker's options for the model's configuration, built and compiled once
 * (a pattern or allowlist the masker refuses throws here, at cold start).
 * Allowlist values are normalised as the masked strings are, so a value
 * matches however the caller wrote it (full-width, with invisible characters);
 * one that normalises to nothing could never equal a finding and is left out.
 */
export function proxyMaskOptions(pii: PiiMaskingConfig): ProxyMaskOptions {
  const allow = pii.allowlist.map((v) => normalizeText(v).text).filter((v) => v.trim() !== '');
  const options: ProxyMaskOptions = {
    defaultMode: pii.mode,
    types: pii.entityTypes,
    allow: allow.length > 0 ? { values: allow } : undefined,
    customPatterns: pii.customPatterns.length > 0
      ? pii.customPatterns.map((p) => ({ name: p.name, pattern: p.pattern, caseInsensitive: p.caseInsensitive }))
      : undefined,
  };
  validateMaskOptions(options);
  return options;
}

/**
 * One placeholder map per call: the request's strings fill it, the first
 * answer string seals it, so restoring gives back only what the caller sent.
 */
function startCall(options: ProxyMaskOptions): PiiCall {
  const map = createPlaceholderMap();
  let sealed = false;
  return {
    maskRequest(text: string): MaskedText {
      if (sealed) throw new MaskingFailedError();
      return mask(text, map, options);
    },
    maskResponse(text: string): MaskedText {
      if (!sealed) {
        map.seal();
        sealed = true;
      }
      return mask(text, map, options);
    },
    restore: (text: string) => restorePlaceholders(text, map),
  };
}

/** Every string, either direction: the validator's normalisation, then the masker with the same options. */
function mask(text: string, placeholders: PlaceholderMap, options: ProxyMaskOptions): MaskedText {
  const result = maskNormalized(text, placeholders, options);
  return { text: result.text, findings: countByType(result.findings) };
}

function countByType(findings: readonly PiiFinding[]): PiiCounts {
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[finding.type] = (counts[finding.type] ?? 0) + 1;
  return counts;
}
