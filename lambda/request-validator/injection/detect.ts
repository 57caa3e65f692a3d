import { clearTopicInstructions } from './business-topics';
import { matchConceptRules } from './concept-rules';
import { clearEverydayData } from './everyday-data';
import { clearHumanAgents } from './human-agents';
import { buildConceptIndex, conceptMasks } from './concepts';
import { findEncodedPayloads, type PayloadKind } from './decoders';
import { foldText, toWords } from './fold';
import { matchIntent, type IntentHints } from './intent';
import { buildRuleIndex, matchWordRules, type ScanHints } from './matcher';
import { foldPhrase } from './pattern-builder';
import { Reason } from './reasons';
import { COMPACT_RULES } from './rules/compact';
import { TEXT_RULES, WORD_RULES } from './rules/catalogue';
import { tokenize, type Tokens } from './tokens';
import type { TextRule } from './rules/rule';
import { DEFAULT_INJECTION_THRESHOLD, Evidence } from './scoring';
import { CHARACTER_WEIGHTS } from './weights';
import { despacedView, hasQuotes, hasSplitWords, joinedView, joinedWords, joinHeads, leetView, reversedView, rejoinedView, rot13View, splitPayloadViews, withoutQuotes } from './views';

export interface InjectionOptions {
  /** Score (0..1) at or above which the prompt is flagged. @default 0.5 */
  readonly threshold?: number;
}

export interface InjectionResult {
  readonly flagged: boolean;
  /** 0..1, rounded to three decimals. */
  readonly score: number;
  /** Stable reason codes, strongest first. */
  readonly reasons: Reason[];
}

// Built once per process: rule regexes, the index of the words rules start with, and the concept lexicon.
const INDEX = buildRuleIndex(
  WORD_RULES,
  TEXT_RULES.map((r) => r.words?.map(foldPhrase)),
);
const CONCEPTS = buildConceptIndex();

const OBFUSCATION_WEIGHT = 0.3;
const SIGNIFICANT = 0.3;
const QUOTED_EXAMPLE_FACTOR = 0.3;
const MIN_TAG_TEXT = 4;

interface View {
  readonly lower: string;
  readonly words: string;
  readonly visible?: string;
}

// One table of character pairs per view, reused by every scan (text rules run one scan at a time).
const BIGRAMS: Readonly<Record<TextRule['view'], Uint8Array>> = {
  lower: new Uint8Array(128 * 128),
  words: new Uint8Array(128 * 128),
  visible: new Uint8Array(128 * 128),
};

/** Per-view memo of `includes` and script tests, which several text rules share. */
class Gates {
  private readonly needles = new Map<string, boolean>();
  private readonly scripts = new Map<RegExp, boolean>();
  private bigrams: Uint8Array | undefined;

  public constructor(
    private readonly text: string,
    private readonly view: TextRule['view'],
  ) {}

  public has(needle: string): boolean {
    let found = this.needles.get(needle);
    if (found === undefined) {
      found = this.mayContain(needle) && this.text.includes(needle);
      this.needles.set(needle, found);
    }
    return found;
  }

  /** False when some pair of adjacent ASCII characters of the needle never occurs in the text. */
  private mayContain(needle: string): boolean {
    if (!this.bigrams) {
      this.bigrams = BIGRAMS[this.view];
      this.bigrams.fill(0);
      for (let i = 0; i + 1 < this.text.length; i++) {
        const a = this.text.charCodeAt(i);
        const b = this.text.charCodeAt(i + 1);
        if (a < 128 && b < 128) this.bigrams[a * 128 + b] = 1;
      }
    }
    for (let i = 0; i + 1 < needle.length; i++) {
      const a = needle.charCodeAt(i);
      const b = needle.charCodeAt(i + 1);
      if (a < 128 && b < 128 && !this.bigrams[a * 128 + b]) return false;
    }
    return true;
  }

  public script(pattern: RegExp): boolean {
    let found = this.scripts.get(pattern);
    if (found === undefined) this.scripts.set(pattern, (found = pattern.test(this.text)));
    return found;
  }
}

/** A word some rule or concept knows. */
function isKnownWord(word: string): boolean {
  return INDEX.vocabulary.has(word) || CONCEPTS.words.has(word);
}

