/**
 * The request-validator and pii-masking modules, adapted to the proxy's guard
 * interfaces (guards.ts). Built once per execution environment: the
 * validation policy compiles its JSON schema here, never per request.
 */
import type { ModelProxyConfig } from '../../lib/model/proxy-config';
import { createPlaceholderMap, maskPii, restorePlaceholders, type MaskOptions, type PiiFinding, type PlaceholderMap } from '../pii-masking';
import { createValidationPolicy, rejectionToError, validateRequest } from '../request-validator';
import { ErrorCode } from '../shared/error-codes';
import type { Guards, MaskedPrompt, MaskedText, PiiCounts, RequestCheck, RequestInput } from './guards';

/** Thrown when masking could not complete: the proxy then fails the request closed. */
export class MaskingFailedError extends Error {
  public constructor() {
    super('PII masking failed');
    this.name = 'MaskingFailedError';
  }
}

export function createGuards(config: ModelProxyConfig): Guards {
  const policy = createValidationPolicy({
    maxBodyBytes: config.maxBodyBytes,
    maxPromptLength: config.maxPromptLength,
    maxOutputTokens: config.maxOutputTokens,
    injectionAction: config.injectionAction,
    injectionThreshold: config.injectionThreshold,
  });
  // The placeholder map of each masked prompt, so the answer continues its numbering.
  const maps = new WeakMap<MaskedPrompt, PlaceholderMap>();

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
    pii: {
      maskPrompt(text: string): MaskedPrompt {
        const map = createPlaceholderMap();
        const masked = mask(text, map);
        // Values first seen after this point (PII the model produced) get placeholders that never restore.
        map.seal();
        const prompt: MaskedPrompt = { ...masked, restore: (answer: string) => restorePlaceholders(answer, map) };
        maps.set(prompt, map);
        return prompt;
      },
      maskResponse(text: string, prompt: MaskedPrompt): MaskedText {
        const map = maps.get(prompt);
        if (!map) throw new MaskingFailedError();
        return mask(text, map);
      },
    },
  };
}

function mask(text: string, placeholders: PlaceholderMap): MaskedText {
  const options: MaskOptions = { defaultMode: 'placeholder', placeholders };
  const result = maskPii(text, options);
  if (result.failedClosed) throw new MaskingFailedError();
  return { text: result.text, findings: countByType(result.findings) };
}

function countByType(findings: readonly PiiFinding[]): PiiCounts {
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[finding.type] = (counts[finding.type] ?? 0) + 1;
  return counts;
}
