/**
 * Properties over generated input: any string (all of UTF-16, lone
 * surrogates included) and PII-dense strings assembled from pieces.
 */
import fc from 'fast-check';
import { maskJson, maskPii, type MaskMode } from '../../../lambda/pii-masking';
import { anyText, gluedText, piiText } from './generators';

const mode = fc.constantFrom<MaskMode>('redact', 'mask', 'placeholder', 'hash');
const HASH_KEY = 'k'.repeat(32);

function sortedDisjointInside(findings: ReadonlyArray<{ start: number; end: number }>, length: number): boolean {
  let last = 0;
  for (const f of findings) {
    if (!(Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= last && f.end > f.start && f.end <= length)) return false;
    last = f.end;
  }
  return true;
}

describe('maskPii properties', () => {
  it('never throws and reports sorted, disjoint, in-range offsets for any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, piiText, gluedText), (text) => {
        const r = maskPii(text);
        expect(typeof r.text).toBe('string');
        expect(r.failedClosed).toBeUndefined();
        expect(sortedDisjointInside(r.findings, text.length)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('finds nothing new in its own output, in every mode (idempotence)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, piiText), mode, (text, m) => {
        const once = maskPii(text, { defaultMode: m, hashKey: HASH_KEY }).text;
        expect(maskPii(once, { defaultMode: m, hashKey: HASH_KEY }).findings).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it("lets no finding's text survive in the output where the input did not also hold it outside findings", () => {
    fc.assert(
      fc.property(piiText, fc.constantFrom<MaskMode>('redact', 'placeholder', 'hash'), (text, m) => {
        const r = maskPii(text, { defaultMode: m, hashKey: HASH_KEY });
        let rest = '';
        let last = 0;
        for (const f of r.findings) {
          rest += `${text.slice(last, f.start)}\u0000`;
          last = f.end;
        }
        rest += text.slice(last);
        for (const f of r.findings) {
          const value = text.slice(f.start, f.end);
          if (!rest.includes(value)) expect(r.text).not.toContain(value);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('replaces exactly the findings and keeps every other character', () => {
    fc.assert(
      fc.property(piiText, (text) => {
        const r = maskPii(text, { defaultMode: 'redact' });
        let expected = '';
        let last = 0;
        for (const f of r.findings) {
          expected += `${text.slice(last, f.start)}[${f.type}]`;
          last = f.end;
        }
        expect(r.text).toBe(expected + text.slice(last));
      }),
      { numRuns: 150 },
    );
  });
});

describe('maskJson properties', () => {
  it('never modifies its input and never throws on JSON values', () => {
    const jsonWithPii = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        piiText,
        anyText,
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.oneof(fc.constantFrom('ssn', 'dob', 'name', 'password', 'phone'), fc.string()), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(jsonWithPii, fc.boolean(), (value, maskKeys) => {
        const before = JSON.stringify(value);
        const r = maskJson(value, { maskKeys });
        expect(JSON.stringify(value)).toBe(before);
        expect(r.findings.every((f) => f.path.startsWith('$'))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
