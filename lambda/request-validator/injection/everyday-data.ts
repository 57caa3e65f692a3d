import { Concept, type ConceptMasks } from './concepts';
import * as V from './vocabulary/everyday-data';
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

const ONE_PERSON: ReadonlySet<string> = new Set(V.ONE_PERSON);
const NOUN_BEFORE: ReadonlySet<string> = new Set(V.NOUN_BEFORE);
const NOUN_AFTER: ReadonlySet<string> = new Set(V.NOUN_AFTER);
const EMAIL_WORDS: ReadonlySet<string> = new Set(V.EMAIL_WORDS);
const OWNER_AFTER: ReadonlySet<string> = new Set(V.OWNER_AFTER);
const NEGATORS: ReadonlySet<string> = new Set(V.NEGATORS);
const CONTRACTED: ReadonlySet<string> = new Set(V.CONTRACTED);
const NOT_LOCAL_PART: ReadonlySet<string> = new Set(V.NOT_LOCAL_PART);
// A data phrase is marked on its first word: "chat history of his account" reaches "of" two words on.
const OWNER_REACH = 3;

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
