import { DEFAULT_MAX_OUTPUT_TOKENS } from '../../lib/contracts/prompt-schema';
import { DEFAULT_INJECTION_THRESHOLD } from './injection/scoring';
import { compilePayloadValidator, type PayloadValidator } from './payload-schema';

/**
 * What to do with a prompt the injection guard flags: `block` refuses it
 * with 422 PromptRejected, `flag` lets it through and reports the verdict
 * for logging, `off` skips the guard.
 */
export type InjectionAction = 'block' | 'flag' | 'off';

export interface ValidationConfig {
  /** Largest body accepted, in bytes after base64 decoding. @default 65536 */
  readonly maxBodyBytes?: number;
  /** Deepest nesting of objects and arrays accepted (the schema needs 3). @default 8 */
  readonly maxDepth?: number;
  /** Most object keys accepted in the whole body (the schema has 6). @default 32 */
  readonly maxKeys?: number;
  /** Longest prompt accepted, in UTF-16 code units, before and after normalization. @default 32768 */
  readonly maxPromptLength?: number;
  /** Largest `parameters.maxTokens` accepted. @default 4096 */
  readonly maxOutputTokens?: number;
  /** @default 'block' */
  readonly injectionAction?: InjectionAction;
  /** Injection score (0..1) at or above which a prompt counts as flagged. @default 0.5 */
  readonly injectionThreshold?: number;
}

/** A ready-to-use policy. Build it once at cold start with {@link createValidationPolicy}. */
export interface ValidationPolicy {
  readonly maxBodyBytes: number;
  readonly maxDepth: number;
  readonly maxKeys: number;
  readonly maxPromptLength: number;
  readonly maxOutputTokens: number;
  readonly injectionAction: InjectionAction;
  readonly injectionThreshold: number;
  /** The payload schema, compiled by ajv when the policy was created. */
  readonly checkPayload: PayloadValidator;
}

export const DEFAULT_VALIDATION_CONFIG = Object.freeze({
  maxBodyBytes: 65_536,
  maxDepth: 8,
  maxKeys: 32,
  maxPromptLength: 32_768,
  maxOutputTokens: DEFAULT_MAX_OUTPUT_TOKENS,
  injectionAction: 'block' as InjectionAction,
  injectionThreshold: DEFAULT_INJECTION_THRESHOLD,
});

// A valid payload nests 3 levels (body, parameters, stopSequences) and has 6 keys.
const MIN_DEPTH = 3;
const MIN_KEYS = 6;
const ACTIONS: readonly InjectionAction[] = ['block', 'flag', 'off'];

function positiveInteger(name: string, value: number, min = 1): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`ValidationConfig.${name} must be an integer of at least ${min}.`);
  }
  return value;
}

/**
 * Checks the configuration and compiles the payload schema. Misconfiguration
 * throws here, at cold start, rather than turning every request into a 500.
 */
export function createValidationPolicy(config: ValidationConfig = {}): ValidationPolicy {
  const c = { ...DEFAULT_VALIDATION_CONFIG, ...stripUndefined(config) };
  if (!ACTIONS.includes(c.injectionAction)) {
    throw new Error(`ValidationConfig.injectionAction must be one of ${ACTIONS.join(', ')}.`);
  }
  if (!(c.injectionThreshold > 0 && c.injectionThreshold <= 1)) {
    throw new Error('ValidationConfig.injectionThreshold must be greater than 0 and at most 1.');
  }
  const maxPromptLength = positiveInteger('maxPromptLength', c.maxPromptLength);
  const maxOutputTokens = positiveInteger('maxOutputTokens', c.maxOutputTokens);
  return Object.freeze({
    maxBodyBytes: positiveInteger('maxBodyBytes', c.maxBodyBytes),
    maxDepth: positiveInteger('maxDepth', c.maxDepth, MIN_DEPTH),
    maxKeys: positiveInteger('maxKeys', c.maxKeys, MIN_KEYS),
    maxPromptLength,
    maxOutputTokens,
    injectionAction: c.injectionAction,
    injectionThreshold: c.injectionThreshold,
    checkPayload: compilePayloadValidator({ maxPromptLength, maxOutputTokens }),
  });
}

function stripUndefined(config: ValidationConfig): ValidationConfig {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as ValidationConfig;
}
