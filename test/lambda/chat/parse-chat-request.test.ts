import fc from 'fast-check';
import { parseChatRequest, type ChatRequestLimits } from '../../../lambda/chat/parse-chat-request';
import { MAX_MESSAGES, MAX_STOP, MAX_STOP_LENGTH } from '../../../lambda/chat/limits';
import { MAX_STOP_SEQUENCE_LENGTH, MAX_STOP_SEQUENCES } from '../../../lib/contracts/prompt-schema';

const limits: ChatRequestLimits = { model: 'claims-triage', maxTotalChars: 1000, maxOutputTokens: 2048 };
const user = (text: unknown) => ({ role: 'user', content: text });

function refused(body: unknown): { message: string; param: string | null } {
  const result = parseChatRequest(body, limits);
  if (result.success) throw new Error('expected a refusal');
  expect(result.error.status).toBe(400);
  expect(result.error.code).toBe('InvalidRequestBody');
  return result.error;
}

describe('parseChatRequest', () => {
  test('stop limits are the prompt route\'s', () => {
    expect([MAX_STOP, MAX_STOP_LENGTH]).toEqual([MAX_STOP_SEQUENCES, MAX_STOP_SEQUENCE_LENGTH]);
  });

  test('reads a full request into turns and parameters', () => {
    const result = parseChatRequest({
      model: 'claims-triage',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hello' }, { type: 'text', text: 'there' }] },
        { role: 'assistant', content: 'Hi.' },
        user('Summarise.'),
      ],
      max_completion_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      stop: ['END'],
      stream: true,
      stream_options: { include_usage: true },
      user: 'end-user-7',
    }, limits);
    expect(result).toEqual({
      success: true,
      data: {
        model: 'claims-triage',
        turns: [
          { role: 'system', text: 'Be brief.' },
          { role: 'user', text: 'Hello\nthere' },
          { role: 'assistant', text: 'Hi.' },
          { role: 'user', text: 'Summarise.' },
        ],
        parameters: { maxTokens: 100, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
        stream: true,
        includeUsage: true,
        user: 'end-user-7',
      },
    });
  });

  test('defaults: no model, no parameters, not streamed; null means not set', () => {
    const result = parseChatRequest({ messages: [user('Hi')], temperature: null, stop: null, stream: null }, limits);
    expect(result).toEqual({
      success: true,
      data: { model: 'claims-triage', turns: [{ role: 'user', text: 'Hi' }], parameters: {}, stream: false, includeUsage: false },
    });
  });

  test('a single stop string becomes a list; max_tokens is read as well', () => {
    const result = parseChatRequest({ messages: [user('Hi')], stop: '\n\n', max_tokens: 5 }, limits);
    expect(result.success && result.data.parameters).toEqual({ maxTokens: 5, stopSequences: ['\n\n'] });
  });

  test('fails when a field is not supported, naming it', () => {
    expect(refused({ messages: [user('Hi')], tools: [] })).toEqual(expect.objectContaining({
      message: 'tools is not supported by this API.', param: 'tools',
    }));
    expect(refused({ messages: [{ role: 'user', content: 'Hi', name: 'jane' }] }).param).toBe('messages[0].name');
    expect(refused({ messages: [user('Hi')], stream: true, stream_options: { include_obfuscation: true } }).param)
      .toBe('stream_options.include_obfuscation');
  });

  test('fails when a field name is free text, without repeating it', () => {
    const error = refused({ messages: [user('Hi')], 'jane.doe@example.com': 1 });
    expect(error.message).not.toContain('jane');
    expect(error.param).toBeNull();
  });

  test('fails when the model is another route\'s', () => {
    expect(refused({ model: 'other', messages: [user('Hi')] })).toEqual(expect.objectContaining({ param: 'model' }));
  });

  test.each([
    [{ messages: [] }, 'messages'],
    [{ messages: 'Hi' }, 'messages'],
    [{ messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].role'],
    [{ messages: [{ role: 'developer', content: 'x' }, user('Hi')] }, 'messages[0].role'],
    [{ messages: [{ role: 'system', content: 'x' }] }, 'messages'],
    [{ messages: [user('')] }, 'messages[0].content'],
    [{ messages: [user(null)] }, 'messages[0].content'],
    [{ messages: [user([])] }, 'messages[0].content'],
    [{ messages: [user([{ type: 'image_url', image_url: { url: 'x' } }])] }, 'messages[0].content[0].type'],
    [{ messages: [user([{ type: 'text', text: 'x', cache_control: {} }])] }, 'messages[0].content[0].cache_control'],
    [{ messages: [user([{ type: 'image_url' }])] }, 'messages[0].content[0].type'],
    [{ messages: [user([{ type: 'text', text: 3 }])] }, 'messages[0].content[0].text'],
    [{ messages: [user('Hi')], max_tokens: 0 }, 'max_tokens'],
    [{ messages: [user('Hi')], max_tokens: 2049 }, 'max_tokens'],
    [{ messages: [user('Hi')], max_completion_tokens: 1.5 }, 'max_completion_tokens'],
    [{ messages: [user('Hi')], max_tokens: 5, max_completion_tokens: 5 }, 'max_tokens'],
    [{ messages: [user('Hi')], temperature: 2.5 }, 'temperature'],
    [{ messages: [user('Hi')], temperature: '1' }, 'temperature'],
    [{ messages: [user('Hi')], top_p: -0.1 }, 'top_p'],
    [{ messages: [user('Hi')], stop: '' }, 'stop'],
    [{ messages: [user('Hi')], stop: ['a', ''] }, 'stop[1]'],
    [{ messages: [user('Hi')], stop: ['x'.repeat(65)] }, 'stop[0]'],
    [{ messages: [user('Hi')], stop: Array(MAX_STOP + 1).fill('x') }, 'stop'],
    [{ messages: [user('Hi')], stream: 'yes' }, 'stream'],
    [{ messages: [user('Hi')], stream_options: { include_usage: true } }, 'stream_options'],
    [{ messages: [user('Hi')], stream: true, stream_options: { include_usage: 1 } }, 'stream_options.include_usage'],
    [{ messages: [user('Hi')], user: 'x'.repeat(257) }, 'user'],
  ])('fails when a field is out of shape: %j', (body, param) => {
    expect(refused(body).param).toBe(param);
  });

  test('fails when the conversation is longer than the limits', () => {
    expect(refused({ messages: [user('x'.repeat(600)), user('y'.repeat(401))] }).param).toBe('messages');
    expect(parseChatRequest({ messages: [user('x'.repeat(600)), user('y'.repeat(400))] }, limits).success).toBe(true);
    expect(refused({ messages: Array(MAX_MESSAGES + 1).fill(user('x')) }).param).toBe('messages');
  });

  test('fails when the body is not an object', () => {
    for (const body of [null, [], 'x', 3]) expect(refused(body).param).toBeNull();
  });

  test('never throws and never repeats a value the client sent', () => {
    const secret = 'S3cr3tValue';
    const value = fc.oneof(fc.constant(secret), fc.jsonValue(), fc.constant([{ type: 'text', text: secret }]));
    const body = fc.oneof(
      fc.dictionary(fc.constantFrom('model', 'messages', 'stop', 'user', 'temperature', 'stream', 'stream_options', 'n', secret), value),
      fc.record({ messages: fc.array(fc.record({ role: fc.constantFrom('user', 'system', secret), content: value }), { maxLength: 3 }) }),
      fc.anything(),
    );
    fc.assert(fc.property(body, (b) => {
      const result = parseChatRequest(b, limits);
      if (!result.success) {
        expect(result.error.message).not.toContain(secret);
        expect(result.error.param ?? '').not.toContain(secret);
      }
    }), { numRuns: 2000 });
  });

  test('whatever it accepts is within the limits', () => {
    const body = fc.record({
      messages: fc.array(fc.record({ role: fc.constantFrom('user', 'system', 'assistant'), content: fc.string({ maxLength: 400 }) }), { maxLength: 5 }),
      max_tokens: fc.option(fc.integer({ min: -5, max: 3000 })),
      temperature: fc.option(fc.double({ min: -1, max: 3 })),
      stop: fc.option(fc.oneof(fc.string({ maxLength: 70 }), fc.array(fc.string({ maxLength: 70 }), { maxLength: 6 }))),
    }, { requiredKeys: ['messages'] });
    fc.assert(fc.property(body, (b) => {
      const result = parseChatRequest(b, limits);
      if (!result.success) return;
      const { turns, parameters } = result.data;
      expect(turns.reduce((n, t) => n + t.text.length, 0)).toBeLessThanOrEqual(limits.maxTotalChars);
      expect(turns.some((t) => t.role === 'user')).toBe(true);
      if (parameters.maxTokens !== undefined) expect(parameters.maxTokens).toBeGreaterThanOrEqual(1);
      if (parameters.maxTokens !== undefined) expect(parameters.maxTokens).toBeLessThanOrEqual(limits.maxOutputTokens);
      for (const s of parameters.stopSequences ?? []) expect(s.length).toBeGreaterThan(0);
    }), { numRuns: 1000 });
  });
});
