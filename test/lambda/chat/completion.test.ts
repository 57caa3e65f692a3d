import { buildCompletion, ChunkBuilder, completionId, toCompletionUsage } from '../../../lambda/chat/completion';

const identity = { id: completionId('c0ffee-42'), created: 1_700_000_000, model: 'claims-triage' };
const usage = { promptTokens: 12, completionTokens: 5, estimated: false };

describe('chat completion objects', () => {
  test('the id carries the request id, with id characters only', () => {
    expect(completionId('c0ffee-42')).toBe('chatcmpl-c0ffee-42');
    expect(completionId('a"b\n<c>')).toBe('chatcmpl-abc');
    expect(completionId('')).toBe('chatcmpl-unknown');
  });

  test('a buffered answer is a chat.completion with usage', () => {
    expect(buildCompletion(identity, 'Hello.', 'stop', usage)).toEqual({
      id: 'chatcmpl-c0ffee-42',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'claims-triage',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
    });
  });

  test('usage is whole tokens, never negative or NaN', () => {
    expect(toCompletionUsage({ promptTokens: 2.2, completionTokens: -3, estimated: true }))
      .toEqual({ prompt_tokens: 3, completion_tokens: 0, total_tokens: 3 });
    expect(toCompletionUsage({ promptTokens: NaN, completionTokens: Infinity, estimated: true }).total_tokens).toBe(0);
  });

  test('chunks: role first, then content, then the finish reason', () => {
    const chunks = new ChunkBuilder(identity, false);
    expect(chunks.role()).toEqual({
      id: 'chatcmpl-c0ffee-42', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'claims-triage',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    });
    expect(chunks.content('Hel').choices).toEqual([{ index: 0, delta: { content: 'Hel' }, finish_reason: null }]);
    expect(chunks.finish('length').choices).toEqual([{ index: 0, delta: {}, finish_reason: 'length' }]);
    expect(chunks.content('x')).not.toHaveProperty('usage');
  });

  test('with include_usage every chunk has usage null and the last one has the usage and no choices', () => {
    const chunks = new ChunkBuilder(identity, true);
    expect(chunks.content('x').usage).toBeNull();
    expect(chunks.finish('stop').usage).toBeNull();
    expect(chunks.usage(usage)).toEqual({
      id: 'chatcmpl-c0ffee-42', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'claims-triage',
      choices: [], usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
    });
  });
});