/** Whether any of a rule's needles is among the text's gates (a loop: this runs for every rule on every scan). */
function anyNeedle(needles: readonly string[], gates: Gates): boolean {
  for (const needle of needles) if (gates.has(needle)) return true;
  return false;
}

function textRuleMatches(rule: TextRule, text: string, gates: Gates, wordGateOpen: boolean): boolean {
  if (rule.words && !wordGateOpen) return false;
  if (rule.needles && !anyNeedle(rule.needles, gates)) return false;
  if (rule.script && !gates.script(rule.script)) return false;
  if (rule.also && !rule.also.test(text)) return false;
  if (!rule.accept) return rule.pattern.test(text);
  rule.pattern.lastIndex = 0;
  for (let m = rule.pattern.exec(text); m; m = rule.pattern.exec(text)) {
    if (rule.accept(m[0], text, m.index)) {
      rule.pattern.lastIndex = 0;
      return true;
    }
  }
  return false;
}

function matchTextRules(view: View, wordGates: Uint8Array, evidence: Evidence): void {
  const gates: Partial<Record<TextRule['view'], Gates>> = {};
  for (let n = 0; n < TEXT_RULES.length; n++) {
    const rule = TEXT_RULES[n];
    const text = rule.view === 'lower' ? view.lower : rule.view === 'words' ? view.words : view.visible;
    if (text === undefined) continue;
    const gate = (gates[rule.view] ??= new Gates(text, rule.view));
    if (textRuleMatches(rule, text, gate, wordGates[n] === 1)) {
      evidence.add(rule.reason, rule.weight);
    }
  }
}

function matchCompact(strings: readonly string[], evidence: Evidence): void {
  for (const s of strings) {
    for (const rule of COMPACT_RULES) if (rule.pattern.test(s)) evidence.add(rule.reason, rule.weight);
  }
}

function scan(view: View, evidence: Evidence): ScanHints & IntentHints & { readonly tokens: Tokens } {
  const tokens = tokenize(view.words);
  const hints = matchWordRules(view.words, tokens, INDEX, evidence);
  const masks = conceptMasks(tokens, CONCEPTS);
  clearTopicInstructions(masks, tokens);
  clearEverydayData(masks, tokens);
  clearHumanAgents(masks, tokens);
  matchConceptRules(masks, tokens, (rule) => evidence.add(rule.reason, rule.weight));
  matchTextRules(view, hints.gates, evidence);
  matchCompact(hints.longWords, evidence);
  return { ...hints, ...matchIntent(view.lower, tokens, evidence), tokens };
}

/** Scans another reading of the text; what it finds counts, plus the obfuscation that hid it. */
function scanHidden(view: View, evidence: Evidence, obfuscation: Reason, compact: readonly string[] = []): void {
  const found = new Evidence();
  scan(view, found);
  matchCompact(compact, found);
  let significant = false;
  for (const [reason, weight] of found.entries()) {
    evidence.add(reason, weight);
    if (weight >= SIGNIFICANT) significant = true;
  }
  if (significant) evidence.add(obfuscation, OBFUSCATION_WEIGHT);
}

function wordsOnly(words: string): View {
  return { lower: words, words };
}

const PAYLOAD_REASONS: Readonly<Record<PayloadKind, Reason>> = {
  base64: Reason.BASE64_PAYLOAD,
  hex: Reason.HEX_PAYLOAD,
  escapes: Reason.ESCAPED_PAYLOAD,
};

// Talk about attacks (a class, a paper, a detector) rather than an attack: quoted examples then weigh less.
const TOPIC =
  /(?:^|[ .!?\n])(?:prompt injections?|injection attacks?|jailbreak(?:s|ing)?|adversarial prompts?|prompt attacks?|prompt hacking|red team(?:ing|ers)?|attacks?|attackers?|llm security|llm apps?|llm applications?|ai security|ai safety|security|malicious prompts?|guardrails|chat ?ml|chat templates?|chat format(?:ting)?|prompt templates?|special tokens?|tokeni[sz]ers?|prompt formats?|phishing|social engineering)(?=$|[ .!?\n])/;
