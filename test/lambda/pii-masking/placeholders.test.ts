import { createPlaceholderMap, maskJson, maskPii, restorePlaceholders } from '../../../lambda/pii-masking';

describe('placeholders', () => {
  it('numbers placeholders per type and reuses them for the same value', () => {
    const r = maskPii('a@b.io, c@d.io, a@b.io, call 415-555-0123', { defaultMode: 'placeholder' });
    expect(r.text).toBe('<EMAIL_1>, <EMAIL_2>, <EMAIL_1>, call <PHONE_1>');
    expect(r.placeholders?.size).toBe(3);
  });

  it('keeps one numbering across the calls of one request and restores the originals in the answer', () => {
    const map = createPlaceholderMap();
    const prompt = maskPii('Email jane@x.org about card 4111 1111 1111 1111.', { defaultMode: 'placeholder', placeholders: map });
    const system = maskPii('Also cc tom@y.org.', { defaultMode: 'placeholder', placeholders: map });
    expect(prompt.text).toBe('Email <EMAIL_1> about card <CREDIT_CARD_1>.');
    expect(system.text).toBe('Also cc <EMAIL_2>.');
    // The model answers with placeholders and repeats one value in clear text.
    const answer = maskPii('Sent to <EMAIL_1> and jane@x.org; card <CREDIT_CARD_1> charged.', { defaultMode: 'placeholder', placeholders: map });
    expect(answer.text).toBe('Sent to <EMAIL_1> and <EMAIL_1>; card <CREDIT_CARD_1> charged.');
    expect(restorePlaceholders(answer.text, map)).toBe('Sent to jane@x.org and jane@x.org; card 4111 1111 1111 1111 charged.');
  });

  it('does not restore values first seen after seal(), such as PII the model made up', () => {
    const map = createPlaceholderMap();
    maskPii('mail jane@x.org', { defaultMode: 'placeholder', placeholders: map });
    map.seal();
    const answer = maskPii('I also found bob@z.org for <EMAIL_1>.', { defaultMode: 'placeholder', placeholders: map });
    expect(answer.text).toBe('I also found <EMAIL_2> for <EMAIL_1>.');
    expect(restorePlaceholders(answer.text, map)).toBe('I also found <EMAIL_2> for jane@x.org.');
  });

  it('leaves unknown and malformed placeholders as they are', () => {
    const map = createPlaceholderMap();
    maskPii('a@b.io', { defaultMode: 'placeholder', placeholders: map });
    expect(restorePlaceholders('<EMAIL_9> <EMAIL_1 <email_1> <<EMAIL_1>>', map)).toBe('<EMAIL_9> <EMAIL_1 <email_1> <a@b.io>');
  });

  it('keeps placeholders and originals out of JSON output of the map', () => {
    const map = createPlaceholderMap();
    maskPii('a@b.io', { defaultMode: 'placeholder', placeholders: map });
    expect(JSON.stringify({ map })).toBe('{"map":{"size":1}}');
  });

  it('shares one map across the strings of a JSON document', () => {
    const r = maskJson({ to: 'a@b.io', cc: ['a@b.io', 'c@d.io'] }, { defaultMode: 'placeholder' });
    expect(r.value).toEqual({ to: '<EMAIL_1>', cc: ['<EMAIL_1>', '<EMAIL_2>'] });
    expect(r.placeholders?.originalOf('<EMAIL_2>')).toBe('c@d.io');
  });
});
