/** A chat proxy with a real response cache over the loopback servers, and a backend whose answers show which call made them. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ChatBackend, ChatBackendAnswer, ChatBackendRequest, ChatStreamEvent } from '../../../lambda/chat/backend';
import { createChatGuards } from '../../../lambda/chat-proxy/chat-guards';
import { createChatProxy } from '../../../lambda/chat-proxy/chat-proxy';
import type { ChatMetricSample } from '../../../lambda/chat-proxy/chat-metrics';
import { responseCacheFromConfig } from '../../../lambda/response-cache/from-config';
import type { ModelProxyConfig, ResponseCacheConfig } from '../../../lib/contracts/model-proxy';
import { chatEvent, MemorySink } from '../chat-proxy/fakes';
import { invocationContext, memoryLogger, proxyConfig } from '../model-proxy/fakes';
import type { CacheTable, KmsStub } from './servers';

/**
 * Answers "Call <n>: noted <last user turn>", so an answer tells which
 * backend call made it and echoes the caller's placeholders; streamed in
 * pieces of 7 characters.
 */
export class EchoBackend implements ChatBackend {
  public readonly streams = true;
  public readonly requests: ChatBackendRequest[] = [];
  /** What the next answers end with; `content_filter` or an Error to test what is not cached. */
  public finishReason: ChatBackendAnswer['finishReason'] = 'stop';
  public failWith: Error | undefined;

  public answerFor(request: ChatBackendRequest): string {
    const last = [...request.turns].reverse().find((t) => t.role === 'user');
    return `Call ${this.requests.length}: noted ${last?.text ?? ''}`;
  }

  public async complete(request: ChatBackendRequest): Promise<ChatBackendAnswer> {
    this.requests.push(request);
    if (this.failWith) throw this.failWith;
    return { text: this.answerFor(request), finishReason: this.finishReason, usage: { promptTokens: 20, completionTokens: 9 } };
  }

  public stream(request: ChatBackendRequest): AsyncIterable<ChatStreamEvent> {
    return { [Symbol.asyncIterator]: () => this.events(request) };
  }

  private async *events(request: ChatBackendRequest): AsyncGenerator<ChatStreamEvent> {
    this.requests.push(request);
    if (this.failWith) throw this.failWith;
    const text = this.answerFor(request);
    for (let i = 0; i < text.length; i += 7) yield { type: 'text', text: text.slice(i, i + 7) };
    yield { type: 'end', finishReason: this.finishReason, usage: { promptTokens: 20, completionTokens: 9 } };
  }
}

export interface CallerIdentity {
  readonly tenant?: string;
  readonly scopes?: string;
  readonly versions?: string;
  readonly principalId?: string;
}

export function cachedChatProxy(table: CacheTable, kms: KmsStub, options: {
  cache?: Partial<ResponseCacheConfig>; config?: Partial<ModelProxyConfig>; now?: () => number;
} = {}) {
  const cache: ResponseCacheConfig = {
    tableName: table.tableName, ttlSeconds: 3600, hmacKeyId: 'alias/response-cache', cacheNonZeroTemperature: false, ...options.cache,
  };
  const config = proxyConfig({ restorePlaceholders: true, streamIdleTimeoutMs: 60_000, cache, ...options.config });
  const backend = new EchoBackend();
  const log = memoryLogger();
  const samples: ChatMetricSample[] = [];
  const proxy = createChatProxy({
    config, guards: createChatGuards(config), backend, logger: log.logger,
    cache: responseCacheFromConfig(cache, { dynamodb: table.client, kms: kms.client }, log.logger, options.now),
    metrics: { record: (s) => samples.push(s) },
  });
  const call = async (body: unknown, who: CallerIdentity, headers: Record<string, string> = {}) => {
    const sink = new MemorySink();
    const authorizer = { principalId: who.principalId ?? 'user-1', scopes: who.scopes ?? 'chat', ...who };
    const event = chatEvent(body, {
      headers: { 'Content-Type': 'application/json', ...headers },
      requestContext: { requestId: 'apigw-req-1', authorizer } as unknown as APIGatewayProxyEvent['requestContext'],
    });
    await proxy(event, sink, invocationContext());
    return sink;
  };
  const audits = () => log.records().filter((r) => r.message === 'model invocation');
  return { backend, call, audits, log, samples, config };
}

/** The content of a buffered answer, or the joined deltas of a streamed one. */
export function answerText(sink: MemorySink): string {
  if (sink.head?.headers['Content-Type']?.startsWith('text/event-stream')) return sink.streamedText();
  return (JSON.parse(sink.body) as { choices: { message: { content: string } }[] }).choices[0].message.content;
}

export const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'claims-triage', messages: [{ role: 'user', content }], temperature: 0, ...extra,
});
