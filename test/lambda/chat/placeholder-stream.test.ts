import fc from 'fast-check';
import { createPlaceholderMap, maskPii, restorePlaceholders } from '../../../lambda/pii-masking';
import { PlaceholderRestorer } from '../../../lambda/chat/placeholder-stream';

function callMap() {
  const map = createPlaceholderMap();
  maskPii('Mail jane.doe@example.com, call +1 (415) 555-0123.', { defaultMode: 'placeholder', placeholders: map });
  map.seal();
  // A value first seen in the answer: its placeholder must never be restored.
  maskPii('Also bob@example.org.', { defaultMode: 'placeholder', placeholders: map });
  return map;
}

describe('PlaceholderRestorer', () => {
  test('a placeholder split over chunks is restored whole; the model\'s own PII stays masked', () => {
    const restorer = new PlaceholderRestorer(callMap());
    const out = ['Write to <EMA', 'IL_1', '>', ' or <PHONE_', '1> but not <EMAIL_2>.'].map((c) => restorer.push(c)).join('') + restorer.flush();
    expect(out).toBe('Write to jane.doe@example.com or +1 (415) 555-0123 but not <EMAIL_2>.');
  });

  test('holds back only an unfinished tag', () => {
    const restorer = new PlaceholderRestorer(callMap());
    expect(restorer.push('a < b and <EMAIL')).toBe('a < b and ');
    expect(restorer.push('_1 is')).toBe('<EMAIL_1 is');
    expect(restorer.push(`<${'A'.repeat(65)}`)).toBe(`<${'A'.repeat(65)}`);
  });

  test('for any text and any split, the output equals restoring the whole text', () => {
    const piece = fc.constantFrom('<EMAIL_1>', '<PHONE_1>', '<EMAIL_2>', '<EMAIL_9>', '<', '>', '<<', 'EMAIL_1>', ' ', 'x', '_', '1', `<${'B'.repeat(64)}>`);
    const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(fc.property(text, fc.array(fc.nat(), { maxLength: 10 }), (t, cuts) => {
      const map = callMap();
      const at = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
      const restorer = new PlaceholderRestorer(map);
      let out = '';
      let last = 0;
      for (const c of at) {
        out += restorer.push(t.slice(last, c));
        last = c;
      }
      out += restorer.push(t.slice(last)) + restorer.flush();
      expect(out).toBe(restorePlaceholders(t, map));
    }), { numRuns: 1000 });
  });
});
