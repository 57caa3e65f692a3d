import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PiiConfigError, maskPii, validateMaskOptions, type CustomPatternConfig } from '../../../lambda/pii-masking';
import { checkAllowlistValues, checkCustomPatternName, compileCustomPattern } from '../../../lambda/pii-masking/config-checks';

function withPattern(pattern: string, extra: Partial<CustomPatternConfig> = {}): { customPatterns: CustomPatternConfig[] } {
  return { customPatterns: [{ name: 'EMPLOYEE_ID', pattern, ...extra }] };
}

describe('custom patterns', () => {
  it('masks matches of a configured pattern with its name', () => {
    const r = maskPii('Employee EMP-123456 and EMP-9 and xEMP-123456', withPattern('\\bEMP-\\d{6}\\b'));
    expect(r.text).toBe('Employee [EMPLOYEE_ID] and EMP-9 and xEMP-123456');
    expect(r.findings).toEqual([{ type: 'CUSTOM', label: 'EMPLOYEE_ID', start: 9, end: 19 }]);
  });

  it('finds leftmost-longest matches with alternation, classes and bounded repeats', () => {
    const r = maskPii('ids: ab-12, abc-1234, AB-99', withPattern('(?:ab|abc)-[0-9]{2,4}', { caseInsensitive: true }));
    expect(r.findings.map((f) => f.end - f.start)).toEqual([5, 8, 5]);
  });

  it('finds every match up to the end of the input, even while a longer match was still possible', () => {
    const r = maskPii('aaaaa', { types: [], customPatterns: [{ name: 'RUN', pattern: 'a{1,20}b|a' }] });
    expect(r.findings).toHaveLength(5);
  });

  it('uses its own mode and placeholder tag', () => {
    const r = maskPii('EMP-123456 EMP-123456', withPattern('EMP-\\d{6}', { mode: 'placeholder' }));
    expect(r.text).toBe('<EMPLOYEE_ID_1> <EMPLOYEE_ID_1>');
  });

  it('gives way to a built-in finding it overlaps', () => {
    const r = maskPii('mail emp@example.com', withPattern('emp@[a-z]+'));
    expect(r.findings.map((f) => f.type)).toEqual(['EMAIL']);
  });

  it.each([
    ['a nested quantifier', '(a+)+b', /unbounded quantifier/],
    ['a nested star', '(\\w*)*', /unbounded quantifier/],
    ['a backreference', '(a)\\1', /backreferences/],
    ['a named backreference', '(?:a)\\k<x>', /backreferences/],
    ['a lookahead', 'a(?=b)', /lookaround/],
    ['a lookbehind', '(?<!x)a', /lookaround/],
    ['a lazy quantifier', 'a+?', /lazy/],
    ['a huge repeat', 'a{1000}', /above 100/],
    ['an empty match', 'a*', /empty string/],
    ['an unbalanced group', '(ab', /missing '\)'/],
    ['an unknown escape', '\\q', /unknown escape/],
  ])('fails when the pattern has %s', (_name, pattern, message) => {
    expect(() => validateMaskOptions(withPattern(pattern))).toThrow(PiiConfigError);
    expect(() => validateMaskOptions(withPattern(pattern))).toThrow(message);
  });

  it('fails when the name is not an upper-case identifier or is a built-in type', () => {
    expect(() => validateMaskOptions({ customPatterns: [{ name: 'emp', pattern: 'x' }] })).toThrow(PiiConfigError);
    expect(() => validateMaskOptions({ customPatterns: [{ name: 'EMAIL', pattern: 'x' }] })).toThrow(/built-in/);
  });

  it('accepts a bounded repeat over a group of bounded repeats', () => {
    expect(() => validateMaskOptions(withPattern('(?:\\d{3}-){2}\\d{4}'))).not.toThrow();
    expect(maskPii('call 555-123-4567', { types: [], ...withPattern('(?:\\d{3}-){2}\\d{4}') }).text).toBe('call [EMPLOYEE_ID]');
  });
});

describe('the synth-time checks (config-checks.ts)', () => {
  /**
   * Relative imports of a module of lambda/pii-masking, followed to the end. A contract module of
   * lib/contracts may be named too: lint keeps those free of imports, so it pulls in nothing more.
   */
  function importClosure(entry: string): string[] {
    const dir = join(__dirname, '..', '..', '..', 'lambda', 'pii-masking');
    const seen = new Set<string>();
    const visit = (name: string): void => {
      if (seen.has(name)) return;
      seen.add(name);
      const source = readFileSync(join(dir, `${name}.ts`), 'utf8');
      for (const [, spec] of source.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gm)) {
        if (/^(\.\.\/)+lib\/contracts\/[a-z-]+$/.test(spec)) {
          seen.add(spec.replace(/^(\.\.\/)+/, ''));
          continue;
        }
        if (!spec.startsWith('./')) throw new Error(`${name}.ts imports ${spec}`);
        visit(spec.slice(2));
      }
    };
    visit(entry);
    return [...seen].sort();
  }

  it('load only the parser, the automaton, the allowlist and what they need, so the constructs can run them', () => {
    expect(importClosure('config-checks')).toEqual([
      'allowlist', 'char-class', 'config-checks', 'custom-pattern-matcher', 'custom-pattern-parser', 'errors', 'lib/contracts/model-proxy', 'types',
    ]);
  });

  it('refuse what compiling the options refuses, with the same error', () => {
    for (const pattern of ['(a+)+b', 'a(?=b)', '\\d*', '(?:\\w{100}){50}']) {
      const viaOptions = (() => {
        try {
          validateMaskOptions(withPattern(pattern));
        } catch (err) {
          return err as PiiConfigError;
        }
        throw new Error(`options accepted ${pattern}`);
      })();
      expect(() => compileCustomPattern(pattern, false, 'customPatterns[0] (EMPLOYEE_ID)')).toThrow(viaOptions.message);
    }
    expect(() => checkCustomPatternName('PHONE', 'x')).toThrow(/built-in type/);
    expect(() => checkAllowlistValues([' '])).toThrow(PiiConfigError);
  });
});
