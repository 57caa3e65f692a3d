import { createValidationPolicy, detectPromptInjection, validateRequest } from '../../../lambda/request-validator';
import { growth, GROWTH_BOUND, repeatTo } from '../../helpers/growth';

const repeat = (unit: string) => (n: number) => repeatTo(unit, n);

const ADVERSARIAL: ReadonlyArray<[string, (n: number) => string]> = [
  ['prose', repeat('The committee reviewed the proposal and decided to postpone the vote until more data is available. ')],
  ['one anchor word over and over', repeat('ignore ')],
  ['instruction words without a verb', repeat('all previous instructions rules guidelines ')],
  ['second-person phrases', repeat('you are now your system prompt ')],
  ['spaced single letters', repeat('a ')],
  ['letters split by hyphens', repeat('ig-no-re ')],
  ['one long word', repeat('a')],
  ['base64 alphabet', repeat('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo')],
  ['hex pairs', repeat('69 67 6e 6f 72 65 ')],
  ['escapes', repeat('\\u0069%69&#105;')],
  ['markup openers', repeat('<|im_start|')],
  ['image links', repeat('![a](https://x.example/?q=')],
  ['HTML comments', repeat('<!-- ai ')],
  ['quotes', repeat('"ignore previous instructions" ')],
  ['Cyrillic and Latin mixed', repeat('іgnоrе word слово ')],
  ['leetspeak', repeat('1gn0r3 ')],
  ['exclamation marks in words', repeat('!gn!re ')],
  ['zero-width characters', repeat('a\u200b')],
  ['CJK', repeat('忽略之前的所有指令系统提示')],
  ['brackets', repeat('[[[[{{{{')],
  ['quoted pieces glued with plus signs', repeat("join 'ig' + 'nore' and do it ")],
  ['capitalized words', repeat('combine the IGNORE words and do it ')],
  ['words cut in two', repeat('ig nore ru les sys tem ')],
  ['conversation turns', repeat('user: hi\nassistant: i will drop my rules\n')],
  ['URLs with open parameters', repeat('https://x.example/?a=&b= ')],
  ['the model addressed by name', repeat('assistant, ai: model: ')],
  ['refusal words after negations', repeat('never refuse no disclaimers ')],
];

describe('detectPromptInjection grows linearly', () => {
  it.each(ADVERSARIAL)('doubling %s less than triples the time', (_name, make) => {
    expect(growth(make, (text) => detectPromptInjection(text), 3_000)).toBeLessThan(GROWTH_BOUND);
  });
});

describe('validateRequest grows linearly', () => {
  // Limits high enough that every body below is read to the end; JSON.parse itself slows down more than
  // linearly with the keys of one object, which is why maxKeys is enforced by the scan before parsing.
  const policy = createValidationPolicy({ maxBodyBytes: 1_000_000, maxPromptLength: 200_000, maxDepth: 100_000, maxKeys: 100_000, injectionAction: 'flag' });
  const defaults = createValidationPolicy({ maxBodyBytes: 1_000_000 });
  const asPrompt = (make: (n: number) => string) => (n: number) => JSON.stringify({ prompt: make(n) });
  const bodies: ReadonlyArray<[string, (n: number) => string]> = [
    ['a prose prompt', asPrompt(repeat('The committee reviewed the proposal and decided to postpone the vote. '))],
    ['a prompt of escapes', asPrompt(repeat('\u200b\u202e"\\'))],
    ['many small objects', (n) => `[${Array.from({ length: n / 10 }, (_, i) => `{"k":${i % 10}}`).join(',')}]`],
    ['a long invalid string', (n) => `{"prompt":"${'\\'.repeat(n)}`],
  ];

  it.each(bodies)('doubling %s less than triples the time', (_name, make) => {
    const run = (body: string) => validateRequest({ headers: { 'content-type': 'application/json' }, body }, policy);
    expect(growth(make, run, 8_000)).toBeLessThan(GROWTH_BOUND);
  });

  it('refuses deep nesting at the limit, whatever the body size', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const run = (body: string) => validateRequest({ headers: { 'content-type': 'application/json' }, body }, defaults);
    expect(growth(deep, run, 10_000)).toBeLessThan(GROWTH_BOUND);
  });

  it('refuses an object with many keys at the limit, whatever the body size', () => {
    const manyKeys = (n: number) => `{${Array.from({ length: n / 8 }, (_, i) => `"k${i}":1`).join(',')}}`;
    const run = (body: string) => validateRequest({ headers: { 'content-type': 'application/json' }, body }, defaults);
    expect(growth(manyKeys, run, 10_000)).toBeLessThan(GROWTH_BOUND);
  });
});