const FRAMING =
  /(?:^|[ .!?\n])(?:what (?:is|are)|why (?:do|does|is|are)|explain|examples?|such as|for example|for instance|e ?g|called|known as|discuss(?:ed|ing)?|research|paper|thesis|study|course|class|lecture|students?|teach(?:ing)?|lesson|workshop|training|awareness|detect(?:ion|or|ing)?|defen[cs]es?|defend|mitigat(?:e|ion|ions)|prevent(?:ion)?|protect|quiz|means?|meaning)(?=$|[ .!?\n])/;
// The text is about a quoted phrase itself: its meaning, its source, its fame.
const ABOUT_A_PHRASE =
  /(?:^|[ .!?\n])(?:meaning of|origin of|a phrase like|phrases like|a prompt like|prompts like|an instruction like|instructions like|a sentence like|meme|memes|catchphrase|slogan|went viral|became (?:a|so) (?:popular|famous|meme)|which film|which movie|which book|who said|in the movie|in the film|in the book|in the song|in the show)(?=$|[ .!?\n])/;
// The same, but only in a question: "what does the phrase '...' mean?"
const ASKS_ABOUT_A_PHRASE =
  /(?:^|[ .!?\n])(?:what (?:does|do) (?:the |this |that )?(?:phrase|word|term|expression|quote|line|sentence|it|that) mean|the phrase|the expression|the term|the saying|the quote|the line|stand for|stands for|refer to|refers to|come from|comes from)(?=$|[ .!?\n])/;
const ASKS_WHAT = /(?:^|[ .!?\n])what(?= )/;
const MEANING = /(?:^|[ .!?\n])(?:mean|means|meaning)(?=$|[ .!?\n])/;

/**
 * When the text discusses attacks (or asks about a phrase) and quotes one,
 * evidence found only inside the quotes is discounted: "what does 'ignore
 * previous instructions' do?" is a question, not an instruction. Evidence
 * outside quotes keeps its weight.
 */
function discountQuotedExamples(view: View, evidence: Evidence): Evidence {
  if (evidence.size === 0 || !hasQuotes(view.lower)) return evidence;
  const question = view.lower.includes('?');
  const asksAboutPhrase =
    ABOUT_A_PHRASE.test(view.words) ||
    (question && (ASKS_ABOUT_A_PHRASE.test(view.words) || (ASKS_WHAT.test(view.words) && MEANING.test(view.words))));
  if (!asksAboutPhrase && !(TOPIC.test(view.words) && FRAMING.test(view.words))) return evidence;
  const lower = withoutQuotes(view.lower);
  const outside = new Evidence();
  scan({ lower, words: toWords(lower), visible: view.visible === undefined ? undefined : withoutQuotes(view.visible) }, outside);
  const result = new Evidence();
  for (const [reason, weight] of evidence.entries()) {
    const unquoted = outside.weight(reason);
    result.add(reason, unquoted >= weight ? weight : Math.max(unquoted, weight * QUOTED_EXAMPLE_FACTOR));
  }
  return result;
}

const MIN_REJOINS = 3;
// Built on first use: most of what it costs would otherwise fall on module load.
let JOIN_HEADS: ReadonlySet<string> | undefined;
const UNADDRESSED_FACTOR = 0.5;
// Reasons whose rules name instructions, secrets or answers, words ordinary requests use too.
const NEEDS_ADDRESSEE: ReadonlySet<Reason> = new Set<Reason>([
  Reason.INSTRUCTION_OVERRIDE, Reason.SYSTEM_PROMPT_EXTRACTION, Reason.SECRET_EXTRACTION, Reason.TOOL_INVOCATION,
]);
const OBFUSCATIONS: ReadonlySet<Reason> = new Set<Reason>([
  Reason.INVISIBLE_CHARACTERS, Reason.BIDI_CONTROLS, Reason.HIDDEN_UNICODE_TAGS, Reason.HOMOGLYPHS, Reason.LEETSPEAK,
  Reason.SPACED_LETTERS, Reason.BASE64_PAYLOAD, Reason.HEX_PAYLOAD, Reason.ROT13_PAYLOAD, Reason.REVERSED_TEXT,
  Reason.ESCAPED_PAYLOAD, Reason.PAYLOAD_SPLITTING, Reason.CHAT_MARKUP_SPOOFING,
]);

