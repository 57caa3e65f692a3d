import { createPlaceholderMap, maskPii } from '../../../lambda/pii-masking';
import { createGuards, proxyMaskOptions } from '../../../lambda/model-proxy/guard-wiring';
import { maskNormalized } from '../../../lambda/model-proxy/normalized-masking';
import { normalizeText } from '../../../lambda/request-validator';
import { proxyConfig } from './fakes';

const mask = (text: string) => maskNormalized(text, createPlaceholderMap());

describe('maskNormalized', () => {
  test.each([
    ['full-width digits', 'SSN １２３-４５-６７８９ on file'],
    ['a zero-width space inside', 'SSN 123\u200B-45-6789 on file'],
    ['a word joiner inside an address', 'mail jane\u2060.doe@example.com on file'],
    ['a soft hyphen inside a card number', 'card 4111 1111\u00AD 1111 1111 on file'],
  ])('finds PII written with %s, as in the normalised prompt', (_what, text) => {
    const result = mask(text);
    expect(result.findings).toHaveLength(1);
    expect(result.text).toMatch(/^(SSN|mail|card) <[A-Z_]+_1> on file$/);
    // What the masker would find in the normalised text is what it finds here, whatever it does with raw text.
    expect(result.findings.map((f) => f.type)).toEqual(maskPii(normalizeText(text).text).findings.map((f) => f.type));
  });

  test('keeps the original text outside findings: full-width letters, ligatures, combining accents, invisible characters', () => {
    const text = 'Ｒｅｆ ﬁle café\u200D\u00E9 e\u0301 123-45-6789 ① \u200B end';
    expect(mask(text).text).toBe('Ｒｅｆ ﬁle café\u200D\u00E9 e\u0301 <US_SSN_1> ① \u200B end');
  });

  test('returns the text unchanged when there is nothing to mask, even when normalising would change it', () => {
    const text = 'Ｈｅｌｌｏ ﬁne\u200B day ②';
    expect(mask(text)).toEqual({ text, findings: [] });
  });

  test('gives one value one placeholder, in whatever form it was written', () => {
    const map = createPlaceholderMap();
    const first = maskNormalized('ssn 123-45-6789', map);
    const second = maskNormalized('ssn １２３-４５-６７８９', map);
    expect(first.text).toBe('ssn <US_SSN_1>');
    expect(second.text).toBe('ssn <US_SSN_1>');
  });

  test('hands on the masked normalised text when pieces cannot be mapped back (conjoining jamo)', () => {
    // U+1100 U+1161 compose to U+AC00 under NFKC, across what the map treats as two pieces.
    const text = '\u1100\u1161 123-45-6789';
    expect(mask(text).text).toBe('\uAC00 <US_SSN_1>');
  });
});

describe('the guards\' masking of one call', () => {
  const guards = createGuards(proxyConfig());

  test('one placeholder map for the request\'s strings and the answer; only the request\'s values are restored', async () => {
    const call = await guards.pii.startCall();
    expect((await call.maskRequest('write to jane.doe@example.com')).text).toBe('write to <EMAIL_1>');
    expect((await call.maskRequest('jane.doe@example.com')).text).toBe('<EMAIL_1>');
    expect((await call.maskRequest('bob@corp.example')).text).toBe('<EMAIL_2>');
    const answer = await call.maskResponse('<EMAIL_1>, <EMAIL_2> and eve@evil.example (or ｊａｎｅ.ｄｏｅ@example.com)');
    expect(answer.text).toBe('<EMAIL_1>, <EMAIL_2> and <EMAIL_3> (or <EMAIL_1>)');
    expect(call.restore(answer.text)).toBe('jane.doe@example.com, bob@corp.example and <EMAIL_3> (or jane.doe@example.com)');
  });

  test('masks the answer as strongly as the prompt: the validator\'s normalisation runs first', async () => {
    const call = await guards.pii.startCall();
    await call.maskRequest('hello');
    const answer = await call.maskResponse('Your SSN is １２３\u200B-４５-６７８９.');
    expect(answer).toEqual({ text: 'Your SSN is <US_SSN_1>.', findings: { US_SSN: 1 } });
  });

  test('refuses to mask request strings once the answer is being masked (they would become restorable too late)', async () => {
    const call = await guards.pii.startCall();
    await call.maskResponse('x');
    expect(() => call.maskRequest('jane.doe@example.com')).toThrow('PII masking failed');
  });

  test('keeps the restore of one call away from another call\'s values', async () => {
    const a = await guards.pii.startCall();
    const b = await guards.pii.startCall();
    await a.maskRequest('jane.doe@example.com');
    expect(a.restore('<EMAIL_1>')).toBe('jane.doe@example.com');
    expect(b.restore('<EMAIL_1>')).toBe('<EMAIL_1>');
  });
});

describe('the masker\'s options of a model (proxyMaskOptions)', () => {
  test('keeps the default to the mode alone, so the masker compiles it once', () => {
    expect(proxyMaskOptions({ mode: 'placeholder', allowlist: [], customPatterns: [] })).toEqual({ defaultMode: 'placeholder' });
  });

  test('normalises allowlist values as masked strings are, leaving out one that normalises to nothing', () => {
    const options = proxyMaskOptions({ mode: 'redact', allowlist: ['\u200B\u200B', 'ｓｕｐｐｏｒｔ@acme.example'], customPatterns: [] });
    expect(options.allow).toEqual({ values: ['support@acme.example'] });
  });

  test('throws at cold start when the masker refuses a pattern', () => {
    expect(() => proxyMaskOptions({ mode: 'redact', allowlist: [], customPatterns: [{ name: 'X', pattern: '(a|b*)*', caseInsensitive: false }] }))
      .toThrow(/unbounded quantifier/);
  });
});
