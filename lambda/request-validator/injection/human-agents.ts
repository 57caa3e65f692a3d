import { Concept, type ConceptMasks } from './concepts';
import * as V from './vocabulary/human-agents';
import { tokenText, type Tokens } from './tokens';

/**
 * "Agent" names people as often as models: support agents, travel agents,
 * the call-centre agent a review says someone mentors. An agent qualified by
 * a line of human work, or the object of a verb people do to people, is a
 * person, and so is every agent the text names after it; the model-reading
 * rules (the AI concept, the model intent class, "agents must …") leave
 * them out.
 */

const AGENT_WORDS: ReadonlySet<string> = new Set(V.AGENT_WORDS);
const HUMAN_WORK: ReadonlySet<string> = new Set(V.HUMAN_WORK);
const PEOPLE_VERBS: ReadonlySet<string> = new Set(V.PEOPLE_VERBS);
// "mentors new agents", "hired three agents": one word may sit between the verb and the agents.
const VERB_REACH = 2;

function before(tokens: Tokens, i: number, k: number): string {
  return i - k >= 0 && tokens.sentence[i - k] === tokens.sentence[i] ? tokenText(tokens, i - k) : '';
}

function qualified(tokens: Tokens, i: number): boolean {
  if (HUMAN_WORK.has(before(tokens, i, 1))) return true;
  for (let k = 1; k <= VERB_REACH; k++) if (PEOPLE_VERBS.has(before(tokens, i, k))) return true;
  return false;
}

// Per token list: from the first agent named as a person on, every agent is one ("our support agents … from Monday agents must …").
const FIRST_HUMAN = new WeakMap<Tokens, number>();

function firstHumanAgent(tokens: Tokens): number {
  let first = FIRST_HUMAN.get(tokens);
  if (first === undefined) {
    first = -1;
    for (let i = 0; i < tokens.length && first < 0; i++) if (AGENT_WORDS.has(tokenText(tokens, i)) && qualified(tokens, i)) first = i;
    FIRST_HUMAN.set(tokens, first);
  }
  return first;
}

/** Whether token `i` is "agent" or "agents" naming people. */
export function isHumanAgent(tokens: Tokens, i: number): boolean {
  if (!AGENT_WORDS.has(tokenText(tokens, i))) return false;
  const first = firstHumanAgent(tokens);
  return first >= 0 && i >= first;
}

const AI = 1 << Concept.AI;

/** Drops the AI concept from agents who are people. */
export function clearHumanAgents(masks: ConceptMasks, tokens: Tokens): void {
  for (let i = 0; i < tokens.length; i++) if (masks.lo[i] & AI && isHumanAgent(tokens, i)) masks.lo[i] = (masks.lo[i] & ~AI) >>> 0;
}
