import { WORD_RULES } from '../../../lambda/request-validator/injection/rules/catalogue';
import { sequenceSource } from '../../../lambda/request-validator/injection/pattern-builder';

// Word rules build their regexes the first time they are tried, so a malformed rule would only show at request time.
describe('word rules', () => {
  it('all build a valid sticky regex', () => {
    const broken = WORD_RULES.flatMap((rule, id) => {
      try {
        new RegExp(sequenceSource(rule.parts, rule.notAfter, rule.after), 'y');
        return [];
      } catch {
        return [id];
      }
    });
    expect(broken).toEqual([]);
  });
});
