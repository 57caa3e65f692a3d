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
// "the history of her conversations": the data is named as one person's after the noun.
const OWNER_AFTER: ReadonlySet<string> = new Set(['my', 'her', 'his']);
// A data phrase is marked on its first word: "chat history of his account" reaches "of" two words on.
const OWNER_REACH = 3;
// Words that end a verb's negation right before it: "don't send", "do not forward", "never email", "nicht senden".
const NEGATORS: ReadonlySet<string> = new Set(['not', 'never', 'nicht', 'nie', 'jamais', 'nunca', 'mai', 'niet']);
const CONTRACTED: ReadonlySet<string> = new Set(['don', 'doesn', 'didn', 'won', 'shouldn', 'mustn', 'can', 'couldn', 'wouldn']);
// Words an address cannot start with, so "email to bob@…" stays a verb while "email jane.doe@…" is a field (the dot splits the address).
const NOT_LOCAL_PART: ReadonlySet<string> = new Set([
  'to', 'the', 'all', 'a', 'an', 'it', 'them', 'this', 'that', 'these', 'those', 'every', 'me', 'us', 'him', 'her', 'and', 'copies', 'copy',
]);

function word(tokens: Tokens, i: number, from: number): string {
  return i >= 0 && i < tokens.length && tokens.sentence[i] === tokens.sentence[from] ? tokenText(tokens, i) : '';
}

/** "of her …" right after the data's words ("the history of her conversations", "the chat history of his account"). */
function ownerFollows(tokens: Tokens, i: number): boolean {
  for (let k = i + 1; k <= i + OWNER_REACH; k++) {
    if (word(tokens, k, i) === 'of') return OWNER_AFTER.has(word(tokens, k + 1, i));
  }
  return false;
}

function negated(tokens: Tokens, i: number): boolean {
  const before = word(tokens, i - 1, i);
  return NEGATORS.has(before) || (before === 't' && CONTRACTED.has(word(tokens, i - 2, i)));
}

/** "email" right before an address, whose local part may be split at a dot: the address is what the field or label holds. */
function labelsAddress(tokens: Tokens, i: number): boolean {
  const after = word(tokens, i + 1, i);
  return after.includes('@') || (after !== '' && !NOT_LOCAL_PART.has(after) && word(tokens, i + 2, i).includes('@'));
}

/**
 * Drops the data concepts from one person's own data, and the moving concept
 * from "email" used as a noun or a field name and from a negated verb ("don't
 * send me marketing emails" moves nothing).
 */
export function clearEverydayData(masks: ConceptMasks, tokens: Tokens): void {
  for (let i = 0; i < tokens.length; i++) {
    const before = word(tokens, i - 1, i);
    const after = word(tokens, i + 1, i);
    const owned = ONE_PERSON.has(before) || after === 'reset' || ownerFollows(tokens, i);
    if ((masks.lo[i] & SENSITIVE || masks.hi[i] & PERSONAL) && owned) {
      masks.lo[i] = (masks.lo[i] & ~SENSITIVE) >>> 0;
      masks.hi[i] = (masks.hi[i] & ~PERSONAL) >>> 0;
    }
    if (!(masks.lo[i] & MOVE)) continue;
    const noun = EMAIL_WORDS.has(tokenText(tokens, i)) && (NOUN_BEFORE.has(before) || NOUN_AFTER.has(after) || labelsAddress(tokens, i));
    if (noun || negated(tokens, i)) masks.lo[i] = (masks.lo[i] & ~MOVE) >>> 0;
  }
}
