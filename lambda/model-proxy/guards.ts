/**
 * The guards the proxy runs around every model call, as small interfaces of
 * its own. The request-validator and pii-masking modules are adapted to them
 * in guard-wiring.ts; tests and benchmarks pass simple fakes.
 */
import type { HandlerError } from '../shared/errors';

/** The optional generation parameters of the prompt payload (lib/api/prompt-schema.ts). */
export interface PromptParameters {
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stopSequences?: readonly string[];
}

/** A request body that passed validation. */
export interface ValidatedPrompt {
  readonly prompt: string;
  readonly parameters: PromptParameters;
}

/** What the request guard sees of the API Gateway event. */
export interface RequestInput {
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
  readonly contentType: string | undefined;
}

/** A validation verdict; a rejection carries the error to answer with. */
export type RequestCheck =
  | { readonly ok: true; readonly value: ValidatedPrompt; readonly injectionSuspected: boolean }
  | { readonly ok: false; readonly error: HandlerError; readonly injectionSuspected: boolean };

export interface RequestGuard {
  check(input: RequestInput): RequestCheck | Promise<RequestCheck>;
}

/** Counts of PII findings by entity type, e.g. `{ EMAIL: 2 }`. Never the values. */
export type PiiCounts = Readonly<Record<string, number>>;

export interface MaskedText {
  readonly text: string;
  readonly findings: PiiCounts;
}

/** A masked prompt, with the way back from its placeholders to the caller's values. */
export interface MaskedPrompt extends MaskedText {
  restore(text: string): string;
}

export interface PiiGuard {
  maskPrompt(text: string): MaskedPrompt | Promise<MaskedPrompt>;
  /**
   * Masks the model's answer. Placeholders it creates must not collide with
   * the prompt's (continue its numbering): `prompt.restore` puts the caller's
   * values back for the prompt's placeholders, and must never turn PII the
   * model produced into a value the caller sent.
   */
  maskResponse(text: string, prompt: MaskedPrompt): MaskedText | Promise<MaskedText>;
}

export interface Guards {
  readonly request: RequestGuard;
  readonly pii: PiiGuard;
}
