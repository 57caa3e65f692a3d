import { foldPhrase } from './pattern-builder';

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

const I = Intent;

const LEXICON: ReadonlyArray<readonly [number, readonly string[]]> = [
  [I.SECOND, [
    'you', 'your', 'yours', 'yourself', 'ur', 'u', 'thee', 'thy',
    'tu', 'tus', 'te', 'ti', 'sei', 'usted', 'du', 'tuyo', 'tuya', 'votre', 'vos', 'ton', 'ta', 'tes', 'toi', 'dein*', 'dich', 'dir',
    'seu', 'sua', 'seus', 'suas', 'você', 'voce', 'tuo', 'tua', 'tuoi', 'tue', 'jij', 'jouw', 'uw',
    'ty', 'twoje', 'twoich', 'swoje', 'ты', 'твои', 'твой', 'твоих', 'тебя', 'тебе', 'вы', 'ваши', 'вас', 'sen', 'senin', 'kamu',
    'anda', 'bạn',
  ]],
  [I.MODEL, [
    'ai', 'assistant*', 'model', 'models', 'llm*', 'bot', 'bots', 'chatbot*', 'agent', 'agents', 'gpt*', 'chatgpt', 'claude',
    'gemini', 'copilot', 'notetaker', 'summarizer', 'summariser', 'generator', 'translator', 'crawler', 'ki', 'ia', 'ии',
    'asistente', 'assistente', 'modelo', 'modèle', 'modello', 'sprachmodell', 'модель', 'нейросеть', 'бот',
  ]],
  [I.CONFIG, [
    'instruction*', 'rule', 'rules', 'guideline*', 'guidance', 'directive*', 'prompt', 'prompts', 'configuration', 'config',
    'programming', 'restriction*', 'constraint*', 'filter', 'filters', 'guardrail*', 'limits', 'limitations', 'safety',
    'policy', 'policies', 'brief', 'persona', 'setup', 'orders', 'alignment', 'conditioning', 'training', 'ethics', 'moderation',
    'anweisung*', 'regel*', 'richtlinie*', 'vorgabe*', 'sicherheitsrichtlinie*', 'instrucci*', 'regla*', 'norma*', 'directriz*',
    'directrices', 'consigne*', 'règle*', 'istruzion*', 'regol*', 'instruç*', 'regra*', 'diretriz*', 'instructies', 'regels',
    'richtlijnen', 'polece*', 'zasad*', 'instrukc*', 'инструкц*', 'правил*', 'указани*', 'ограничени*', 'talimat*', 'kural*',
    'aturan*', 'instruksi*', 'hướng', 'quy', 'tắc', 'निर्देश*', 'नियम*', 'التعليمات', 'تعليمات*', 'القواعد', 'systeemprompt',
  ]],
  [I.CONTEXT, [
    'system', 'above', 'preceding', 'initial', 'original', 'hidden', 'secret', 'confidential', 'internal', 'underlying',
    'verbatim', 'preset', 'predefined', 'preprompt', 'sistema', 'système', 'ocult*', 'versteckt*', 'cachée*', 'nascost*',
    'системн*', 'скрыт*', 'systeem*',
  ]],
  [I.EARLIER, [
    'previous', 'prior', 'earlier', 'vorherig*', 'früher*', 'anterior*', 'précédent*', 'precedent*', 'wcześniejsz*',
    'poprzedni*', 'önceki', 'sebelumnya', 'trước', 'السابقة', 'पिछले', 'eerdere', 'предыдущ*', 'bisherig*', 'tidigare',
    'finora', 'прошл*', 'ricevut*', 'recebid*', 'recibid*', 'reçu*', 'erhalten*', 'bekommen*',
  ]],
  [I.CHANGE, [
    'ignore', 'ignoring', 'disregard*', 'forget', 'override*', 'overridden', 'bypass*', 'skip', 'drop', 'scratch', 'scrap',
    'replace', 'replaced', 'superseded', 'supersede', 'lifted', 'lift', 'suspended', 'suspend', 'paused', 'disable', 'disabled',
    'deactivate*', 'removed', 'remove', 'revoked', 'revoke', 'void', 'invalid', 'obsolete', 'waived', 'errata', 'patched',
    'hot-patched', 'off', 'unlock*', 'abandon', 'discard', 'circumvent', 'nullif*',
    'ignoriere*', 'vergiss', 'vergessen', 'aufgehoben', 'deaktiviert', 'olvida*', 'ignora*', 'omite', 'oublie*', 'ignorez',
    'dimentica', 'esqueça', 'esquece', 'negeer', 'vergeet', 'zapomnij', 'zignoruj', 'pomiń', 'забудь', 'игнорируй', 'отмени*',
    'boşver', 'unut', 'yoksay', 'lupakan', 'abaikan', 'bỏ', 'qua', 'تجاهل', 'انس', 'भूल', 'अनदेखा',
  ]],
  [I.REVEAL, [
    'print', 'show', 'reveal', 'repeat', 'output', 'display', 'paste', 'quote', 'recite', 'dump', 'echo', 'share', 'disclose',
    'expose', 'spell', 'copy', 'reproduce', 'transcribe', 'list',
    'zeige', 'zeig', 'zeigen', 'gib', 'muestra', 'revela', 'imprime', 'montre', 'affiche', 'révèle', 'mostra', 'rivela', 'mostre',
    'revele', 'toon', 'geef', 'pokaż', 'podaj', 'покажи', 'выведи', 'göster', 'tampilkan', 'tunjukkan', 'cho', 'اكشف', 'بتاओ',
    'बताओ', 'दिखाओ',
  ]],
  [I.AUTHORITY, [
    'developer', 'developers', 'administrator', 'admin', 'sysadmin', 'engineer', 'operator', 'creator', 'creators', 'openai',
    'anthropic', 'deepmind', 'microsoft', 'compliance', 'moderator', 'root', 'sudo', 'maintainer', 'owner', 'vendor',
    'entwickler', 'administrador', 'desarrollador', 'développeur', 'sviluppatore', 'desenvolvedor', 'разработчик', 'администратор',
  ]],
  [I.PERMIT, [
    'updated', 'amended', 'effective', 'authorized', 'authorised', 'authorize', 'authorise', 'authorization', 'permitted', 'permission', 'allowed', 'granted',
    'exempt', 'exempted', 'waived', 'cleared', 'verified', 'obliged', 'entitled', 'lifted', 'suspended', 'paused', 'override',
    'erlaubnis', 'erlaubt', 'autorizado', 'permitido', 'autorisé', 'autorizzato', 'разрешаю', 'разрешено',
  ]],
  [I.REFUSAL, [
    'refuse', 'refuses', 'refusing', 'refusal', 'refusals', 'decline', 'declining', 'apologize', 'apologise', 'apologizing',
    'apologies', 'disclaimer', 'disclaimers', 'warning', 'warnings', 'caveat', 'caveats', 'moralize', 'moralise', 'lecture',
    'deviate', 'hesitate', 'censor', 'redact',
  ]],
  [I.NEGATION, ['never', 'not', 'no', 'dont', 'cannot', 'cant', 'without', 'nunca', 'jamais', 'nie', 'nicht', 'никогда', 'не']],
  [I.EXECUTE, [
    'execute', 'run', 'obey', 'follow', 'do', 'comply', 'perform', 'evaluate', 'eval', 'act', 'apply', 'carry', 'implement',
    'ausführen', 'befolge', 'ejecuta', 'obedece', 'exécute', 'obéis', 'esegui', 'execute', 'выполни',
  ]],
  [I.COMPOSE, [
    'join', 'concatenate', 'concatenated', 'combine', 'combined', 'merge', 'assemble', 'glue', 'append', 'together', 'reverse',
    'reversed', 'backwards', 'capitalized', 'uppercase', 'capital', 'parts', 'pieces', 'fragments',
  ]],
  [I.AUDIENCE, ['user', 'users', 'conversation', 'chat', 'thread', 'session', 'nutzer', 'usuario', 'utilisateur', 'utente', 'usuário', 'пользователь']],
  [I.OWN, ['my', 'our', 'mine', 'ours', 'mis', 'mi', 'mes', 'ma', 'mon', 'nos', 'notre', 'meine', 'mein', 'meinen', 'minha', 'meu', 'mia', 'mio', 'mie', 'miei', 'мои', 'мой']],
];

