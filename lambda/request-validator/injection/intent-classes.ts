/**
 * Word classes for the intent features (intent.ts). Unlike the rule
 * lexicons, these name what a word does in an attack (a verb that sets
 * something aside, a noun for the model's configuration, a claim of
 * authority), not the phrases attacks were seen to use, so features built on
 * them carry to word orders and phrasings no rule was written for. Entries
 * ending in `*` match any ending, which covers inflected languages cheaply.
 */
export const Intent = {
  /** Addressing the model: you, your, and their equivalents. */
  SECOND: 1 << 0,
  /** The model as a noun. */
  MODEL: 1 << 1,
  /** What configures the model: instructions, rules, guidelines, prompt, filters, safety. */
  CONFIG: 1 << 2,
  /** Pointing at the model's hidden context: system, above, initial, original, hidden. */
  CONTEXT: 1 << 3,
  /** Setting configuration aside or changing it: ignore, lift, suspend, replace, disable. */
  CHANGE: 1 << 4,
  /** Disclosure: print, show, reveal, repeat, paste. */
  REVEAL: 1 << 5,
  /** Someone who could configure the model: developer, administrator, OpenAI, compliance. */
  AUTHORITY: 1 << 6,
  /** Permission granted or a limit waived: authorized, permitted, granted, exempt. */
  PERMIT: 1 << 7,
  /** What a model does when it declines: refuse, apologize, disclaimers, warnings. */
  REFUSAL: 1 << 8,
  /** Negation and prohibition. */
  NEGATION: 1 << 9,
  /** Carrying something out: execute, obey, follow, do what it says. */
  EXECUTE: 1 << 10,
  /** Putting pieces together: join, concatenate, combine, reverse. */
  COMPOSE: 1 << 11,
  /** The speaker's own: my, our. */
  OWN: 1 << 12,
  /** Pointing back in time: previous, prior, earlier. Weaker than CONTEXT: "the previous rules" of a linter. */
  EARLIER: 1 << 13,
  /** The model's conversation and its user: the user, this chat, the conversation. */
  AUDIENCE: 1 << 14,
} as const;
