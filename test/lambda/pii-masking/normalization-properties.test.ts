/**
 * Properties of masking through the detection view: PII-dense text whose PII is disguised (default-ignorables
 * inside values, full-width, mathematical, circled and other-script digits, Unicode dashes and spaces) is
 * found as the plain text is, nothing a finding normalises to survives, and the rest of the text is untouched.
 */
import fc from 'fast-check';
import { maskPii, type MaskMode } from '../../../lambda/pii-masking';
import { detectionView } from '../../../lambda/pii-masking/normalize';
import { piiTextDisguised } from './generators';

const view = (s: string): string => detectionView(s).text;

describe('masking disguised PII', () => {
  it('reads the disguised text as the plain text', () => {
    fc.assert(
      fc.property(piiTextDisguised, ({ text, hidden }) => {
        expect(view(hidden)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('finds the same entities, each covering the whole original extent of its value', () => {
    fc.assert(
      fc.property(piiTextDisguised, ({ text, hidden }) => {
        const plain = maskPii(text).findings;
        const found = maskPii(hidden).findings;
        expect(found.map((f) => f.type)).toEqual(plain.map((f) => f.type));
        found.forEach((f, k) => expect(view(hidden.slice(f.start, f.end))).toBe(text.slice(plain[k].start, plain[k].end)));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every character outside findings byte for byte', () => {
    fc.assert(
      fc.property(piiTextDisguised, ({ hidden }) => {
        const r = maskPii(hidden, { defaultMode: 'redact' });
        let expected = '';
        let last = 0;
        for (const f of r.findings) {
          expected += `${hidden.slice(last, f.start)}[${f.type}]`;
          last = f.end;
        }
        expect(r.text).toBe(expected + hidden.slice(last));
      }),
      { numRuns: 150 },
    );
  });

  it("lets no finding's normalised value survive in the output", () => {
    fc.assert(
      fc.property(piiTextDisguised, fc.constantFrom<MaskMode>('redact', 'placeholder', 'mask'), ({ text, hidden }, mode) => {
        // The findings of the plain text are what the disguised one must lose (the view of `hidden` is `text`).
        const plain = maskPii(text).findings;
        let rest = '';
        let last = 0;
        for (const f of plain) {
          rest += `${text.slice(last, f.start)}\u0000`;
          last = f.end;
        }
        rest += text.slice(last);
        const output = view(maskPii(hidden, { defaultMode: mode }).text);
        for (const f of plain) {
          const value = text.slice(f.start, f.end);
          if (!rest.includes(value)) expect(output).not.toContain(value);
        }
      }),
      { numRuns: 150 },
    );
  });
});
