/** Stand-ins for the chat proxy's backend and response stream; the guards are the real ones. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ChatBackend, ChatBackendAnswer, ChatBackendRequest, ChatStreamEvent } from '../../../lambda/chat/backend';
import type { ResponseHead, ResponseSink } from '../../../lambda/chat-proxy/response-sink';
import { apiEvent } from '../model-proxy/fakes';

/** A response stream in memory: the head, every write, and whether it ended. */
export class MemorySink implements ResponseSink {
  public head: ResponseHead | undefined;
  public readonly writes: string[] = [];
  public ended = false;
  private readonly controller = new AbortController();
  public readonly closed = this.controller.signal;
  /** Called after each write (tests use it to hang up mid-stream). */
  public onWrite: ((sink: MemorySink) => void) | undefined;

  public get opened(): boolean {
    return this.head !== undefined;
  }

  public open(head: ResponseHead): void {
    if (this.head) throw new Error('opened twice');
    this.head = head;
  }

  public async write(text: string): Promise<void> {
    if (!this.head) throw new Error('write before open');
    if (this.ended) throw new Error('write after end');
    if (this.closed.aborted) return;
    this.writes.push(text);
    this.onWrite?.(this);
  }

  public async end(): Promise<void> {
    this.ended = true;
  }

  /** The caller goes away. */
  public hangUp(): void {
    this.controller.abort();
  }

  public get body(): string {
    return this.writes.join('');
  }

  /** The `data:` payloads of an SSE body, JSON-parsed except `[DONE]`. */
  public events(): unknown[] {
    return this.body.split('\n\n').filter((block) => block.startsWith('data: ')).map((block) => {
      const data = block.slice('data: '.length);
      return data === '[DONE]' ? '[DONE]' : JSON.parse(data) as unknown;
    });
  }

  /** The streamed answer text: every content delta joined. */
  public streamedText(): string {
    return this.events().map((e) => ((e as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content ?? '')).join('');
  }
}

type StreamStep = ChatStreamEvent | Error | { readonly stall: true } | { readonly endWithoutMarker: true };

/** A backend that answers from a script and records what it was sent. */
export class ScriptedBackend implements ChatBackend {
  public readonly streams = true;
  public readonly requests: ChatBackendRequest[] = [];
  public readonly aborted: boolean[] = [];
  public returned = 0;

  /**
   * @param answers one entry per call: a buffered answer or error for `complete`, a list of steps for `stream`
   */
  public constructor(private readonly answers: Array<ChatBackendAnswer | Error | StreamStep[]>) {}

  public async complete(request: ChatBackendRequest): Promise<ChatBackendAnswer> {
    const answer = this.take(request);
    if (answer instanceof Error) throw answer;
    if (Array.isArray(answer)) throw new Error('script has a stream where a buffered answer was asked for');
    return answer;
  }

  public stream(request: ChatBackendRequest): AsyncIterable<ChatStreamEvent> {
    const steps = this.take(request);
    const index = this.requests.length - 1;
    const aborted = this.aborted;
    const onReturn = () => {
      this.returned++;
    };
    return {
      [Symbol.asyncIterator]: async function* () {
        try {
          if (steps instanceof Error) throw steps;
          if (!Array.isArray(steps)) throw new Error('script has a buffered answer where a stream was asked for');
          for (const step of steps) {
            if (step instanceof Error) throw step;
            if ('stall' in step) {
              await new Promise<void>((_, reject) => request.signal.addEventListener('abort', () => {
                aborted[index] = true;
                reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
              }, { once: true }));
            }
            if ('endWithoutMarker' in step) return;
            if ('type' in step) yield step;
            await Promise.resolve();
          }
        } finally {
          onReturn();
        }
      },
    };
  }

  private take(request: ChatBackendRequest): ChatBackendAnswer | Error | StreamStep[] {
    this.requests.push(request);
    request.signal.addEventListener('abort', () => {
      this.aborted[this.requests.indexOf(request)] = true;
    }, { once: true });
    return this.answers[Math.min(this.requests.length, this.answers.length) - 1];
  }
}

export function chatEvent(body: unknown, overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return apiEvent(body, { path: '/v1/models/claims-triage/chat/completions', resource: '/v1/models/claims-triage/chat/completions', ...overrides });
}

export const text = (t: string): ChatStreamEvent => ({ type: 'text', text: t });
export const end = (usage?: { promptTokens: number; completionTokens: number }): ChatStreamEvent => ({ type: 'end', finishReason: 'stop', usage });
