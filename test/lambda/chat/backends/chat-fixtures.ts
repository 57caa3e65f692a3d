/**
 * Shared pieces of the chat backend tests: a request, stream collection, and
 * the check every failure must pass (a ModelCallError of the expected kind
 * that carries nothing the backend said).
 */
import type { ChatBackendRequest, ChatStreamEvent } from '../../../../lambda/chat/backend';
import type { ChatTurn } from '../../../../lambda/chat/chat-request';
import { ModelCallError, type ModelFailureKind } from '../../../../lambda/model-proxy/model-client';

/** What stub backends put in their error messages; it must never reach an error we throw. */
export const BACKEND_SECRET = 'backend said something about the prompt';

export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

export const TURNS: readonly ChatTurn[] = [
  { role: 'system', text: 'Answer briefly.' },
  { role: 'user', text: 'Is water damage covered?' },
];

export function chatRequest(overrides: Partial<ChatBackendRequest> = {}): ChatBackendRequest {
  return {
    turns: TURNS,
    parameters: { maxTokens: 64 },
    signal: new AbortController().signal,
    ...overrides,
  };
}

export async function collect(events: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const out: ChatStreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

export function textOf(events: readonly ChatStreamEvent[]): string {
  return events.map((e) => (e.type === 'text' ? e.text : '')).join('');
}

/** Settles with the error the promise rejected with; fails the test when it resolved. */
export async function failureOf(promise: Promise<unknown>): Promise<ModelCallError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ModelCallError);
  const error = caught as ModelCallError;
  expect(error.message).toBe(`model call ${error.kind}`);
  expect(JSON.stringify({ ...error, message: error.message, detail: error.detail })).not.toContain(BACKEND_SECRET);
  return error;
}

export async function expectFailure(promise: Promise<unknown>, kind: ModelFailureKind, backendCode?: string): Promise<ModelCallError> {
  const error = await failureOf(promise);
  expect(error.kind).toBe(kind);
  if (backendCode !== undefined) expect(error.detail.backendCode).toBe(backendCode);
  return error;
}

/** Reads a stream until its first text event, and hands back the iterator for the rest. */
export async function firstText(events: AsyncIterable<ChatStreamEvent>): Promise<{ iterator: AsyncIterator<ChatStreamEvent>; text: string }> {
  const iterator = events[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.type !== 'text') throw new Error('expected a text event first');
  return { iterator, text: first.value.text };
}
