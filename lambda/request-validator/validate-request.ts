import { decodeBody } from './body-decoding';
import { hasJsonContentType, type RequestHeaders } from './content-type';
import { detectPromptInjection, type InjectionResult } from './injection/detect';
import { inspectJsonStructure, type StructureProblem } from './json-structure';
import type { PromptParameters, PromptPayload } from './payload';
import type { ValidationPolicy } from './policy';
import { Rejections, schemaRejection, type Rejection } from './rejection';
import { hasLoneSurrogate, normalizeText } from './unicode';

/** The parts of an API Gateway Lambda proxy event that the validator reads. */
export interface RawRequest {
  /** Header names in any case. */
  readonly headers?: RequestHeaders;
  readonly body: string | null;
  readonly isBase64Encoded?: boolean;
}

export interface StrippedCounts {
  /** Zero-width, filler and tag characters removed from the prompt. */
  readonly invisible: number;
  /** Bidirectional control characters removed from the prompt. */
  readonly bidi: number;
}

/** A request that passed: the normalized payload plus what the proxy should log. */
export interface ValidatedRequest {
  readonly payload: PromptPayload;
  readonly bodyBytes: number;
  readonly stripped: StrippedCounts;
  /** True when NFKC normalization changed the prompt. */
  readonly normalized: boolean;
  /** The guard's verdict; null when the policy turns the guard off. */
  readonly injection: InjectionResult | null;
}

export type ValidationResult = { readonly ok: true; readonly value: ValidatedRequest } | { readonly ok: false; readonly error: Rejection };

const PROMPT_PATH = '/prompt';
const STRUCTURE_REJECTIONS: Readonly<Record<StructureProblem, Rejection>> = {
  depth: Rejections.tooDeep,
  keys: Rejections.tooManyKeys,
  duplicateKey: Rejections.duplicateKey,
};

function reject(error: Rejection): ValidationResult {
  return { ok: false, error };
}

function parseJson(text: string): { ok: true; data: unknown } | { ok: false } {
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A fresh copy holding only the fields the schema allows, so nothing else rides along. */
function copyParameters(p: PromptParameters): PromptParameters {
  return {
    ...(p.maxTokens !== undefined && { maxTokens: p.maxTokens }),
    ...(p.temperature !== undefined && { temperature: p.temperature }),
    ...(p.topP !== undefined && { topP: p.topP }),
    ...(p.stopSequences !== undefined && { stopSequences: [...p.stopSequences] }),
  };
}

/**
 * Checks one request against the policy, cheapest and most decisive checks
 * first: media type (415), size (413), encoding and structure (400) before
 * parsing, then the schema (400), Unicode normalization, and the injection
 * guard (422 when the policy blocks). It returns a result and never throws
 * for any input.
 */
export function validateRequest(input: RawRequest, policy: ValidationPolicy): ValidationResult {
  if (!hasJsonContentType(input.headers)) return reject(Rejections.unsupportedMediaType);
  const body = decodeBody(input.body, input.isBase64Encoded === true, policy.maxBodyBytes);
  if (!body.ok) return reject(body.error);
  const problem = inspectJsonStructure(body.text, policy);
  if (problem) return reject(STRUCTURE_REJECTIONS[problem]);
  const parsed = parseJson(body.text);
  if (!parsed.ok) return reject(Rejections.invalidJson);
  const checked = policy.checkPayload.check(parsed.data);
  if (!checked.ok) return reject(schemaRejection(checked.message));
  const { prompt: rawPrompt, parameters } = checked.payload;
  if (hasLoneSurrogate(rawPrompt) || parameters?.stopSequences?.some(hasLoneSurrogate)) {
    return reject(Rejections.loneSurrogate);
  }
  const { stripped, text: prompt } = normalizeText(rawPrompt);
  if (prompt.length === 0 || prompt.length > policy.maxPromptLength) {
    return reject(schemaRejection(policy.checkPayload.fieldMessage(PROMPT_PATH)));
  }
  let injection: InjectionResult | null = null;
  if (policy.injectionAction !== 'off') {
    // The guard reads the prompt as sent: it needs the hidden characters that normalization removes.
    injection = detectPromptInjection(rawPrompt, { threshold: policy.injectionThreshold });
    if (injection.flagged && policy.injectionAction === 'block') return reject(Rejections.promptRejected);
  }
  return {
    ok: true,
    value: {
      payload: { prompt, ...(parameters !== undefined && { parameters: copyParameters(parameters) }) },
      bodyBytes: body.bytes,
      stripped: { invisible: stripped.invisible, bidi: stripped.bidi },
      normalized: prompt !== stripped.text,
      injection,
    },
  };
}
