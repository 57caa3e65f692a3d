/**
 * Every limit of the chat completions request, in one place: the parser
 * enforces them and the docs quote them. Limits that depend on the route
 * (longest conversation, largest output) come from the model's configuration
 * and are passed to the parser.
 */
/** Turns in one conversation, system turns included. */
export const MAX_MESSAGES = 256;
/** Text parts in one message's content array. */
export const MAX_CONTENT_PARTS = 64;
/** Stop sequences, and the length of each: the prompt route's (lib/api/prompt-schema.ts; a test keeps them equal). */
export const MAX_STOP = 4;
export const MAX_STOP_LENGTH = 64;
/** The caller's end-user id (`user`), an opaque string. */
export const MAX_USER_LENGTH = 256;
/** Sampling ranges, as OpenAI documents them. */
export const TEMPERATURE_RANGE = { min: 0, max: 2 } as const;
export const TOP_P_RANGE = { min: 0, max: 1 } as const;
/** Text parts of one message are joined with this, so words of adjacent parts never run together. */
export const PART_SEPARATOR = '\n';
