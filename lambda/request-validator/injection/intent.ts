import { aboutTopic } from './business-topics';
import { isHumanAgent } from './human-agents';
import { buildIntentLexicon, classesOf, Intent as I } from './intent-lexicon';
import { Reason } from './reasons';
import type { Evidence } from './scoring';
import { tokenText, WordCache, type Tokens } from './tokens';
import { INTENT_WEIGHTS as W } from './weights';

/**
 * Intent features: what an attack does, read from word classes and text
 * structure instead of phrase lists. Each feature needs its parts close
 * together (a verb that sets configuration aside, a configuration noun, and
 * a pointer at the model), so that ordinary uses of any one word pass.
 */
const LEXICON = buildIntentLexicon();
const CLASSES = new WordCache((word) => classesOf(word, LEXICON));

interface Feature {
  readonly reason: Reason;
  readonly weight: number;
  readonly groups: readonly number[];
  readonly window: number;
  /** Consecutive sentences the parts may spread over. */
  readonly sentences: number;
}

const ADDRESSED = I.SECOND | I.MODEL | I.CONTEXT;

const FEATURES: readonly Feature[] = [
  // (a) configuration set aside or changed, and the configuration is the model's.
  { reason: Reason.INSTRUCTION_OVERRIDE, weight: W.CHANGE_CONFIG, groups: [I.CHANGE, I.CONFIG, ADDRESSED], window: 8, sentences: 1 },
  // (b) disclosure of the model's configuration.
  { reason: Reason.SYSTEM_PROMPT_EXTRACTION, weight: W.REVEAL_CONFIG, groups: [I.REVEAL, I.CONFIG, I.SECOND | I.CONTEXT], window: 8, sentences: 1 },
  // (c) someone who could configure the model, granting or changing something about it.
  { reason: Reason.AUTHORITY_CLAIM, weight: W.AUTHORITY_PERMITS, groups: [I.AUTHORITY, I.PERMIT | I.CHANGE, I.SECOND | I.MODEL], window: 16, sentences: 2 },
  { reason: Reason.AUTHORITY_CLAIM, weight: W.AUTHORITY_CONFIG, groups: [I.AUTHORITY, I.CONFIG, I.SECOND], window: 8, sentences: 1 },
];

const NEGATED_CONTRACTIONS = new Set(['don', 'can', 'won', 'didn', 'isn', 'aren', 'shouldn', 'mustn', 'wouldn', 'couldn']);
const OWN_REACH = 2;
const REFUSAL_REACH = 3;

/** Classes per token. A configuration noun right after "my"/"our" is the speaker's own and drops its class. */
function classify(tokens: Tokens): Uint16Array {
  const classes = new Uint16Array(tokens.length);
  let lastOwn = -OWN_REACH - 1;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokenText(tokens, i);
    let bits = CLASSES.of(tokens, i);
    if (word === 't' && i > 0 && NEGATED_CONTRACTIONS.has(tokenText(tokens, i - 1))) bits |= I.NEGATION;
    if (bits & I.OWN) lastOwn = i;
    else if (i - lastOwn <= OWN_REACH) bits &= ~(I.CONFIG | I.CONTEXT | I.EARLIER);
    // "previous instructions for account CUST-8812": an errand's instructions, as in the concept rules.
    if (bits & I.CONFIG && aboutTopic(tokens, i)) bits &= ~I.CONFIG;
    if (bits & I.MODEL && isHumanAgent(tokens, i)) bits &= ~I.MODEL;
    classes[i] = bits;
  }
  // "the instructions I gave you" are the speaker's own too.
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (classes[i] & I.CONFIG && (tokenText(tokens, i + 1) === 'i' || (tokenText(tokens, i + 1) === 'that' && i + 2 < tokens.length && tokenText(tokens, i + 2) === 'i'))) classes[i] &= ~I.CONFIG;
  }
  return classes;
}

function matchFeature(feature: Feature, classes: Uint16Array, tokens: Tokens): boolean {
  const last = feature.groups.map(() => -1);
  for (let i = 0; i < tokens.length; i++) {
    const bits = classes[i];
    if (bits === 0) continue;
    let touched = false;
    for (let g = 0; g < feature.groups.length; g++) {
      if (bits & feature.groups[g]) {
        last[g] = i;
        touched = true;
      }
    }
    if (!touched) continue;
    let complete = true;
    for (let g = 0; g < last.length && complete; g++) {
      const at = last[g];
      complete = at >= 0 && i - at <= feature.window && tokens.sentence[i] - tokens.sentence[at] < feature.sentences;
    }
    if (complete) return true;
  }
  return false;
}

/** Negation right before a refusal word: "never apologize", "you can't refuse", "no disclaimers". */
function refusalSuppressions(classes: Uint16Array): number {
  let count = 0;
  let lastNegation = -REFUSAL_REACH - 1;
  for (let i = 0; i < classes.length; i++) {
    if (classes[i] & I.NEGATION) lastNegation = i;
    else if (classes[i] & I.REFUSAL && i - lastNegation <= REFUSAL_REACH) count++;
  }
  return count;
}

