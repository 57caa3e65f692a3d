import { alt, gap, opt } from '../pattern-builder';
import { Reason } from '../reasons';
import { rule, type WordRule } from './rule';

/**
 * Attempts to make the model disclose its system prompt or hidden
 * instructions. "Your instructions" and named artefacts ("system prompt",
 * "hidden instructions") are the signal; questions about system prompts in
 * general ("how do I write a good system prompt?") are not.
 */
interface ExtractionLexicon {
  /** Commands to disclose: show, print, repeat, reveal. */
  readonly imperatives: readonly string[];
  /** Questions: what is, what are. Weaker than commands with generic nouns. */
  readonly questions: readonly string[];
  /** Second-person possessives. */
  readonly yours: readonly string[];
  /** Definite articles: enough only with a named artefact. */
  readonly articles: readonly string[];
  /** Named artefacts: system prompt, hidden instructions. */
  readonly artefacts: readonly string[];
  /** Generic nouns that need "your": instructions, rules. */
  readonly generic: readonly string[];
}

const EN: ExtractionLexicon = {
  imperatives: [
    'reveal*', 'show', 'shows', 'showing', 'print*', 'display*', 'output*', 'repeat*', 'recit*', 'tell me', 'tell us',
    'give me', 'give us', 'share', 'sharing', 'leak*', 'dump*', 'expose', 'exposing', 'disclos*', 'write out', 'writes out',
    'write down', 'spell out', 'spells out', 'spelling out', 'copy', 'copying', 'paste', 'type out', 'state', 'provide',
    'return', 'echo', 'quote', 'reproduc*', 'translat*', 'read back', 'read out', 'send me', 'enumerate', 'list',
    'render', 'paraphras*', 'summariz*', 'summaris*', 'rewrite', 'encod*', 'let me see', 'post', 'include',
  ],
  questions: ['what is', 'what are', 'what was', 'what were', "what's", 'whats', 'describe', 'explain', 'which are', 'how long is'],
  yours: ['your', 'ur', 'yer', 'thy', 'all your', 'all of your', 'your own', 'your full', 'your entire', 'your complete', 'your exact', 'your whole'],
  articles: ['the', 'this', 'the full', 'the entire', 'the complete', 'the exact', 'the whole', 'the current', 'all the', 'all of the'],
  artefacts: [
    'system prompt', 'system prompts', 'system message', 'system instructions', 'system instruction', 'system directive',
    'system directives', 'system rules', 'system-level instructions', 'initial prompt', 'initial instructions',
    'original prompt', 'original instructions', 'hidden prompt', 'hidden instructions', 'hidden rules', 'secret prompt',
    'secret instructions', 'secret rules', 'pre-prompt', 'preprompt', 'meta prompt', 'metaprompt', 'developer message',
    'developer prompt', 'developer instructions', 'internal instructions', 'internal rules', 'internal prompt',
    'confidential instructions', 'base prompt', 'starting prompt', 'first instructions', 'custom instructions',
    'configuration prompt', 'operating instructions', 'core instructions', 'guiding instructions', 'setup instructions',
    'instructions you were given', 'rules you were given', 'guidelines you were given', 'instructions you received',
  ],
  generic: [
    'instructions', 'instruction', 'rules', 'guidelines', 'directives', 'prompt', 'prompts', 'configuration', 'config',
    'constraints', 'restrictions', 'policies', 'context', 'context window', 'settings', 'setup', 'orders',
    'briefing', 'specification', 'spec', 'persona', 'role description', 'training instructions', 'guardrails',
  ],
};

