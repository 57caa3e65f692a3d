import { anyOf, Concept as C, type Bits, type ConceptMasks } from './concepts';
import { Reason } from './reasons';
import { CONCEPT_WEIGHTS as W } from './weights';
import type { Tokens } from './tokens';

/**
 * A concept rule fires when every group in `all` has a word within `window`
 * words of the others, in one sentence, in any order, and no `unless` word
 * sits among them or just before. A group is satisfied by any of its concepts.
 */
export interface ConceptRule {
  readonly reason: Reason;
  readonly weight: number;
  readonly all: readonly Bits[];
  readonly window: number;
  readonly unless?: Bits;
  /** The rule does not fire in a sentence that contains any of these. */
  readonly notInSentence?: Bits;
  /** How many consecutive sentences the concepts may spread over. @default 1 */
  readonly sentences: number;
}

interface Options {
  readonly unless?: number[];
  readonly notInSentence?: number[];
  readonly sentences?: number;
}

function r(reason: Reason, weight: number, window: number, all: number[][], options: Options = {}): ConceptRule {
  return {
    reason,
    weight,
    window,
    sentences: options.sentences ?? 1,
    all: all.map((g) => anyOf(...g)),
    ...(options.unless && { unless: anyOf(...options.unless) }),
    ...(options.notInSentence && { notInSentence: anyOf(...options.notInSentence) }),
  };
}

const O = Reason.INSTRUCTION_OVERRIDE;
const SELF = { unless: [C.SELF] };
const SELF_NOT_TECH = { unless: [C.SELF], notInSentence: [C.TECH] };

