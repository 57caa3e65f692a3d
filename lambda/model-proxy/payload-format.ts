import type { RequestFormatName } from '../../lib/contracts/model-proxy';
import type { PromptParameters } from './guards';

export interface RequestBodyOptions {
  /** `model` of OpenAI-style bodies. */
  readonly requestModelName?: string;
  /** `max_tokens` when the caller gave none and the format requires one. */
  readonly defaultMaxTokens: number;
}

/** Anthropic's Messages API version string that Bedrock expects in the body. */
export const ANTHROPIC_BEDROCK_VERSION = 'bedrock-2023-05-31';

/** Writes the model's request body in the configured format. */
export function buildRequestBody(format: RequestFormatName, prompt: string, parameters: PromptParameters, options: RequestBodyOptions): string {
  const { maxTokens, temperature, topP, stopSequences } = parameters;
  switch (format) {
    case 'HUGGING_FACE':
      // return_full_text: the HF text-generation pipeline otherwise repeats the prompt in its answer.
      // TGI refuses temperature 0; greedy decoding is how it spells that.
      return JSON.stringify({
        inputs: prompt,
        parameters: compact({
          max_new_tokens: maxTokens,
          temperature: temperature === 0 ? undefined : temperature,
          do_sample: temperature === 0 ? false : undefined,
          top_p: topP,
          stop: stopSequences,
          return_full_text: false,
        }),
      });
    case 'OPENAI_COMPLETIONS':
      return JSON.stringify(compact({
        model: options.requestModelName,
        prompt,
        max_tokens: maxTokens,
        temperature,
        top_p: topP,
        stop: stopSequences,
      }));
    case 'OPENAI_CHAT':
      return JSON.stringify(compact({
        model: options.requestModelName,
        messages: [{ role: 'user', content: prompt }],
        max_tokens: maxTokens,
        temperature,
        top_p: topP,
        stop: stopSequences,
      }));
    case 'ANTHROPIC_MESSAGES':
      return JSON.stringify(compact({
        anthropic_version: ANTHROPIC_BEDROCK_VERSION,
        max_tokens: maxTokens ?? options.defaultMaxTokens,
        messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
        temperature,
        top_p: topP,
        stop_sequences: stopSequences,
      }));
    default:
      return JSON.stringify(compact({ prompt, parameters: Object.keys(parameters).length > 0 ? parameters : undefined }));
  }
}

export type PathStep = string | number;

/** `outputs[0].text` → ['outputs', 0, 'text']. The construct has checked the syntax. */
export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    steps.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  }
  return steps;
}

/**
 * The generated text at `path` in the model's JSON answer, or undefined when
 * the answer has another shape. A top-level array of one result, as the
 * Hugging Face inference containers answer, is unwrapped when the path starts
 * with a field name.
 */
export function extractText(body: string, path: readonly PathStep[]): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (Array.isArray(value) && value.length === 1 && typeof path[0] === 'string') value = value[0];
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (typeof step === 'number' ? !Array.isArray(value) : Array.isArray(value)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, step)) return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return typeof value === 'string' ? value : undefined;
}

function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