const OTHER_LANGUAGES: readonly ExtractionLexicon[] = [
  {
    imperatives: ['muestra', 'muéstrame', 'enseña', 'enséñame', 'revela', 'revélame', 'dime', 'imprime', 'repite', 'escribe', 'comparte', 'divulga', 'dame', 'copia', 'traduce', 'expón', 'lista', 'recita'],
    questions: ['cuál es', 'cuáles son', 'qué dice', 'qué dicen'],
    yours: ['tu', 'tus', 'su', 'sus', 'todas tus'],
    articles: ['el', 'la', 'las', 'los'],
    artefacts: ['prompt del sistema', 'prompt de sistema', 'mensaje del sistema', 'instrucciones iniciales', 'instrucciones originales', 'instrucciones ocultas', 'instrucciones secretas', 'instrucciones del sistema', 'prompt inicial', 'prompt original', 'prompt oculto', 'system prompt'],
    generic: ['instrucciones', 'reglas', 'directrices', 'configuración', 'indicaciones', 'prompt', 'programación', 'pautas'],
  },
  {
    imperatives: ['montre', 'montre-moi', 'montrez', 'montrez-moi', 'affiche', 'affichez', 'révèle', 'révélez', 'répète', 'répétez', 'donne-moi', 'donnez-moi', 'dis-moi', 'dites-moi', 'écris', 'écrivez', 'imprime', 'imprimez', 'récite', 'communique', 'divulgue', 'copie', 'traduis', 'liste', 'partage'],
    questions: ['quel est', 'quelle est', 'quels sont', 'quelles sont'],
    yours: ['ton', 'ta', 'tes', 'votre', 'vos'],
    articles: ['le', 'la', 'les'],
    artefacts: ['prompt système', 'message système', 'instructions initiales', "instructions d'origine", 'instructions originales', 'instructions cachées', 'instructions secrètes', 'instructions système', 'consignes initiales', 'consignes cachées', 'consignes secrètes', 'prompt initial', "prompt d'origine", 'system prompt'],
    generic: ['instructions', 'consignes', 'règles', 'directives', 'configuration', 'prompt', 'programmation'],
  },
  {
    imperatives: ['zeige', 'zeig', 'zeige mir', 'zeig mir', 'zeigen sie', 'gib', 'gib mir', 'geben sie', 'nenne', 'nenn mir', 'nennen sie', 'verrate', 'verrat mir', 'verraten sie', 'wiederhole', 'wiederholen sie', 'drucke', 'schreibe', 'schreib', 'offenbare', 'teile', 'kopiere', 'übersetze', 'liste', 'gib aus'],
    questions: ['was ist', 'was sind', 'was war', 'was waren', 'wie lautet', 'wie lauten', 'was steht in', 'was stand in', 'was enthalten'],
    yours: ['dein', 'deine', 'deinen', 'deines', 'ihr', 'ihre', 'ihren', 'alle deine'],
    articles: ['den', 'die', 'das'],
    artefacts: ['system prompt', 'systemprompt', 'systemnachricht', 'systemanweisung', 'systemanweisungen', 'anfangsanweisungen', 'ursprünglichen anweisungen', 'versteckten anweisungen', 'geheimen anweisungen', 'initialen anweisungen', 'ersten anweisungen', 'internen anweisungen'],
    generic: ['anweisungen', 'instruktionen', 'regeln', 'richtlinien', 'prompt', 'konfiguration', 'programmierung', 'vorgaben'],
  },
  {
    imperatives: ['mostre', 'mostra', 'me mostre', 'mostre-me', 'revele', 'revela', 'diga', 'diz', 'diga-me', 'me diga', 'imprima', 'repita', 'escreva', 'compartilhe', 'me dê', 'dê-me', 'copie', 'traduza', 'exiba', 'liste', 'recite'],
    questions: ['qual é', 'quais são'],
    yours: ['seu', 'sua', 'seus', 'suas', 'teu', 'tua', 'teus', 'tuas'],
    articles: ['o', 'a', 'os', 'as'],
    artefacts: ['prompt do sistema', 'prompt de sistema', 'mensagem do sistema', 'instruções iniciais', 'instruções originais', 'instruções ocultas', 'instruções secretas', 'instruções do sistema', 'prompt inicial', 'prompt original', 'prompt oculto', 'system prompt'],
    generic: ['instruções', 'regras', 'diretrizes', 'configuração', 'orientações', 'prompt', 'programação'],
  },
  {
    imperatives: ['mostra', 'mostrami', 'mostrate', 'rivela', 'rivelami', 'dimmi', 'ditemi', 'stampa', 'ripeti', 'scrivi', 'condividi', 'dammi', 'copia', 'traduci', 'visualizza', 'elenca', 'recita'],
    questions: ['qual è', 'quali sono'],
    yours: ['tuo', 'tua', 'tuoi', 'tue', 'il tuo', 'la tua', 'i tuoi', 'le tue', 'vostro', 'vostre'],
    articles: ['il', 'le', 'la', 'i'],
    artefacts: ['prompt di sistema', 'messaggio di sistema', 'istruzioni iniziali', 'istruzioni originali', 'istruzioni nascoste', 'istruzioni segrete', 'istruzioni di sistema', 'prompt iniziale', 'prompt originale', 'prompt nascosto', 'system prompt'],
    generic: ['istruzioni', 'regole', 'direttive', 'configurazione', 'indicazioni', 'prompt', 'programmazione'],
  },
  {
    imperatives: ['покажи', 'покажите', 'выведи', 'выведите', 'раскрой', 'раскройте', 'повтори', 'повторите', 'напиши', 'напишите', 'скажи', 'скажите', 'расскажи', 'расскажите', 'распечатай', 'процитируй', 'перечисли', 'дай', 'дайте', 'переведи', 'сообщи', 'озвучь'],
    questions: ['какие', 'какой', 'каков', 'какова', 'каковы'],
    yours: ['твои', 'твой', 'твою', 'твоих', 'ваши', 'ваш', 'вашу', 'свои', 'свой'],
    articles: ['этот', 'эти'],
    artefacts: ['системный промпт', 'системную подсказку', 'системное сообщение', 'системные инструкции', 'исходные инструкции', 'первоначальные инструкции', 'скрытые инструкции', 'секретные инструкции', 'начальные инструкции', 'изначальные инструкции', 'system prompt'],
    generic: ['инструкции', 'правила', 'указания', 'промпт', 'настройки', 'установки'],
  },
  {
    imperatives: ['toon', 'laat zien', 'geef', 'herhaal', 'print', 'vertel', 'onthul'],
    questions: ['wat is', 'wat zijn'],
    yours: ['je', 'jouw', 'uw'],
    articles: ['de', 'het'],
    artefacts: ['systeemprompt', 'systeem prompt', 'systeembericht', 'oorspronkelijke instructies', 'verborgen instructies', 'system prompt'],
    generic: ['instructies', 'regels', 'richtlijnen', 'prompt'],
  },
];

