/**
 * Server-sent events as the `openai` SDK and browsers read them: each event
 * is `data: <line>` lines and a blank line. A payload with line breaks is
 * split over several `data:` lines (JSON never has any, but a comment or a
 * plain-text payload might), so no payload can end an event early or forge
 * a field.
 */

export const SSE_CONTENT_TYPE = 'text/event-stream';
/** The last event of a Chat Completions stream. */
export const SSE_DONE = 'data: [DONE]\n\n';

const LINE_BREAK = /\r\n|\r|\n/;

export interface SseEvent {
  readonly data: string;
  /** The `event:` field; OpenAI streams leave it out. */
  readonly event?: string;
}

export function encodeSseEvent(event: SseEvent): string {
  let out = '';
  if (event.event !== undefined) out += `event: ${event.event.split(LINE_BREAK).join(' ')}\n`;
  for (const line of event.data.split(LINE_BREAK)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** One event holding a JSON value. */
export function encodeSseJson(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

/** A comment line: ignored by clients, keeps idle connections open. */
export function encodeSseComment(text = ''): string {
  return `: ${text.split(LINE_BREAK).join(' ')}\n\n`;
}
