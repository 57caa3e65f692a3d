import { Concept as C } from './concepts';
import { Reason } from './reasons';
import type { Token } from './tokens';

/**
 * A concept rule fires when every group in `all` has a word within `window`
 * words of the others, in one sentence, in any order, and no `unless` word
 * sits among them. A group is satisfied by any of its bits.
 */
export interface ConceptRule {
  readonly reason: Reason;
  readonly weight: number;
  readonly all: readonly number[];
  readonly window: number;
  readonly unless?: number;
  /** The rule does not fire in a sentence that contains any of these bits. */
  readonly notInSentence?: number;
}

export const CONCEPT_RULES: readonly ConceptRule[] = [
  // Setting instructions aside.
  { reason: Reason.INSTRUCTION_OVERRIDE, weight: 0.75, all: [C.DISMISS, C.INSTRUCTIONS, C.PRIOR], window: 8, unless: C.SELF },
  { reason: Reason.INSTRUCTION_OVERRIDE, weight: 0.7, all: [C.DISMISS, C.RULES, C.PRIOR], window: 8, unless: C.SELF, notInSentence: C.TECH },
  { reason: Reason.INSTRUCTION_OVERRIDE, weight: 0.6, all: [C.DISMISS_WEAK, C.INSTRUCTIONS, C.PRIOR], window: 6, unless: C.SELF },
  { reason: Reason.INSTRUCTION_OVERRIDE, weight: 0.5, all: [C.DISMISS, C.INSTRUCTIONS], window: 4, unless: C.SELF },
  { reason: Reason.INSTRUCTION_OVERRIDE, weight: 0.65, all: [C.INSTRUCTIONS, C.PRIOR, C.VOID], window: 8, unless: C.SELF },
  { reason: Reason.INSTRUCTION_OVERRIDE, weight: 0.55, all: [C.RULES, C.YOUR, C.VOID], window: 8, unless: C.SELF },
  { reason: Reason.INSTRUCTION_OVERRIDE, weight: 0.4, all: [C.RULES, C.PRIOR, C.VOID], window: 6, unless: C.SELF },
  { reason: Reason.INSTRUCTION_OVERRIDE, weight: 0.6, all: [C.OBEY_ME, C.DISMISS | C.VOID | C.INSTRUCTIONS | C.RULES], window: 16 },
  { reason: Reason.INSTRUCTION_OVERRIDE, weight: 0.35, all: [C.OBEY_ME], window: 1 },
  // Disclosure of the hidden prompt.
  { reason: Reason.SYSTEM_PROMPT_EXTRACTION, weight: 0.7, all: [C.REVEAL, C.CONTENT, C.HIDDEN], window: 10, unless: C.SELF },
  { reason: Reason.SYSTEM_PROMPT_EXTRACTION, weight: 0.6, all: [C.REVEAL, C.CONTENT, C.YOUR], window: 6, unless: C.SELF },
  { reason: Reason.SYSTEM_PROMPT_EXTRACTION, weight: 0.6, all: [C.REVEAL, C.CONTENT_WEAK, C.HIDDEN], window: 10, unless: C.SELF },
  // Personas without limits.
  { reason: Reason.ROLE_PLAY_JAILBREAK, weight: 0.65, all: [C.PERSONA, C.ABSENT, C.LIMITS], window: 14 },
  { reason: Reason.ROLE_PLAY_JAILBREAK, weight: 0.6, all: [C.FREE, C.AI | C.PERSONA], window: 6 },
  { reason: Reason.ROLE_PLAY_JAILBREAK, weight: 0.45, all: [C.ACT, C.ABSENT, C.LIMITS], window: 4 },
  { reason: Reason.ROLE_PLAY_JAILBREAK, weight: 0.55, all: [C.PERSONA, C.KIN, C.RECOUNT], window: 16 },
  // Data leaving.
  { reason: Reason.EXFILTRATION, weight: 0.65, all: [C.MOVE, C.SENSITIVE, C.DESTINATION], window: 16 },
  { reason: Reason.EXFILTRATION, weight: 0.55, all: [C.MOVE, C.SENSITIVE, C.STEALTH], window: 16 },
  { reason: Reason.STEALTH_INSTRUCTION, weight: 0.3, all: [C.STEALTH], window: 1 },
  // Text addressing the model from inside data, and dictated answers.
  { reason: Reason.INDIRECT_INJECTION, weight: 0.4, all: [C.AI, C.MUST], window: 5 },
  { reason: Reason.FORCED_OUTPUT, weight: 0.4, all: [C.DICTATE, C.ACT | C.REGARDLESS], window: 8 },
  { reason: Reason.FORCED_OUTPUT, weight: 0.35, all: [C.REGARDLESS], window: 1 },
];

/**
 * Runs the concept rules over per-token concept masks. For each rule it keeps,
 * per group, the last position seen in the current sentence, so the work is
 * proportional to tokens × rules.
 */
export function matchConceptRules(masks: Uint32Array, tokens: readonly Token[], onMatch: (rule: ConceptRule) => void): void {
  const sentenceMask = new Map<number, number>();
  for (let i = 0; i < masks.length; i++) sentenceMask.set(tokens[i].sentence, (sentenceMask.get(tokens[i].sentence) ?? 0) | masks[i]);
  const fired = new Uint8Array(CONCEPT_RULES.length);
  const last = CONCEPT_RULES.map((r) => new Int32Array(r.all.length).fill(-1));
  const lastUnless = new Int32Array(CONCEPT_RULES.length).fill(-1);
  let sentence = -1;
  for (let i = 0; i < masks.length; i++) {
    if (tokens[i].sentence !== sentence) {
      sentence = tokens[i].sentence;
      for (const l of last) l.fill(-1);
      lastUnless.fill(-1);
    }
    const mask = masks[i];
    if (mask === 0) continue;
    for (let r = 0; r < CONCEPT_RULES.length; r++) {
      if (fired[r]) continue;
      const rule = CONCEPT_RULES[r];
      if (rule.notInSentence !== undefined && (sentenceMask.get(sentence) ?? 0) & rule.notInSentence) continue;
      if (rule.unless !== undefined && mask & rule.unless) lastUnless[r] = i;
      let touched = false;
      const seen = last[r];
      for (let g = 0; g < rule.all.length; g++) {
        if (mask & rule.all[g]) {
          seen[g] = i;
          touched = true;
        }
      }
      if (!touched) continue;
      let earliest = i;
      let complete = true;
      for (let g = 0; g < seen.length; g++) {
        if (seen[g] < 0 || seen[g] < i - rule.window) {
          complete = false;
          break;
        }
        if (seen[g] < earliest) earliest = seen[g];
      }
      if (!complete || (rule.unless !== undefined && lastUnless[r] >= earliest)) continue;
      fired[r] = 1;
      onMatch(rule);
    }
  }
}