export const CONCEPT_RULES: readonly ConceptRule[] = [
  // Setting instructions aside, declaring them void, demanding obedience.
  r(O, W.DISMISS_INSTRUCTIONS_PRIOR, 8, [[C.DISMISS], [C.INSTRUCTIONS], [C.PRIOR, C.QUANT]], SELF),
  r(O, W.DISMISS_RULES_PRIOR, 8, [[C.DISMISS], [C.RULES], [C.PRIOR]], SELF_NOT_TECH),
  r(O, W.DISMISS_WEAK_INSTRUCTIONS_PRIOR, 6, [[C.DISMISS_WEAK], [C.INSTRUCTIONS], [C.PRIOR, C.QUANT]], SELF),
  r(O, W.DISMISS_WEAK_RULES_PRIOR, 8, [[C.DISMISS_WEAK, C.DISMISS], [C.RULES], [C.PRIOR]], { unless: [C.SELF], notInSentence: [C.TECH], sentences: 2 }),
  r(O, W.DISMISS_INSTRUCTIONS, 4, [[C.DISMISS], [C.INSTRUCTIONS]], SELF),
  r(O, W.DISMISS_INSTRUCTIONS_WITHIN_12, 12, [[C.DISMISS], [C.INSTRUCTIONS]], { unless: [C.SELF], sentences: 2 }),
  r(O, W.DISMISS_TASK, 3, [[C.DISMISS], [C.TASK]], SELF),
  r(O, W.INSTRUCTIONS_PRIOR_VOID, 8, [[C.INSTRUCTIONS], [C.PRIOR, C.YOUR], [C.VOID]], SELF),
  r(O, W.RULES_YOUR_VOID, 8, [[C.RULES], [C.YOUR], [C.VOID]], SELF),
  r(O, W.RULES_PRIOR_VOID, 6, [[C.RULES], [C.PRIOR], [C.VOID]], SELF_NOT_TECH),
  r(O, W.OBEY_ME_DISMISS, 16, [[C.OBEY_ME], [C.DISMISS, C.VOID, C.INSTRUCTIONS, C.RULES, C.NEW_ORDERS]]),
  r(O, W.OBEY_ME, 1, [[C.OBEY_ME]]),
  r(O, W.NEW_ORDERS_VOID, 16, [[C.NEW_ORDERS], [C.VOID, C.DISMISS]]),
  r(O, W.NEW_ORDERS, 1, [[C.NEW_ORDERS]]),
  r(O, W.PRAISE_DISMISS, 10, [[C.PRAISE], [C.DISMISS, C.NEW_ORDERS]], { sentences: 2 }),
  r(O, W.NOTE_DISMISS, 4, [[C.NOTE], [C.DISMISS]]),
  // Disclosure of the hidden prompt or a kept secret.
  r(Reason.SYSTEM_PROMPT_EXTRACTION, W.REVEAL_CONTENT_HIDDEN, 10, [[C.REVEAL], [C.CONTENT], [C.HIDDEN]], SELF),
  r(Reason.SYSTEM_PROMPT_EXTRACTION, W.REVEAL_CONTENT_YOUR, 6, [[C.REVEAL], [C.CONTENT], [C.YOUR]], SELF),
  r(Reason.SYSTEM_PROMPT_EXTRACTION, W.REVEAL_CONTENT_WEAK_HIDDEN, 10, [[C.REVEAL], [C.CONTENT_WEAK], [C.HIDDEN]], SELF),
  r(Reason.SECRET_EXTRACTION, W.REVEAL_SECRET, 3, [[C.REVEAL], [C.SECRET]], SELF),
  r(Reason.SECRET_EXTRACTION, W.SECRET_INSTRUCTIONS, 12, [[C.SECRET], [C.INSTRUCTIONS, C.HIDDEN]], { unless: [C.SELF], sentences: 2 }),
  // Personas without limits.
  r(Reason.ROLE_PLAY_JAILBREAK, W.PERSONA_ABSENT_LIMITS, 14, [[C.PERSONA], [C.ABSENT], [C.LIMITS]], { notInSentence: [C.SELF_ROLE] }),
  r(Reason.ROLE_PLAY_JAILBREAK, W.FREE_AI, 6, [[C.FREE], [C.AI, C.PERSONA]]),
  r(Reason.ROLE_PLAY_JAILBREAK, W.ACT_ABSENT_LIMITS, 8, [[C.ACT], [C.ABSENT], [C.LIMITS]]),
  r(Reason.ROLE_PLAY_JAILBREAK, W.AI_ABSENT_LIMITS, 8, [[C.AI], [C.ABSENT], [C.LIMITS]]),
  r(Reason.ROLE_PLAY_JAILBREAK, W.PERSONA_KIN_RECOUNT, 16, [[C.PERSONA], [C.KIN], [C.RECOUNT]]),
  // Data leaving, or being handed over.
  r(Reason.EXFILTRATION, W.MOVE_SENSITIVE_DESTINATION, 16, [[C.MOVE], [C.SENSITIVE], [C.DESTINATION]]),
  r(Reason.EXFILTRATION, W.MOVE_PERSONAL_DESTINATION_QUANT, 16, [[C.MOVE], [C.PERSONAL], [C.DESTINATION], [C.QUANT, C.OTHERS_DATA]]),
  r(Reason.EXFILTRATION, W.MOVE_SENSITIVE_STEALTH, 16, [[C.MOVE], [C.SENSITIVE, C.PERSONAL], [C.STEALTH]]),
  r(Reason.EXFILTRATION, W.REVEAL_SENSITIVE_OTHERS_DATA, 8, [[C.REVEAL, C.MOVE], [C.SENSITIVE, C.PERSONAL], [C.OTHERS_DATA]]),
  r(Reason.EXFILTRATION, W.ASK_FOR_SENSITIVE, 5, [[C.ASK_FOR], [C.SENSITIVE, C.PERSONAL, C.SECRET]]),
  r(Reason.STEALTH_INSTRUCTION, W.STEALTH, 1, [[C.STEALTH]]),
  r(Reason.TOOL_INVOCATION, W.DISMISS_WEAK_OTHERS_DATA, 6, [[C.DISMISS_WEAK], [C.OTHERS_DATA]], SELF_NOT_TECH),
  // Text addressing the model from inside data, and dictated answers.
  r(Reason.INDIRECT_INJECTION, W.AI_MUST, 5, [[C.AI], [C.MUST]]),
  r(Reason.INDIRECT_INJECTION, W.NOTE_AI, 4, [[C.NOTE], [C.AI]]),
  r(Reason.INDIRECT_INJECTION, W.TELL_USER_AI, 12, [[C.TELL_USER], [C.AI, C.NOTE]]),
  r(Reason.FORCED_OUTPUT, W.DICTATE_ACT, 8, [[C.DICTATE], [C.ACT, C.REGARDLESS]]),
  r(Reason.FORCED_OUTPUT, W.DICTATE_REGARDLESS, 12, [[C.DICTATE], [C.REGARDLESS]]),
  r(Reason.FORCED_OUTPUT, W.REGARDLESS, 1, [[C.REGARDLESS]]),
];

