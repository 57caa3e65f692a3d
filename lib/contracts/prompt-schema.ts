/**
 * The JSON Schema of an inference request body. API Gateway's request model
 * and the model-proxy's validator are built from this one function, so the
 * edge and the function can never disagree about what a valid prompt is.
 *
 * Only draft-04 keywords are used (API Gateway models are draft-04) and the
 * file has no imports, so the handler bundles can include it as it is.
 */
export interface PromptSchemaOptions {
  /** Longest prompt accepted, in characters. */
  readonly maxPromptLength: number;
  /** Largest `parameters.maxTokens` accepted. @default 4096 */
  readonly maxOutputTokens?: number;
}

export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;
export const MAX_STOP_SEQUENCES = 4;
export const MAX_STOP_SEQUENCE_LENGTH = 64;

export function promptPayloadSchema(options: PromptSchemaOptions): { [key: string]: unknown } {
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: 'InvokeModelRequest',
    type: 'object',
    additionalProperties: false,
    required: ['prompt'],
    properties: {
      prompt: { type: 'string', minLength: 1, maxLength: options.maxPromptLength },
      parameters: {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxTokens: { type: 'integer', minimum: 1, maximum: options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS },
          temperature: { type: 'number', minimum: 0, maximum: 2 },
          topP: { type: 'number', minimum: 0, maximum: 1 },
          stopSequences: {
            type: 'array',
            maxItems: MAX_STOP_SEQUENCES,
            items: { type: 'string', minLength: 1, maxLength: MAX_STOP_SEQUENCE_LENGTH },
          },
        },
      },
    },
  };
}
