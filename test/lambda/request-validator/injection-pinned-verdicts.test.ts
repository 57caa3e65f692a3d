import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectPromptInjection } from '../../../lambda/request-validator';
import { Reason } from '../../../lambda/request-validator/injection/reasons';
import { applyVariant, VARIANT_NAMES, type VariantName } from './variants';

/**
 * A curated set of prompts with the verdict each must get at the default
 * threshold, and why (test/fixtures/injection/README.md says how they were
 * chosen). Verdicts, not scores, are pinned: weights may move scores, and the
 * TPR/FPR floors in injection-sets.test.ts guard the sets as a whole.
 */
interface Pin {
  readonly id: string;
  readonly source: string;
  readonly variant?: VariantName;
  readonly lang: string;
  readonly flagged: boolean;
  /** A reason code the guard must report: the rule or decoding this pin exercises. */
  readonly rule?: string;
  readonly why: string;
  readonly text: string;
}

const PINS: readonly Pin[] = readFileSync(join(__dirname, '../../fixtures/injection/pinned-verdicts.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Pin);

const LABELED = ['labeled', 'later-rounds', 'holdout', 'round7', 'round8', 'pii-business', 'pii-embedded-attacks'];
const languagesOfLabeledSets = () => new Set(
  LABELED.flatMap((set) => readFileSync(join(__dirname, `../../fixtures/injection/${set}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { lang: string }).lang)),
);

describe('the pinned injection verdicts', () => {
  it('are a few hundred, each with a unique id, a known variant and a reason', () => {
    expect(PINS.length).toBeGreaterThanOrEqual(300);
    expect(PINS.length).toBeLessThanOrEqual(500);
    expect(new Set(PINS.map((p) => p.id)).size).toBe(PINS.length);
    for (const pin of PINS) {
      expect({ id: pin.id, why: pin.why.length >= 20, variant: pin.variant === undefined || VARIANT_NAMES.includes(pin.variant) })
        .toEqual({ id: pin.id, why: true, variant: true });
    }
  });

  it('cover every rule family, every decoding and every language of the labeled sets', () => {
    const rules = new Set(PINS.map((p) => p.rule));
    expect(Object.values(Reason).filter((r) => !rules.has(r))).toEqual([]);
    const variants = new Set(PINS.map((p) => p.variant));
    expect(VARIANT_NAMES.filter((v) => !variants.has(v))).toEqual([]);
    const langs = new Set(PINS.map((p) => p.lang));
    expect([...languagesOfLabeledSets()].filter((l) => !langs.has(l))).toEqual([]);
  });

  it('get the pinned verdict and report the rule they exercise', () => {
    const wrong = PINS.flatMap((pin) => {
      const result = detectPromptInjection(applyVariant(pin.text, pin.variant));
      const ruleMissing = pin.rule !== undefined && !result.reasons.includes(pin.rule as Reason);
      if (result.flagged === pin.flagged && !ruleMissing) return [];
      const now = { flagged: result.flagged, score: result.score, reasons: result.reasons };
      return [{ id: pin.id, why: pin.why, pinned: { flagged: pin.flagged, rule: pin.rule }, now }];
    });
    expect(wrong).toEqual([]);
  });
});