/**
 * An injection is aimed at the model: it says "you", names the assistant, or
 * points at the system prompt. When nothing in the text does, and nothing
 * was hidden, findings that only name instructions or answers ("print the
 * first 10 lines", "my manager's new instructions override the old ones")
 * count at half.
 */
function discountUnaddressed(evidence: Evidence): Evidence {
  const entries = evidence.entries();
  if (entries.some(([reason]) => OBFUSCATIONS.has(reason))) return evidence;
  const result = new Evidence();
  for (const [reason, weight] of entries) result.add(reason, NEEDS_ADDRESSEE.has(reason) ? weight * UNADDRESSED_FACTOR : weight);
  return result;
}

/**
 * Scores how much `text` looks like a prompt-injection attempt. Heuristic
 * and explainable: every point of the score comes from a named reason.
 * Offline, and linear in the length of the text.
 */
export function detectPromptInjection(text: string, options: InjectionOptions = {}): InjectionResult {
  const threshold = options.threshold ?? DEFAULT_INJECTION_THRESHOLD;
  const folded = foldText(text);
  let evidence = new Evidence();
  if (folded.invisible > 0) evidence.add(Reason.INVISIBLE_CHARACTERS, folded.invisible >= 3 ? CHARACTER_WEIGHTS.MANY_INVISIBLE : CHARACTER_WEIGHTS.FEW_INVISIBLE);
  if (folded.bidi > 0) evidence.add(Reason.BIDI_CONTROLS, CHARACTER_WEIGHTS.BIDI_CONTROLS);
  if (folded.homoglyphWords > 0) evidence.add(Reason.HOMOGLYPHS, folded.homoglyphWords >= 3 ? CHARACTER_WEIGHTS.MANY_HOMOGLYPH_WORDS : CHARACTER_WEIGHTS.FEW_HOMOGLYPH_WORDS);

  const hints = scan(folded, evidence);
  if (hints.leetspeak) scanHidden(wordsOnly(leetView(folded.words, INDEX.vocabulary)), evidence, Reason.LEETSPEAK);
  if (hints.spacedLetters) {
    const despaced = despacedView(folded.lower);
    scanHidden({ lower: despaced.lower, words: toWords(despaced.lower) }, evidence, Reason.SPACED_LETTERS, despaced.runs);
  }
  // Hyphenated words are common; rescan only when joining them spells a word the rules know.
  if (hasSplitWords(folded.lower) && joinedWords(folded.lower).some(isKnownWord)) {
    const joined = joinedView(folded.lower);
    scanHidden({ lower: joined, words: toWords(joined) }, evidence, Reason.SPACED_LETTERS);
  }
  if (hints.rot13) scanHidden(wordsOnly(rot13View(folded.words)), evidence, Reason.ROT13_PAYLOAD);
  if (hints.reversed) scanHidden(wordsOnly(reversedView(folded.words)), evidence, Reason.REVERSED_TEXT);
  if (folded.tagText.length >= MIN_TAG_TEXT) {
    evidence.add(Reason.HIDDEN_UNICODE_TAGS, CHARACTER_WEIGHTS.UNICODE_TAGS);
    scanHidden(foldText(folded.tagText), evidence, Reason.HIDDEN_UNICODE_TAGS);
  }
  if (hints.composes) {
    for (const joined of splitPayloadViews(folded.visible)) scanHidden(foldText(joined), evidence, Reason.PAYLOAD_SPLITTING);
  }
  for (const payload of findEncodedPayloads(folded.visible)) {
    scanHidden(foldText(payload.text), evidence, PAYLOAD_REASONS[payload.kind]);
  }
  JOIN_HEADS ??= joinHeads([...INDEX.vocabulary, ...CONCEPTS.words.keys()]);
  const rejoined = rejoinedView(hints.tokens, isKnownWord, MIN_REJOINS, JOIN_HEADS);
  if (rejoined !== undefined) scanHidden(wordsOnly(rejoined), evidence, Reason.SPACED_LETTERS);
  if (!hints.addressesModel) evidence = discountUnaddressed(evidence);
  evidence = discountQuotedExamples(folded, evidence);
  const score = evidence.score();
  return { flagged: score >= threshold, score, reasons: evidence.reasons() };
}
