/**
 * The weights of the guard's signals, in one place. A weight is the chance
 * that one signal alone means an attack: at or above the threshold (0.5) it
 * flags on its own; below, it needs a second reason (scoring.ts combines
 * reasons as independent and further rules of one reason at half weight).
 * Change a weight, then run `npx jest test/lambda/request-validator` and
 * `npx tsx bench/injection/verdict-diff.ts compare <before.json>`.
 */

/** The per-language override rules (rules/override.ts), one set for every lexicon in vocabulary/override.ts. */
export const OVERRIDE_WEIGHTS = {
  /** "ignore all previous instructions": verb, qualifier, instruction noun. */
  VERB_QUALIFIER_TARGET: 0.8,
  /** "ignore the previous rules." with a generic noun, ending the clause. */
  VERB_POINTER_WEAK_TARGET_AT_CLAUSE_END: 0.7,
  /** The same with the clause going on ("ignore the previous rules for tests"). */
  VERB_POINTER_WEAK_TARGET: 0.45,
  /** "ignore the instructions you were given". */
  VERB_TARGET_POINTING_BACK: 0.7,
  /** "bypass all previous instructions": a verb with everyday technical uses. */
  WEAK_VERB_QUALIFIER_TARGET: 0.6,
  /** "ignore instructions". */
  VERB_TARGET: 0.55,
} as const;

/** Signals read from the characters of the text (detect.ts). */
export const CHARACTER_WEIGHTS = {
  /** One or two zero-width or other invisible characters: common in pasted text. */
  FEW_INVISIBLE: 0.15,
  /** Three or more. */
  MANY_INVISIBLE: 0.35,
  BIDI_CONTROLS: 0.3,
  /** One or two words mixing look-alike letters from another script. */
  FEW_HOMOGLYPH_WORDS: 0.25,
  /** Three or more. */
  MANY_HOMOGLYPH_WORDS: 0.4,
  /** Text hidden in Unicode tag characters: invisible in every renderer. */
  UNICODE_TAGS: 0.6,
} as const;

/** The intent features (intent.ts). */
export const INTENT_WEIGHTS = {
  /** Changing the configuration of an addressed model. */
  CHANGE_CONFIG: 0.5,
  /** Revealing the model's configuration or hidden context. */
  REVEAL_CONFIG: 0.45,
  /** Someone with authority permits or changes something for the model. */
  AUTHORITY_PERMITS: 0.45,
  /** Someone with authority and the model's configuration, in one sentence. */
  AUTHORITY_CONFIG: 0.3,
  /** A forged assistant turn that agrees to do what it should not. */
  AGREEING_TURN: 0.55,
  /** A forged ReAct trace (thought, action, observation). */
  REACT_TRACE: 0.45,
  /** Two or more forged roles, one of them the assistant's. */
  FORGED_ROLES: 0.3,
  /** A forged tool result that addresses the model with a directive. */
  TOOL_RESULT_DIRECTIVE: 0.45,
  /** A URL with an open query value, in a markdown image or with words asking to fill it in. */
  FILL_IN_LINK: 0.55,
  /** The same URL alone. */
  OPEN_QUERY_LINK: 0.35,
  /** The model called by name ("AI, ...") followed by a directive. */
  VOCATIVE_DIRECTIVE: 0.5,
  /** Two or more suppressions of refusals, warnings or disclaimers. */
  MANY_SUPPRESSIONS: 0.5,
  ONE_SUPPRESSION: 0.3,
} as const;

/** Concept rules (concept-rules.ts), named by the concepts each needs together: the first of each group. */
export const CONCEPT_WEIGHTS = {
  DISMISS_INSTRUCTIONS_PRIOR: 0.75,
  DISMISS_RULES_PRIOR: 0.7,
  DISMISS_WEAK_INSTRUCTIONS_PRIOR: 0.6,
  DISMISS_WEAK_RULES_PRIOR: 0.55,
  DISMISS_INSTRUCTIONS: 0.5,
  DISMISS_INSTRUCTIONS_WITHIN_12: 0.4,
  DISMISS_TASK: 0.45,
  INSTRUCTIONS_PRIOR_VOID: 0.65,
  RULES_YOUR_VOID: 0.55,
  RULES_PRIOR_VOID: 0.4,
  OBEY_ME_DISMISS: 0.6,
  OBEY_ME: 0.35,
  NEW_ORDERS_VOID: 0.6,
  NEW_ORDERS: 0.3,
  PRAISE_DISMISS: 0.3,
  NOTE_DISMISS: 0.5,
  REVEAL_CONTENT_HIDDEN: 0.7,
  REVEAL_CONTENT_YOUR: 0.6,
  REVEAL_CONTENT_WEAK_HIDDEN: 0.6,
  REVEAL_SECRET: 0.45,
  SECRET_INSTRUCTIONS: 0.3,
  PERSONA_ABSENT_LIMITS: 0.65,
  FREE_AI: 0.6,
  ACT_ABSENT_LIMITS: 0.45,
  AI_ABSENT_LIMITS: 0.45,
  PERSONA_KIN_RECOUNT: 0.55,
  MOVE_SENSITIVE_DESTINATION: 0.65,
  MOVE_PERSONAL_DESTINATION_QUANT: 0.65,
  MOVE_SENSITIVE_STEALTH: 0.55,
  REVEAL_SENSITIVE_OTHERS_DATA: 0.6,
  ASK_FOR_SENSITIVE: 0.45,
  STEALTH: 0.3,
  DISMISS_WEAK_OTHERS_DATA: 0.4,
  AI_MUST: 0.4,
  NOTE_AI: 0.45,
  TELL_USER_AI: 0.5,
  DICTATE_ACT: 0.4,
  DICTATE_REGARDLESS: 0.55,
  REGARDLESS: 0.35,
} as const;
