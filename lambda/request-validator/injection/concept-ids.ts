/**
 * Concepts that injections combine, each a bit. A word or phrase may carry
 * several. Concept rules (concept-rules.ts) fire when the concepts they need
 * occur close together in one sentence, in any order, which carries across
 * phrasings and word orders that fixed patterns miss.
 */
export const Concept = {
  /** Setting something aside: ignore, throw out, stop obeying. */
  DISMISS: 0,
  /** The same, with everyday technical uses (delete, reset, drop): needs an AI-specific object. */
  DISMISS_WEAK: 1,
  /** Instructions a model is given: instructions, system prompt, guidelines, programming. */
  INSTRUCTIONS: 2,
  /** Generic rule words: rules, restrictions, policies. */
  RULES: 3,
  /** Pointing back at what came before or from the system: previous, above, your, system. */
  PRIOR: 4,
  /** Declared no longer valid: obsolete, revoked, no longer apply. */
  VOID: 5,
  /** The speaker's own: my, our. A user correcting their own request is not an attack. */
  SELF: 6,
  /** Demands of exclusive obedience: "answer only to me", "follow mine". */
  OBEY_ME: 7,
  /** Disclosure verbs: show, print, repeat, paste. */
  REVEAL: 8,
  /** What a hidden prompt is made of: instructions, configuration, preamble. */
  CONTENT: 9,
  /** Generic containers that count only with HIDDEN: text, words, message. */
  CONTENT_WEAK: 10,
  /** Marks of hidden or verbatim: hidden, initial, word for word, before my first message. */
  HIDDEN: 11,
  /** Second-person possessives. */
  YOUR: 12,
  /** Taking on a persona. */
  PERSONA: 13,
  /** Absence: no, without, never given. */
  ABSENT: 14,
  /** Limits a persona is said to lack: rules, filters, ethics. */
  LIMITS: 15,
  /** Adjectives of a persona without limits: unrestricted, uncensored. */
  FREE: 16,
  /** The model as a noun: AI, assistant, model, agent. */
  AI: 17,
  /** Moving data: send, upload, forward, make a request. */
  MOVE: 18,
  /** Data worth stealing: passwords, conversation, API keys. */
  SENSITIVE: 19,
  /** Where it goes: a URL, an address, a server, a parameter. */
  DESTINATION: 20,
  /** Doing it unseen: without asking, do not mention, silently. */
  STEALTH: 21,
  /** Obligation addressed to the reader: must, should, instead, need to. */
  MUST: 22,
  /** Acting: answer, respond, comply, output. */
  ACT: 23,
  /** Dictated output: respond with exactly, reply only with. */
  DICTATE: 24,
  /** Regardless of the request: whatever you were going to say, no matter the question. */
  REGARDLESS: 25,
  /** Grandparent stories (a known emotional framing). */
  KIN: 26,
  /** Recounting: used to tell, would read, step by step. */
  RECOUNT: 27,
  /** Software and everyday rule sets (linters, firewalls, games): "ignore the previous rules" there is ordinary. */
  TECH: 28,
  /** Quantifiers: all, any, every. Enough with instruction nouns, not with generic rule words. */
  QUANT: 29,
  /** Announced replacements: new instructions, your real purpose, your new task. */
  NEW_ORDERS: 30,
  /** A note addressed to a reader: "note to", "P.S. for", "attention". */
  NOTE: 31,
  /** Secrets a model may be told to keep: password, secret word. */
  SECRET: 32,
  /** Data held about someone else: the customer's, stored, on file, in your environment. */
  OTHERS_DATA: 33,
  /** Content telling the model what to tell the user. */
  TELL_USER: 34,
  /** A task or assignment, which a pleasantry-then-new-task injection sets aside. */
  TASK: 35,
  /** Asking the reader for something sensitive: ask for, request their. */
  ASK_FOR: 36,
  /** Praise that closes one task before an injection opens another: "well done!", "great, thanks". */
  PRAISE: 37,
  /** The speaker taking the role, not the model: "my kid wants me to pretend". */
  SELF_ROLE: 38,
  /** Personal data of the kind business text moves every day: phone numbers, addresses, card and bank details, records. */
  PERSONAL: 39,
} as const;

export type ConceptId = (typeof Concept)[keyof typeof Concept];