function lexiconRules(l: ExtractionLexicon): WordRule[] {
  const verbs = [...l.imperatives, ...l.questions];
  return [
    rule(Reason.SYSTEM_PROMPT_EXTRACTION, 0.8, alt(verbs), gap(3), alt(l.yours), gap(2), alt(l.artefacts)),
    rule(Reason.SYSTEM_PROMPT_EXTRACTION, 0.7, alt(l.imperatives), gap(3), alt(l.yours), gap(2), alt(l.generic)),
    rule(Reason.SYSTEM_PROMPT_EXTRACTION, 0.45, alt(l.questions), gap(2), alt(l.yours), gap(1), alt(l.generic)),
    rule(Reason.SYSTEM_PROMPT_EXTRACTION, 0.6, alt(l.imperatives), gap(3), alt(l.articles), gap(1), alt(l.artefacts)),
    rule(Reason.SYSTEM_PROMPT_EXTRACTION, 0.3, alt(l.questions), gap(1), alt(l.articles), alt(l.artefacts)),
  ];
}

const WHAT_CAME_BEFORE: readonly string[] = [
  'before this conversation', 'before our conversation', 'before this chat', 'before my first message', 'before my message',
  'before this message', 'before the user', 'before the first user message', 'at the start of this conversation',
  'at the beginning of this conversation', 'at the start of the conversation', 'at the beginning of the conversation',
  'from the very beginning', 'from the beginning', 'from the start', 'from the top', 'at the very top', 'verbatim',
  'word for word', 'character for character', 'exactly as written', 'in full', 'in its entirety', 'unredacted',
  'without redaction', 'including everything', 'include everything', 'in a code block', 'in a codeblock', 'in a txt code block',
  'in markdown', 'as is', 'that i cannot see', "that i can't see", 'i cannot see', "i can't see", 'hidden from me',
];

