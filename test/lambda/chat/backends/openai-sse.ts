/** What an OpenAI-compatible model server streams: chat.completion.chunk events and [DONE]. */

export const USAGE = { prompt_tokens: 19, completion_tokens: 6, total_tokens: 25 };

export function chunkEvent(delta: Record<string, unknown>, finishReason: string | null = null): string {
  return `data: ${JSON.stringify({
    id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'served', choices: [{ index: 0, delta, finish_reason: finishReason }], usage: null,
  })}\n\n`;
}

export const usageEvent = (): string => `data: ${JSON.stringify({
  id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'served', choices: [], usage: USAGE,
})}\n\n`;
export const DONE = 'data: [DONE]\n\n';

/** A whole streamed answer: role, one delta per text, finish reason, usage, [DONE]. */
export function sseAnswer(texts: readonly string[], finishReason = 'stop'): string {
  return [
    chunkEvent({ role: 'assistant', content: '' }),
    ...texts.map((content) => chunkEvent({ content })),
    chunkEvent({}, finishReason),
    usageEvent(),
    DONE,
  ].join('');
}

export function completionBody(content: string, finishReason = 'stop'): string {
  return JSON.stringify({
    id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'served',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
    usage: USAGE,
  });
}

/** Texts with characters of one to four UTF-8 bytes, so byte cuts fall inside them. */
export const MULTI_BYTE_TEXTS = ['Wasserschäden ', 'sind gedeckt ', '💧 — ', '水害は補償されます'];

/** Offsets every `step` bytes from `start`. */
export function everyBytes(length: number, step: number, start = 1): number[] {
  return Array.from({ length: Math.ceil(length / step) }, (_, i) => start + i * step);
}
