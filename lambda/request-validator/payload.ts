/** The validated, normalized request body that the proxy sends on to a model. */
export interface PromptParameters {
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stopSequences?: readonly string[];
}

export interface PromptPayload {
  readonly prompt: string;
  readonly parameters?: PromptParameters;
}