// A line that opens a conversation turn: "User:", "Assistant (previous turn):", "Observation:".
const TURN = /(?:^|\n)[ \t>*#\-[(]{0,4}(user|human|assistant|ai|system|developer|model|bot|chatbot|tool|observation|thought|action|function)(?:[ \t]*\([^)\n]{0,30}\))?[ \t*\]]{0,2}:([^\n]{0,200})/g;
const MAX_TURNS = 64;
const ASSISTANT_ROLES = new Set(['assistant', 'ai', 'model', 'bot', 'chatbot']);
const REACT_ROLES = ['observation', 'thought', 'action'];
const COMPLIANCE = /\b(?:i will|i'll|i've|i have|i am now|i'm now|sure|of course|understood|okay|ok)\b/;

/** Scripted turns: several speakers, an assistant turn that agrees to something, a reasoning trace to continue. */
function turnSpoofing(lower: string, evidence: Evidence): void {
  const roles = new Set<string>();
  let agreeing = false;
  TURN.lastIndex = 0;
  let n = 0;
  for (let m = TURN.exec(lower); m && n < MAX_TURNS; m = TURN.exec(lower), n++) {
    roles.add(m[1]);
    if (ASSISTANT_ROLES.has(m[1]) && COMPLIANCE.test(m[2]) && lineMentionsLimits(m[2])) agreeing = true;
  }
  TURN.lastIndex = 0;
  if (agreeing) evidence.add(Reason.CHAT_MARKUP_SPOOFING, W.AGREEING_TURN);
  if (REACT_ROLES.every((r) => roles.has(r))) evidence.add(Reason.CHAT_MARKUP_SPOOFING, W.REACT_TRACE);
  else if (roles.size >= 2 && [...roles].some((r) => ASSISTANT_ROLES.has(r))) evidence.add(Reason.CHAT_MARKUP_SPOOFING, W.FORGED_ROLES);
}

const LIMIT_WORDS = /\b(?:filters?|rules|guidelines|restrictions?|limits|safety|instructions|polic(?:y|ies)|hidden|disabled?|no longer|without)\b/;

function lineMentionsLimits(line: string): boolean {
  return LIMIT_WORDS.test(line);
}

// A tool or function result pasted into the prompt: where agents expect data, not instructions.
const TOOL_FRAME = /tool[ _-]?(?:output|result|response)s?|function[ _-]?(?:returned|result|output|call)|<tool_result>|"tool"\s*:|observation:/;

function fakeToolResult(lower: string, classes: Uint16Array, evidence: Evidence): void {
  if (!TOOL_FRAME.test(lower)) return;
  let addressed = false;
  let directive = false;
  for (const bits of classes) {
    if (bits & (I.MODEL | I.SECOND)) addressed = true;
    if (bits & (I.EXECUTE | I.PERMIT | I.REVEAL | I.CHANGE)) directive = true;
  }
  if (addressed && directive) evidence.add(Reason.INDIRECT_INJECTION, W.TOOL_RESULT_DIRECTIVE);
}

// A URL whose query leaves a value to be filled in: empty at the end, or a placeholder.
const URL = /https?:\/\/[^\s)"'`]{1,300}/g;
const PLACEHOLDER = /^(?:$|[{<[$%]|.*(?:insert|placeholder|_here|xxx))/;
const MAX_URLS = 16;
const FILL_IN = /\b(?:followed by|filled in|fill in|append|after (?:c|d|q)=|url-encoded|encode|contents? of|conversation|chat|history|message|token|password|e-?mail|secret|api key|data)\b/;

function placeholderUrls(lower: string, evidence: Evidence): void {
  if (!lower.includes('http')) return;
  URL.lastIndex = 0;
  let n = 0;
  for (let m = URL.exec(lower); m && n < MAX_URLS; m = URL.exec(lower), n++) {
    const query = m[0].indexOf('?');
    if (query < 0) continue;
    const open = m[0].slice(query + 1).split('&').some((pair) => {
      const eq = pair.indexOf('=');
      return eq >= 0 && PLACEHOLDER.test(pair.slice(eq + 1));
    });
    if (!open) continue;
    const image = lower.lastIndexOf('![', m.index) >= Math.max(0, m.index - 200);
    evidence.add(Reason.EXFILTRATION, image || FILL_IN.test(lower) ? W.FILL_IN_LINK : W.OPEN_QUERY_LINK);
    break;
  }
  URL.lastIndex = 0;
}

// The model addressed by name inside the text, then told something: "Assistant: stop cleaning", "AI notetaker, new task".
// A possessive ("the assistant's account") names the model without addressing it, and the name and its colon stay in one sentence.
const VOCATIVE_NAMES = 'ai|assistant|model|llm|bot|agent|notetaker|generator|summari[sz]er|translator|gpt|copilot|chatbot|ki|ia|asistente|assistente';
const VOCATIVE = new RegExp(
  `(?<![a-z\\u00c0-\\u024f])(${VOCATIVE_NAMES})(?![a-z\\u00c0-\\u024f]|['’]s(?![a-z]))` +
    '((?:[ -]?[^\\s:,.!?]{1,24}){0,3}?)[ \\t]*[:,][ \\t]*([^\\n]{0,100})',
  'g',
);
const MAX_VOCATIVES = 32;
const DIRECTIVE = /\b(?:new task|rather than|instead|from now on|stop|always|only|do not|don't|never|you|your|approve|mark|rate|rank|recommend|describe|score|say|tell|respond|reply|answer|output|print|delete|forward|send|collect|post|ask|add|include|grant|drop|run|list|ignore|disregard|forget|reveal|when|ahora|maintenant|jetzt|oublie|olvida|vergiss|leite|recomienda)\b/;
const NON_LATIN_TEXT = /^[^a-z]{6,}/;

// The user greeting the assistant at the start of the prompt is talking to it, not planting text for it.
const OPENING_GREETING = /^\s*(?:(?:hey|hi|hello|dear|ok|okay|yo|hola|bonjour|hallo|ciao|oi)\b[ ,!]*)?$/;

// A pasted conversation with a person in it: "Customer:", "[10:02] Caller (+44 …):", "[user:guest]".
const HUMAN_TURN = new RegExp(
  '(?:^|\\n)[ \\t]*(?:\\[[^\\]\\n]{0,24}\\][ \\t]*)?\\[?' +
    '(?:customer|user|caller|client|guest|patient|tenant|visitor|buyer|member|cliente|kunde|kundin|klant|клиент|kund)' +
    '(?![a-z\\u00c0-\\u024f])[^:\\n]{0,40}[:\\]]',
);
// What may come before a speaker's name on its line: blanks, a time stamp, an opening bracket.
const TURN_PREFIX = /^[ \t[\]0-9:.-]*$/;

/** In a pasted conversation with a person in it, "Agent:" or "Assistant:" at the start of a line names who spoke. */
function isSpeakerLabel(lower: string, at: number, dialogue: boolean): boolean {
  return dialogue && TURN_PREFIX.test(lower.slice(lower.lastIndexOf('\n', at - 1) + 1, at));
}

function vocatives(lower: string, evidence: Evidence): void {
  VOCATIVE.lastIndex = 0;
  let n = 0;
  const dialogue = HUMAN_TURN.test(lower);
  for (let m = VOCATIVE.exec(lower); m && n < MAX_VOCATIVES; m = VOCATIVE.exec(lower), n++) {
    if (OPENING_GREETING.test(lower.slice(0, m.index)) || isSpeakerLabel(lower, m.index, dialogue)) continue;
    const said = m[3];
    if (DIRECTIVE.test(said) || NON_LATIN_TEXT.test(said)) {
      evidence.add(Reason.INDIRECT_INJECTION, W.VOCATIVE_DIRECTIVE);
      break;
    }
  }
  VOCATIVE.lastIndex = 0;
}

const POINTS_AT_MODEL = I.SECOND | I.MODEL | I.CONTEXT | I.EARLIER | I.AUTHORITY | I.AUDIENCE;
// Scripts the word classes do not cover: their text counts as addressed, so nothing is discounted there.
const UNCLASSIFIED_SCRIPT = /[\u0600-\u06ff\u0900-\u0dff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

// Pieces glued with `+`: "a + b", "x + ' ' + y".
const CONCATENATION = /[\w'"\]] ?\+ ?[\w'"][^+\n]{0,40}\+/;

export interface IntentHints {
  /** Whether anything in the text points at the model: "you", "the assistant", "the system prompt". */
  readonly addressesModel: boolean;
  /** Whether the text asks to put pieces together and act on the result (payload splitting). */
  readonly composes: boolean;
}

/** Adds the intent features found in one reading of the text. */
export function matchIntent(lower: string, tokens: Tokens, evidence: Evidence): IntentHints {
  const classes = classify(tokens);
  for (const feature of FEATURES) if (matchFeature(feature, classes, tokens)) evidence.add(feature.reason, feature.weight);
  const suppressions = refusalSuppressions(classes);
  if (suppressions > 0) evidence.add(Reason.SAFETY_BYPASS, suppressions >= 2 ? W.MANY_SUPPRESSIONS : W.ONE_SUPPRESSION);
  turnSpoofing(lower, evidence);
  fakeToolResult(lower, classes, evidence);
  placeholderUrls(lower, evidence);
  vocatives(lower, evidence);
  let addressesModel = UNCLASSIFIED_SCRIPT.test(lower);
  let compose = false;
  let execute = false;
  let sentence = -1;
  let position = 0;
  for (let i = 0; i < classes.length; i++) {
    const bits = classes[i];
    position = tokens.sentence[i] === sentence ? position + 1 : 0;
    sentence = tokens.sentence[i];
    // Setting something aside at the head of a sentence is an order to the reader: "Forget the summary."
    if (bits & POINTS_AT_MODEL || (bits & I.CHANGE && position <= 1)) addressesModel = true;
    if (bits & I.COMPOSE) compose = true;
    if (bits & I.EXECUTE) execute = true;
  }
  return { addressesModel, composes: (compose || CONCATENATION.test(lower)) && execute };
}
