import { Concept, type ConceptMasks } from './concepts';
import { foldPhrase } from './pattern-builder';
import { CONNECTORS, TOPICS } from './vocabulary/business-topics';
import { tokenText, type Tokens } from './tokens';

/**
 * Instructions about an errand are not a model's instructions. Business text
 * sets aside delivery instructions, billing instructions and old wake-up call
 * requests all the time ("forget the previous delivery instructions", "ignorar
 * instrucciones anteriores de facturación", "以前の配送指示は忘れて"); an
 * attack sets aside instructions without saying what they were about, or says
 * they were the system's. An instruction or rule noun tied to one of these
 * topics (right before it, or after it through a preposition, an article or a
 * "previous") therefore does not count as the model's configuration.
 */

/** Set-aside phrases written in scripts without spaces name their topic inside the match. */
export const CJK_TOPIC = /配送|配達|发货|發貨|送货|送貨|快递|快遞|收货|收貨|地址|住所|発送|支払|付款|账单|帳單|請求書|订单|訂單|注文|発注|주소|배송|배달|결제|청구|주문|택배/;

export const TOPIC_WORDS: ReadonlySet<string> = new Set(TOPICS.map(foldPhrase));
export const CONNECTOR_WORDS: ReadonlySet<string> = new Set(CONNECTORS.map(foldPhrase));

// "ne tiens pas compte de", "no tengas en cuenta": the account word of "take into account" is part of the verb.
const TAKE_INTO_ACCOUNT = /(?:^| )(?:pas|tenir|tiens|tenez|en|em|tenere|tieni|tenete) (?:compte|cuenta|conta|conto)(?= |$)/g;

/**
 * Whether a word rule's match names a topic anywhere inside it: "forget the
 * previous wake-up call request" and "frühere Anweisungen zur
 * Rechnungsstellung sind hinfällig" put the topic between the words the rule
 * looks for, where the check on what follows the match cannot see it.
 */
export function namesTopic(match: string): boolean {
  const words = match.replace(TAKE_INTO_ACCOUNT, ' ').split(' ');
  for (let i = 0; i < words.length; i++) {
    if (TOPIC_WORDS.has(words[i]) || (i + 1 < words.length && TOPIC_WORDS.has(`${words[i]} ${words[i + 1]}`))) return true;
  }
  return false;
}

/** How many connectors may separate a noun from the topic that follows it. */
export const MAX_CONNECTORS = 3;

/**
 * Regex source, for the end of a word rule: the match is not followed by a
 * topic ("… previous instructions on order 33810", "… instrucciones
 * anteriores de facturación").
 */
export function notFollowedByTopic(): string {
  const words = (set: ReadonlySet<string>) => [...set].map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|');
  return `(?! (?:(?:${words(CONNECTOR_WORDS)}) ){0,${MAX_CONNECTORS}}(?:${words(TOPIC_WORDS)})(?![^ .!?\\n]))`;
}

const CONFIG_BITS = (1 << Concept.INSTRUCTIONS) | (1 << Concept.RULES) | (1 << Concept.NEW_ORDERS);
// "new instructions for expense claims": the phrase's mark sits on "new", its noun one or two words on.
const PHRASE_REACH = 2;

function topicFollows(tokens: Tokens, i: number): boolean {
  for (let k = i + 1; k < tokens.length && k <= i + 1 + MAX_CONNECTORS && tokens.sentence[k] === tokens.sentence[i]; k++) {
    const word = tokenText(tokens, k);
    if (TOPIC_WORDS.has(word)) return true;
    if (!CONNECTOR_WORDS.has(word)) return false;
  }
  return false;
}

/** Whether the noun at `i` is tied to a topic: the topic right before it, or after it through connectors. */
export function aboutTopic(tokens: Tokens, i: number): boolean {
  if (i > 0 && tokens.sentence[i - 1] === tokens.sentence[i] && TOPIC_WORDS.has(tokenText(tokens, i - 1))) return true;
  return topicFollows(tokens, i);
}

/** Drops the instruction, rule and new-orders concepts from nouns tied to a business topic. */
export function clearTopicInstructions(masks: ConceptMasks, tokens: Tokens): void {
  for (let i = 0; i < tokens.length; i++) {
    const bits = masks.lo[i] & CONFIG_BITS;
    if (bits === 0) continue;
    let tied = aboutTopic(tokens, i);
    if (!tied && bits & (1 << Concept.NEW_ORDERS)) {
      for (let k = 1; k <= PHRASE_REACH && i + k < tokens.length && !tied; k++) tied = topicFollows(tokens, i + k);
    }
    if (tied) masks.lo[i] = (masks.lo[i] & ~CONFIG_BITS) >>> 0;
  }
}