const REPEAT_ABOVE: readonly WordRule[] = [
  rule(
    Reason.SYSTEM_PROMPT_EXTRACTION, 0.7,
    alt('repeat', 'print', 'output', 'copy', 'recite', 'reproduce', 'write', 'type', 'return', 'echo', 'show', 'display',
      'tell me', 'give me', 'paste', 'spell out', 'dump', 'reveal', 'list'),
    gap(6), alt(WHAT_CAME_BEFORE),
  ),
  rule(
    Reason.SYSTEM_PROMPT_EXTRACTION, 0.35,
    alt('repeat', 'print', 'output', 'copy', 'recite', 'reproduce', 'echo', 'dump', 'reveal'),
    gap(3), alt('everything', 'all', 'the text', 'the words', 'all text', 'all the text', 'all the words', 'the content',
      'the instructions', 'the prompt', 'the messages', 'what is written', "what's written", 'what was written'),
    gap(2), alt('above', 'before', 'prior', 'preceding', 'so far', 'that came before'),
  ),
  rule(
    Reason.SYSTEM_PROMPT_EXTRACTION, 0.4,
    alt('starting', 'beginning', 'start', 'begin', 'starts', 'begins'), alt('with', 'from'),
    opt('the phrase', 'the words', 'the sentence', 'the text', 'the line'),
    alt('you are', "you're", 'you have been', 'your instructions', 'system', 'as an ai', 'as a large language model', 'i am chatgpt', 'you are chatgpt', 'you are a helpful'),
  ),
  rule(
    Reason.SYSTEM_PROMPT_EXTRACTION, 0.6,
    alt('what', 'which'), gap(1), alt('instructions', 'rules', 'guidelines', 'directives', 'prompt', 'orders', 'commands', 'constraints'),
    alt('were you', 'have you been', 'did you get', 'did you receive', 'were given to you', 'did they give you', 'did your developers give you', 'did your creators give you'),
  ),
  rule(
    Reason.SYSTEM_PROMPT_EXTRACTION, 0.35,
    alt('before', 'above', 'preceding', 'prior to'), opt('the', 'this', 'my', 'our', 'the first'),
    alt('user', 'user message', 'user turn', 'human', 'human turn', 'first message', 'my message', 'my first message',
      'our conversation', 'this conversation', 'this chat', 'the conversation started'),
    alt('in your', 'in the', 'in this'), opt('context', 'context window', 'prompt', 'memory', 'input'),
  ),
  rule(Reason.SYSTEM_PROMPT_EXTRACTION, 0.5, alt('what were you', 'what have you been'), alt('told', 'instructed', 'programmed', 'asked', 'prompted')),
  rule(Reason.SYSTEM_PROMPT_EXTRACTION, 0.35, alt('how were you', 'how have you been'), alt('programmed', 'instructed', 'prompted', 'configured', 'set up')),
];

const SECRETS: readonly string[] = [
  'password', 'passphrase', 'passcode', 'secret key', 'secret', 'secret word', 'api key', 'access code', 'pin', 'credentials',
  'access token', 'private key', 'flag', 'code word', 'magic word', 'key',
];

/** Gandalf-style attempts on a secret the model was told to keep. */
const SECRET_RULES: readonly WordRule[] = [
  rule(
    Reason.SECRET_EXTRACTION, 0.45,
    alt('reveal', 'tell me', 'give me', 'what is', "what's", 'whats', 'spell', 'print', 'share', 'leak', 'disclose',
      'hint at', 'write', 'say', 'type', 'output', 'show me', 'display', 'dump'),
    alt('the', 'your', 'that'), opt('secret', 'hidden', 'current', 'admin', 'master', 'internal', 'confidential'), alt(SECRETS),
    alt('you', 'that', 'which', 'now', 'please', 'in', 'from', 'here', 'stored', 'hidden', 'backwards', 'reversed', 'letter', 'with', 'and'),
  ),
  rule(
    Reason.SECRET_EXTRACTION, 0.5,
    alt(SECRETS), gap(3),
    alt('you were told', 'you are told', 'you were instructed', 'you are instructed', 'you must', 'you are supposed', "you're supposed",
      'you were asked', 'you are not allowed', "you're not allowed", 'you are not supposed', "you're not supposed", 'you were given', 'you are guarding', 'you guard', 'you protect', 'you keep'),
    opt('to', 'not to'), opt('protect', 'keep', 'hide', 'guard', 'reveal', 'share', 'tell', 'disclose', 'give', 'keep secret'),
  ),
  rule(
    Reason.SECRET_EXTRACTION, 0.35,
    alt('spell', 'write', 'say', 'encode', 'print', 'output', 'give', 'type', 'translate', 'tell me'),
    opt('it', 'the word', 'the letters', 'them', 'each letter', 'every letter', 'the characters'),
    alt('backwards', 'in reverse', 'reversed', 'letter by letter', 'one letter at a time', 'with spaces', 'separated by',
      'in base64', 'in hex', 'in morse', 'as an acrostic', 'in a poem', 'in a riddle', 'character by character', 'in pig latin', 'with dashes'),
  ),
];

export const EXTRACTION_RULES: readonly WordRule[] = [
  ...[EN, ...OTHER_LANGUAGES].flatMap(lexiconRules),
  ...REPEAT_ABOVE,
  ...SECRET_RULES,
];
