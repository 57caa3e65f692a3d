import type { PromptParameters } from '../../../lambda/model-proxy/guards';
import { buildRequestBody, extractText, parsePath } from '../../../lambda/model-proxy/payload-format';
import { DEFAULT_RESPONSE_TEXT_PATHS, RESPONSE_TEXT_PATH_PATTERN } from '../../../lib/contracts/model-proxy';

const params: PromptParameters = { maxTokens: 128, temperature: 0.2, topP: 0.9, stopSequences: ['\n\n'] };
const options = { defaultMaxTokens: 4096, requestModelName: 'meta-llama/Llama-3.1-8B-Instruct' };
const body = (format: Parameters<typeof buildRequestBody>[0], p: PromptParameters = params) => JSON.parse(buildRequestBody(format, 'Hello', p, options));

describe('request bodies', () => {
  test('PASSTHROUGH sends the payload as the caller wrote it', () => {
    expect(body('PASSTHROUGH')).toEqual({ prompt: 'Hello', parameters: params });
    expect(body('PASSTHROUGH', {})).toEqual({ prompt: 'Hello' });
  });

  test('HUGGING_FACE speaks the TGI / inference-toolkit shape and never echoes the prompt back', () => {
    expect(body('HUGGING_FACE')).toEqual({
      inputs: 'Hello',
      parameters: { max_new_tokens: 128, temperature: 0.2, top_p: 0.9, stop: ['\n\n'], return_full_text: false },
    });
  });

  test('HUGGING_FACE turns temperature 0 into greedy decoding', () => {
    expect(body('HUGGING_FACE', { temperature: 0 }).parameters).toEqual({ do_sample: false, return_full_text: false });
  });

  test('OPENAI_COMPLETIONS names the served model', () => {
    expect(body('OPENAI_COMPLETIONS')).toEqual({
      model: 'meta-llama/Llama-3.1-8B-Instruct', prompt: 'Hello', max_tokens: 128, temperature: 0.2, top_p: 0.9, stop: ['\n\n'],
    });
  });

  test('ANTHROPIC_MESSAGES always sets max_tokens, which the API requires', () => {
    expect(body('ANTHROPIC_MESSAGES', {})).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 4096,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    });
    expect(body('ANTHROPIC_MESSAGES')).toMatchObject({ max_tokens: 128, temperature: 0.2, top_p: 0.9, stop_sequences: ['\n\n'] });
  });
});

describe('response text', () => {
  const text = (answer: unknown, path: string) => extractText(JSON.stringify(answer), parsePath(path));

  test('is read at the default path of each format', () => {
    expect(text({ generated_text: 'a' }, DEFAULT_RESPONSE_TEXT_PATHS.PASSTHROUGH)).toBe('a');
    expect(text([{ generated_text: 'b' }], DEFAULT_RESPONSE_TEXT_PATHS.HUGGING_FACE)).toBe('b');
    expect(text({ choices: [{ text: 'c' }] }, DEFAULT_RESPONSE_TEXT_PATHS.OPENAI_COMPLETIONS)).toBe('c');
    expect(text({ content: [{ type: 'text', text: 'd' }] }, DEFAULT_RESPONSE_TEXT_PATHS.ANTHROPIC_MESSAGES)).toBe('d');
  });

  test('is read at nested and indexed paths', () => {
    expect(text({ outputs: [{ text: 'x' }, { text: 'y' }] }, 'outputs[1].text')).toBe('y');
    expect(text([[{ generated_text: 'z' }]], '[0][0].generated_text')).toBe('z');
    expect(text({ completion: 'w' }, 'completion')).toBe('w');
  });

  test.each([
    ['is not JSON', 'not json', 'a'],
    ['lacks the field', JSON.stringify({ b: 'x' }), 'a'],
    ['has a number there', JSON.stringify({ a: 1 }), 'a'],
    ['has an object where an index is expected', JSON.stringify({ a: { 0: 'x' } }), 'a[0]'],
    ['has several results at the top', JSON.stringify([{ a: 'x' }, { a: 'y' }]), 'a'],
    ['would need a prototype field', JSON.stringify({}), 'constructor'],
  ])('is undefined when the answer %s', (_what, raw, path) => {
    expect(extractText(raw, parsePath(path))).toBeUndefined();
  });

  test('paths follow the documented syntax', () => {
    for (const ok of ['generated_text', 'outputs[0].text', '[0].generated_text', 'a.b-c.d_e[12]']) expect(RESPONSE_TEXT_PATH_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', '.a', 'a.', 'a[x]', 'a[-1]', 'a b', '$.a']) expect(RESPONSE_TEXT_PATH_PATTERN.test(bad)).toBe(false);
  });
});