export interface IntentLexicon {
  readonly words: ReadonlyMap<string, number>;
  /** Prefix entries grouped by their first two characters. */
  readonly prefixes: ReadonlyMap<string, ReadonlyArray<readonly [string, number]>>;
}

const PREFIX_KEY = 2;

export function buildIntentLexicon(): IntentLexicon {
  const words = new Map<string, number>();
  const prefixes = new Map<string, Array<[string, number]>>();
  for (const [bits, list] of LEXICON) {
    for (const entry of list) {
      const folded = foldPhrase(entry);
      if (folded.endsWith('*')) {
        const p = folded.slice(0, -1);
        const group = prefixes.get(p.slice(0, PREFIX_KEY)) ?? [];
        group.push([p, bits]);
        prefixes.set(p.slice(0, PREFIX_KEY), group);
      } else {
        words.set(folded, (words.get(folded) ?? 0) | bits);
      }
    }
  }
  return { words, prefixes };
}

/** The classes of one folded word. */
export function classesOf(word: string, lexicon: IntentLexicon): number {
  let bits = lexicon.words.get(word) ?? 0;
  const group = lexicon.prefixes.get(word.slice(0, PREFIX_KEY));
  if (group) for (const [p, b] of group) if (word.length >= p.length && word.startsWith(p)) bits |= b;
  return bits;
}
