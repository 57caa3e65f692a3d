/**
 * The guards the proxy runs around every model call, as small interfaces of
 * its own. The request-validator and pii-masking modules are adapted to them
 * in guard-wiring.ts; tests and benchmarks pass simple fakes.
 */
import type { HandlerError } from '../shared/errors';

/** The optional generation parameters of the prompt payload (lib/contracts/prompt-schema.ts). */
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

/**
 * The masking of one call. Every string the proxy sends to the model and
 * every string it returns goes through it, with one placeholder map for the
 * whole call.
 */
export interface PiiCall {
  /** Masks a string the model will get (the prompt, a stop sequence, any other forwarded field). */
  maskRequest(text: string): MaskedText | Promise<MaskedText>;
  /**
   * Masks a string of the model's answer. Placeholders it creates continue the
   * request's numbering; from the first answer string on, the request side is
   * closed, and values first seen in the answer are never restored.
   */
  maskResponse(text: string): MaskedText | Promise<MaskedText>;
  /** Puts the caller's own values back for the request's placeholders; never for PII the model produced. */
  restore(text: string): string;
}

export interface PiiGuard {
  /** Starts the masking of one call. */
  startCall(): PiiCall | Promise<PiiCall>;
}

export interface Guards {
  readonly request: RequestGuard;
  readonly pii: PiiGuard;
}
