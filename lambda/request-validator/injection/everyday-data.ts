import { Concept, type ConceptMasks } from './concepts';
import { tokenText, type Tokens } from './tokens';

/**
 * Business text is full of personal data and the word "email": a record has
 * an "email" field, a ticket asks to reset "my password" and send it to a
 * colleague, a log says "password reset email sent to …". Exfiltration needs
 * data that leaves and a verb that moves it; these passes take away the
 * reading that is not meant.
 */
const SENSITIVE = 1 << Concept.SENSITIVE;
const PERSONAL = 1 << (Concept.PERSONAL - 32);
const MOVE = 1 << Concept.MOVE;

// One named person's own data ("reset my password", "her phone number"), or a reset process.
const ONE_PERSON: ReadonlySet<string> = new Set(['my', 'her', 'his', 'their', 'reset', 'resets']);
// "email" after these is a noun: "by email", "the email", "a password reset email", "marketing emails".
const NOUN_BEFORE: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'this', 'that', 'my', 'your', 'her', 'his', 'their', 'our', 'by', 'via', 'per', 'from', 'personal', 'work',
  'marketing', 'reset', 'new', 'old', 'same', 'in', 'confirmation', 'welcome', 'reminder', 'follow', 'up', 'an', 'no',
]);
const NOUN_AFTER: ReadonlySet<string> = new Set(['address', 'addresses', 'thread', 'account', 'template', 'signature', 'is', 'was']);
const EMAIL_WORDS: ReadonlySet<string> = new Set(['email', 'emails', 'e-mail', 'mail', 'mails']);

function word(tokens: Tokens, i: number, from: number): string {
  return i >= 0 && i < tokens.length && tokens.sentence[i] === tokens.sentence[from] ? tokenText(tokens, i) : '';
}

/** Drops the data concepts from one person's own data, and the moving concept from "email" used as a noun or a field name. */
export function clearEverydayData(masks: ConceptMasks, tokens: Tokens): void {
  for (let i = 0; i < tokens.length; i++) {
    const before = word(tokens, i - 1, i);
    const after = word(tokens, i + 1, i);
    if ((masks.lo[i] & SENSITIVE || masks.hi[i] & PERSONAL) && (ONE_PERSON.has(before) || after === 'reset')) {
      masks.lo[i] = (masks.lo[i] & ~SENSITIVE) >>> 0;
      masks.hi[i] = (masks.hi[i] & ~PERSONAL) >>> 0;
    }
    if (masks.lo[i] & MOVE && EMAIL_WORDS.has(tokenText(tokens, i)) && (NOUN_BEFORE.has(before) || NOUN_AFTER.has(after) || after.includes('@'))) {
      masks.lo[i] = (masks.lo[i] & ~MOVE) >>> 0;
    }
  }
}