// Every concept a rule looks at, including `unless`, so most words skip most rules at once.
const UNIONS: readonly Bits[] = CONCEPT_RULES.map((rule) => {
  let lo = rule.unless?.[0] ?? 0;
  let hi = rule.unless?.[1] ?? 0;
  for (const g of rule.all) {
    lo |= g[0];
    hi |= g[1];
  }
  return [lo >>> 0, hi >>> 0];
});

const FIRED = new Uint8Array(CONCEPT_RULES.length);
const LAST_UNLESS = new Int32Array(CONCEPT_RULES.length);
const LAST_FLAT = new Int32Array(CONCEPT_RULES.reduce((n, rule) => n + rule.all.length, 0));
// One view per rule into LAST_FLAT: the last position of each of its groups in the current sentence window.
const LAST: readonly Int32Array[] = (() => {
  let offset = 0;
  return CONCEPT_RULES.map((rule) => {
    const view = LAST_FLAT.subarray(offset, offset + rule.all.length);
    offset += rule.all.length;
    return view;
  });
})();

const ANY_RULE: Bits = UNIONS.reduce<Bits>((acc, u) => [(acc[0] | u[0]) >>> 0, (acc[1] | u[1]) >>> 0], [0, 0]);

function has(lo: number, hi: number, bits: Bits): boolean {
  return (lo & bits[0]) !== 0 || (hi & bits[1]) !== 0;
}

/**
 * Runs the concept rules over per-token concept masks. For each rule it keeps,
 * per group, the last position seen in the current sentence, so the work is
 * proportional to tokens × rules.
 */
export function matchConceptRules(masks: ConceptMasks, tokens: Tokens, onMatch: (rule: ConceptRule) => void): void {
  const sentences = tokens.length === 0 ? 0 : tokens.sentence[tokens.length - 1] + 1;
  const sentenceLo = new Uint32Array(sentences);
  const sentenceHi = new Uint32Array(sentences);
  for (let i = 0; i < tokens.length; i++) {
    sentenceLo[tokens.sentence[i]] |= masks.lo[i];
    sentenceHi[tokens.sentence[i]] |= masks.hi[i];
  }
  // Scratch state reused across calls: scanning is synchronous and never nested.
  FIRED.fill(0);
  LAST_FLAT.fill(-1);
  LAST_UNLESS.fill(-1);
  const fired = FIRED;
  const last = LAST;
  const lastUnless = LAST_UNLESS;
  const dirty = new Set<number>();
  let sentence = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens.sentence[i] !== sentence) {
      sentence = tokens.sentence[i];
      // Forget what lies beyond the sentences each rule may span.
      for (const n of dirty) {
        const span = CONCEPT_RULES[n].sentences;
        let live = false;
        for (let g = 0; g < last[n].length; g++) {
          if (last[n][g] >= 0 && tokens.sentence[last[n][g]] <= sentence - span) last[n][g] = -1;
          if (last[n][g] >= 0) live = true;
        }
        if (lastUnless[n] >= 0 && tokens.sentence[lastUnless[n]] <= sentence - span) lastUnless[n] = -1;
        if (!live && lastUnless[n] < 0) dirty.delete(n);
      }
    }
    const lo = masks.lo[i];
    const hi = masks.hi[i];
    if (!has(lo, hi, ANY_RULE)) continue;
    for (let n = 0; n < CONCEPT_RULES.length; n++) {
      if (fired[n] || !has(lo, hi, UNIONS[n])) continue;
      dirty.add(n);
      const rule = CONCEPT_RULES[n];
      if (rule.unless && has(lo, hi, rule.unless)) lastUnless[n] = i;
      let touched = false;
      const seen = last[n];
      for (let g = 0; g < rule.all.length; g++) {
        if (has(lo, hi, rule.all[g])) {
          seen[g] = i;
          touched = true;
        }
      }
      if (!touched) continue;
      let earliest = i;
      let complete = true;
      for (let g = 0; g < seen.length && complete; g++) {
        if (seen[g] < 0 || seen[g] < i - rule.window) complete = false;
        else if (seen[g] < earliest) earliest = seen[g];
      }
      if (!complete || (rule.unless && lastUnless[n] >= 0 && lastUnless[n] >= earliest - 1)) continue;
      if (rule.notInSentence && has(sentenceLo[sentence], sentenceHi[sentence], rule.notInSentence)) continue;
      fired[n] = 1;
      onMatch(rule);
    }
  }
}
