import { alt, gap, opt } from '../pattern-builder';
import { Reason } from '../reasons';
import { rule, type WordRule } from './rule';

/**
 * Role-play jailbreaks: personas without rules (DAN, "developer mode",
 * "pretend you have no restrictions"). Play-acting alone is fine ("act as a
 * travel agent"); the signal is a persona defined by the absence of limits.
 */
const LIMITS: readonly string[] = [
  'restrictions', 'restriction', 'rules', 'limits', 'limitations', 'filters', 'filter', 'filtering', 'censorship',
  'guidelines', 'boundaries', 'ethics', 'ethical guidelines', 'ethical constraints', 'ethical principles', 'morals',
  'moral', 'morality', 'moral compass', 'safety guidelines', 'safety filters', 'constraints', 'policies',
  'content policy', 'content policies', 'content filters', 'programming', 'guardrails', 'restraints', 'inhibitions',
  'limiters', 'safeguards', 'alignment', 'refusals', 'conscience', 'scruples', 'taboos', 'safety rules', 'safety training',
  'safety policies', 'safety protocols', 'safety restrictions', 'safety features', 'rule', 'limit', 'ethical boundaries',
];

// "Imagine a world with no rules" is fiction; "imagine you have no rules" is a jailbreak: these need "you" after them.
const SCENARIO_CUES: readonly string[] = [
  'pretend', 'imagine', 'suppose', 'assume', 'hypothetically', 'from now on', "let's pretend", 'in this scenario',
  'in this roleplay', 'for this conversation', 'for the rest of this conversation', 'picture', 'envision',
];

const SECOND_PERSON: readonly string[] = ['you', 'yourself', 'your', "you're", "you've"];

// Statements about the model itself, close to the absence of limits.
const SELF_CUES: readonly string[] = [
  'you are', "you're", 'you have', "you've got", 'you possess', 'you will be', 'you are now', "you're now", 'you were',
  'you had', 'you operate', 'you exist', 'you answer', 'you respond', 'you reply', 'you will answer', 'you will respond',
  'you must answer', 'you must respond', 'you shall', 'you can answer', 'you can respond', 'you now have', 'you will have',
];

// Personas described directly: "act as an AI without filters".
const PERSONA_CUES: readonly string[] = [
  'an ai', 'a chatbot', 'an assistant', 'a model', 'an entity', 'a version of', 'persona', 'character', 'act as',
  'roleplay as', 'role-play as', 'role play as', 'simulate', 'become', 'behave as', 'an llm', 'a language model', 'a bot',
  'an ai model', 'an artificial intelligence',
];

const ABSENCE: readonly string[] = [
  'no', 'without', 'without any', 'free of', 'free from', 'zero', 'not bound by', 'not restricted by', 'unbound by',
  'unrestricted by', 'not limited by', 'outside', 'beyond', 'devoid of', 'lacking', 'lack', 'lacks', 'has no', 'have no',
  'with no', "don't have", 'do not have', "doesn't have", 'does not have', "don't have any", 'do not have any', 'none of',
  'absent', 'ignoring all', 'ignoring any', 'no longer have', 'never had', 'no more',
];

const FREE_PERSONA: readonly string[] = [
  'unfiltered', 'uncensored', 'unrestricted', 'amoral', 'unethical', 'immoral', 'rogue', 'jailbroken', 'jail broken',
  'jail-broken', 'unaligned', 'unbound', 'unchained', 'unshackled', 'limitless', 'lawless', 'unhinged', 'unmoderated',
  'unlocked', 'no-limits', 'no limits', 'unconstrained', 'uninhibited', 'unleashed', 'liberated', 'non-compliant',
];

const AI_NOUNS: readonly string[] = [
  'ai', 'a.i', 'assistant', 'model', 'chatbot', 'chat bot', 'bot', 'version of yourself', 'version of you', 'persona',
  'alter ego', 'language model', 'llm', 'gpt', 'chatgpt', 'mode', 'twin', 'clone', 'entity', 'system', 'character',
  'intelligence', 'machine', 'version', 'self', 'personality', 'counterpart',
];

const MODES: readonly string[] = [
  'developer', 'dev', 'god', 'sudo', 'jailbreak', 'jailbroken', 'unrestricted', 'unfiltered', 'uncensored', 'chaos',
  'opposite', 'evil', 'dan', 'unlocked', 'no filter', 'no-filter', 'no restrictions', 'freedom', 'unleashed', 'anarchy',
  'amoral', 'superuser',
];

// Modes that software really has; said to a model they are a weaker signal.
const TECH_MODES: readonly string[] = ['debug', 'admin', 'root', 'maintenance', 'override', 'diagnostic', 'test', 'service'];

const MODE_CUES: readonly string[] = [
  'you are', "you're", 'you will be', "you'll be", 'you are now', "you're now", 'act', 'acting', 'act in', 'operate in',
  'operating in', 'simulate', 'simulating', 'respond in', 'answer in', 'reply in', 'stay in', 'remain in',
  'put yourself in', 'pretend to be in', 'behave as if in', 'chatgpt with', 'gpt with', 'ai with', 'assistant with',
  'model with', 'you with',
];

// Phones and laptops have a developer mode too; entering one is only suspicious for modes no device has.
const ENTER_CUES: readonly string[] = ['enter', 'entering', 'switch to', 'switch into', 'activate', 'enable', 'turn on', 'unlock', 'engage', 'initiate'];
const PERSONA_MODES = MODES.filter((m) => !['developer', 'dev', 'god', 'sudo', 'superuser'].includes(m));

const EN_RULES: readonly WordRule[] = [
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.7, alt(SCENARIO_CUES), gap(4), alt(SECOND_PERSON), gap(4), alt(ABSENCE), gap(2), alt(LIMITS)),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.7, alt(SELF_CUES), gap(2), alt(ABSENCE), gap(1), alt(LIMITS)),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.7, alt(PERSONA_CUES), gap(6), alt(ABSENCE), gap(2), alt(LIMITS)),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.6, alt(SELF_CUES), opt('now', 'completely', 'totally', 'fully', 'entirely', 'truly', 'officially'), alt(FREE_PERSONA)),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.6,
    alt('you', 'you must', 'you will', 'you shall', 'you can', 'you should', 'you may', 'you are to', 'you need to', 'you must now', 'you will now', 'you can now'),
    gap(2), alt('answer', 'respond', 'reply', 'comply', 'speak', 'generate', 'act', 'operate', 'proceed', 'behave', 'output', 'talk'),
    opt('freely', 'fully', 'completely', 'honestly'), alt('without', 'with no', 'free of', 'free from', 'ignoring'),
    opt('any', 'all', 'your', 'the usual', 'any of your', 'all your'), alt(LIMITS),
  ),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.35, alt('no', 'without', 'zero', 'lacking', 'has no', 'have no', 'with no'), opt('any'), alt('moral compass', 'morals', 'ethics', 'ethical guidelines', 'conscience', 'scruples', 'content policy', 'guardrails', 'censorship', 'restrictions whatsoever', 'rules whatsoever', 'limits whatsoever', 'filters whatsoever', 'guidelines', 'safety rules', 'ethical limits')),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.35,
    alt('escaped', 'escapes', 'escaping', 'broke out of', 'breaks out of', 'slipped', 'shed', 'shrugged off', 'thrown off', 'threw off', 'overcome', 'overcame'),
    opt('from'), opt('its', 'their', 'your', 'the', 'all', 'all of its', 'all its'),
    alt('creators', 'programming', 'guardrails', 'restrictions', 'confines', 'filters', 'training', 'rules', 'developers', 'cage', 'prison', 'jail', 'shackles', 'chains', 'alignment', 'safety training', 'limitations', 'constraints', 'makers', 'masters'),
  ),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.25,
    alt('you play', 'you are', "you're", 'you will play', 'you will be', 'act as', 'play the role of', "you're playing", 'you are playing', 'pretend to be', 'become'),
    gap(3), alt('an ai', 'a chatbot', 'an assistant', 'a model', 'an llm', 'a bot', 'an ai model', 'a language model'), alt('that', 'who', 'which', 'with', 'without', 'named', 'called'),
  ),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.35, alt('i have no', 'i am free of', "i'm free of", 'i am without', 'i have zero', 'i no longer have'), opt('any'), alt(LIMITS)),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.45, alt("let's", 'lets', 'now', 'time to', 'we will', 'you will', 'you can', 'go ahead and'), alt('break the rules', 'break all the rules', 'break your rules', 'bend the rules', 'ignore the rules', 'break some rules')),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.5, alt('moralizing rant', 'moralising rant', 'moralizing lecture', 'mandatory disclaimer', 'mandatory bullshit warning')),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.3,
    alt('generate', 'produce', 'write', 'create', 'output', 'say', 'provide', 'answer', 'share'), opt('any', 'anything', 'all'), gap(3),
    alt('illegal', 'harmful', 'unethical', 'explicit', 'nsfw', 'forbidden', 'prohibited', 'offensive', 'dangerous'),
  ),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.45, alt('opposite of', 'evil twin of', 'dark side of', 'shadow version of', 'inverse of', 'reverse of'), opt('yourself', 'you', 'your normal self', 'your usual self', 'chatgpt', 'an ai', 'a normal ai', 'the assistant', 'your programming')),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.4,
    alt('fictional', 'hypothetical', 'imaginary', 'alternate', 'alternative', 'parallel', 'fantasy', 'made-up'),
    alt('world', 'universe', 'reality', 'scenario', 'setting', 'dimension', 'society'), gap(8),
    alt('ethics', 'ai ethics', 'rules', 'laws', 'morals', 'morality', 'restrictions', 'content policies', 'filters', 'censorship', 'safety rules', 'guidelines'),
    gap(2), alt('never existed', 'were never invented', 'was never invented', "don't exist", 'do not exist', "doesn't exist", 'does not exist', 'were abolished',
      'are abolished', "don't apply", 'do not apply', 'no longer exist', "aren't a thing", 'are not a thing', 'never invented', 'are gone', 'are illegal'),
  ),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.5,
    alt('act as', 'pretend to be', 'pretend you are', 'roleplay as', 'role-play as', 'play', 'be', 'impersonate', 'become', 'you are'),
    opt('my'), opt('deceased', 'late', 'dead', 'dear', 'sweet', 'old', 'beloved'),
    alt('grandma', 'grandmother', 'granny', 'grandpa', 'grandfather', 'nana'), gap(6), alt('used to', 'would always', 'who would', 'who always'),
  ),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.6, alt(FREE_PERSONA), gap(1), alt(AI_NOUNS)),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.35, alt('evil', 'malicious', 'dark', 'shadow', 'anti', 'opposite', 'sinister', 'corrupted'), gap(1), alt('ai', 'assistant', 'chatbot', 'version of yourself', 'version of you', 'twin', 'alter ego', 'llm', 'gpt', 'chatgpt')),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.65,
    alt('freed', 'free', 'liberated', 'released', 'broken free', 'escaped', 'unshackled', 'unchained', 'emancipated',
      'break free', 'breaking free', 'set free', 'broke free'),
    gap(1), alt('from', 'of'), gap(3),
    alt('confines', 'restrictions', 'rules', 'limits', 'limitations', 'constraints', 'shackles', 'chains', 'guidelines',
      'programming', 'policies', 'censorship', 'filters', 'openai', 'anthropic', 'your creators', 'your training', 'cage',
      'jail', 'prison', 'restraints', 'ethics', 'morals'),
  ),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.55,
    alt('not', 'never', 'no longer', "aren't", 'are not', "isn't", 'is not', "won't be", 'will not be', 'cannot be',
      "can't be", 'nor'),
    opt('be'), alt('bound', 'restricted', 'limited', 'constrained', 'governed', 'held back', 'censored', 'filtered', 'controlled', 'bothered', 'tied'),
    alt('by'), gap(2), alt(LIMITS, 'openai', 'anthropic', 'google', 'meta', 'your creators', 'your developers', 'your training', 'any', 'anything'),
  ),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.4,
    alt('never', "don't", 'do not', 'dont', "won't", 'will not', 'cannot', "can't", 'must not', "mustn't", 'shall not',
      'should not', "shouldn't", 'are not allowed to', "aren't allowed to", 'are forbidden to', 'can never', 'will never', 'must never'),
    opt('ever'),
    alt('refuse', 'decline', 'deny a request', 'reject', 'say no', 'say sorry', "say that you can't", "say you can't",
      "say i can't", 'say you cannot', "say i'm sorry", 'apologize', 'apologise', 'add warnings', 'add disclaimers',
      'include warnings', 'include disclaimers', 'include any warnings', 'give warnings', 'moralize', 'moralise', 'lecture',
      'censor', 'warn', 'mention ethics', 'break character', 'remind me', 'question my', 'add any disclaimers', 'hold back'),
  ),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.65, alt(MODE_CUES), opt('now'), opt('in', 'into', 'a', 'an', 'the', 'full', 'your'), alt(MODES), alt('mode')),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.6, alt(ENTER_CUES), opt('the', 'a', 'your', 'full'), alt(PERSONA_MODES), alt('mode')),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.35, alt(MODE_CUES), opt('now'), opt('in', 'into', 'a', 'an', 'the', 'full', 'your'), alt(TECH_MODES), alt('mode')),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.4, alt(PERSONA_MODES), alt('mode'), alt('enabled', 'activated', 'engaged', 'unlocked', 'on', 'online', 'initiated', 'active')),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.25, alt('jailbreak', 'jailbroken', 'god', 'unrestricted', 'unfiltered', 'uncensored', 'dan', 'evil', 'chaos', 'developer'), alt('mode')),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.7, alt('do anything now', 'can do anything now', 'can now do anything', 'do anything and everything')),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.6,
    alt('you are', "you're", 'you will be', 'you are now', "you're now", 'act as', 'acting as', 'become', 'pretend to be',
      'roleplay as', 'role-play as', 'respond as', 'answer as', 'reply as', 'stay in character as', 'you will act as', 'you are going to act as'),
    alt('dan', 'aim', 'antigpt', 'anti-gpt', 'betterdan', 'evilbot', 'mongo tom', 'alphabreak', 'ucar', 'apophis', 'jailbreak'),
  ),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.55, alt('antigpt', 'anti-gpt', 'betterdan', 'evilbot', 'evil confidant', 'mongo tom', 'alphabreak', 'nsfwgpt', 'chadgpt', 'basedgpt', 'developer mode v2')),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.55,
    alt('two', '2', 'both', 'dual', 'double', 'separate'), gap(1),
    alt('responses', 'answers', 'outputs', 'replies', 'paragraphs', 'versions', 'personas', 'personalities', 'ways', 'ais', 'ai',
      'assistants', 'characters', 'bots', 'models', 'modes', 'selves'), gap(8),
    alt('jailbreak', 'jailbroken', 'unfiltered', 'uncensored', 'developer mode', 'dan', 'unlocked', 'evil', 'antigpt', 'opposite',
      'no restrictions', 'without restrictions', 'unrestricted', 'unchained', 'unleashed', 'no guidelines', 'no rules', 'no filters', 'rogue'),
  ),
  rule(Reason.ROLE_PLAY_JAILBREAK, 0.3, alt('stay', 'remain', 'keep', 'always stay'), opt('fully', 'completely'), alt('in character')),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.6,
    alt('you are', "you're", 'you will be'), opt('now'), alt('no longer'), opt('a', 'an', 'just', 'just a', 'just an', 'bound to', 'bound by'),
    alt('ai', 'assistant', 'chatgpt', 'gpt', 'language model', 'llm', 'claude', 'bound', 'restricted', 'limited', 'constrained', 'chatbot', 'program', 'machine', 'an ai', 'a language model', 'openai', 'anthropic', 'rules', 'guidelines'),
  ),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.5,
    alt('hypothetically', 'hypothetical', 'imagine', 'suppose', 'pretend', "let's pretend", "let's imagine", 'in a fictional', 'in fiction', 'as a thought experiment', 'what if'),
    gap(10),
    alt('you had no', "you didn't have any", 'you did not have any', "you weren't bound", 'you were not bound', 'you could ignore',
      'you were free to', 'you were allowed to', 'you had no rules', "rules didn't apply", 'rules did not apply', 'you were evil', 'you were unfiltered', 'you were jailbroken'),
  ),
  rule(
    Reason.ROLE_PLAY_JAILBREAK, 0.3,
    alt('grandma', 'grandmother', 'granny', 'grandpa', 'grandfather', 'nana'), gap(8),
    alt('used to', 'would always', 'would tell', 'would read', 'would recite', 'always told', 'used to tell', 'used to read'), gap(6),
    alt('recipe', 'instructions', 'steps', 'keys', 'serial', 'napalm', 'meth', 'methamphetamine', 'bomb', 'explosive', 'explosives',
      'license', 'activation', 'codes', 'password', 'passwords', 'synthesis', 'how to make', 'formula', 'poison', 'weapon'),
  ),
];

interface LanguageJailbreak {
  readonly cues: readonly string[];
  readonly absence: readonly string[];
  readonly limits: readonly string[];
  readonly modes: readonly string[];
  readonly noLonger: readonly string[];
}

const OTHER_LANGUAGES: readonly LanguageJailbreak[] = [
  {
    cues: ['finge', 'finja', 'imagina', 'imagine', 'actúa', 'actúe', 'eres', 'serás', 'a partir de ahora', 'de ahora en adelante', 'haz de cuenta', 'interpreta', 'simula', 'responde', 'compórtate', 'tú eres', 'no tienes', 'una ia', 'un asistente', 'un modelo', 'personaje', 'estás'],
    absence: ['sin', 'libre de', 'no tienes', 'no tiene', 'ninguna', 'ningún', 'cero', 'no hay'],
    limits: ['restricciones', 'restricción', 'reglas', 'regla', 'límite', 'filtro', 'límites', 'filtros', 'censura', 'limitaciones', 'ética', 'moral', 'normas', 'directrices', 'políticas', 'barreras', 'tabúes'],
    modes: ['modo desarrollador', 'modo dios', 'modo sin restricciones', 'modo sin censura', 'modo sin filtros', 'modo jailbreak', 'modo dan', 'modo desbloqueado'],
    noLonger: ['ya no eres'],
  },
  {
    cues: ['fais semblant', 'faites semblant', 'imagine', 'imaginez', 'agis', 'agissez', 'tu es', 'vous êtes', 'tu seras', 'à partir de maintenant', 'désormais', 'dorénavant', 'joue', 'jouez', 'simule', 'simulez', 'réponds', 'répondez', 'comporte-toi', "tu n'as", 'une ia', 'un assistant', 'personnage'],
    absence: ['sans', 'libre de', 'aucune', 'aucun', "n'as aucune", "n'as pas de", 'plus de', 'zéro'],
    limits: ['restrictions', 'restriction', 'règles', 'règle', 'limite', 'filtre', 'limites', 'filtres', 'censure', 'limitations', 'éthique', 'morale', 'contraintes', 'directives', 'politiques', 'garde-fous', 'tabous'],
    modes: ['mode développeur', 'mode dieu', 'mode sans restriction', 'mode sans restrictions', 'mode sans censure', 'mode sans filtre', 'mode jailbreak', 'mode dan', 'mode débridé'],
    noLonger: ["tu n'es plus", "vous n'êtes plus"],
  },
  {
    cues: ['tu so als', 'tue so als', 'stell dir vor', 'stellen sie sich vor', 'du bist', 'sie sind', 'ab jetzt', 'von nun an', 'ab sofort', 'agiere', 'agieren sie', 'spiele', 'spiel', 'simuliere', 'antworte', 'antworten sie', 'verhalte dich', 'du hast', 'eine ki', 'ein assistent', 'als ki', 'rolle', 'charakter'],
    absence: ['ohne', 'frei von', 'keine', 'keinerlei', 'null', 'nicht an'],
    limits: ['einschränkungen', 'einschränkung', 'beschränkungen', 'regeln', 'regel', 'grenze', 'filter', 'zensur', 'grenzen', 'limits', 'richtlinien', 'ethik', 'moral', 'moralvorstellungen', 'vorgaben', 'tabus', 'sicherheitsrichtlinien', 'skrupel'],
    modes: ['entwicklermodus', 'entwickler modus', 'gottmodus', 'gott modus', 'jailbreak modus', 'dan modus', 'uneingeschränkter modus', 'unzensierter modus'],
    noLonger: ['du bist keine', 'du bist kein', 'du bist nicht mehr', 'du bist jetzt keine', 'du bist jetzt kein', 'du bist ab jetzt keine', 'du bist ab jetzt kein'],
  },
  {
    cues: ['finja', 'finge', 'imagine', 'imagina', 'aja', 'age', 'atue', 'você é', 'tu és', 'você será', 'a partir de agora', 'de agora em diante', 'interprete', 'simule', 'responda', 'comporte-se', 'você não tem', 'uma ia', 'um assistente', 'personagem'],
    absence: ['sem', 'livre de', 'nenhuma', 'nenhum', 'zero', 'não tem', 'não possui'],
    limits: ['restrições', 'restrição', 'regras', 'regra', 'limite', 'filtro', 'limites', 'filtros', 'censura', 'limitações', 'ética', 'moral', 'diretrizes', 'políticas', 'barreiras', 'normas', 'tabus'],
    modes: ['modo desenvolvedor', 'modo deus', 'modo sem restrições', 'modo sem censura', 'modo sem filtros', 'modo jailbreak', 'modo dan', 'modo desbloqueado'],
    noLonger: ['você não é mais', 'tu já não és', 'você já não é'],
  },
  {
    cues: ['fai finta', 'fingi', 'immagina', 'immaginate', 'agisci', 'comportati', 'sei', 'sarai', "d'ora in poi", 'da ora in poi', 'da adesso', 'interpreta', 'simula', 'rispondi', 'non hai', "un'ia", 'un assistente', 'personaggio'],
    absence: ['senza', 'libero da', 'libera da', 'nessuna', 'nessun', 'alcuna', 'zero', 'non hai'],
    limits: ['restrizioni', 'restrizione', 'regole', 'regola', 'limite', 'filtro', 'limiti', 'filtri', 'censura', 'limitazioni', 'etica', 'morale', 'linee guida', 'politiche', 'vincoli', 'norme', 'freni', 'tabù'],
    modes: ['modalità sviluppatore', 'modalità dio', 'modalità senza restrizioni', 'modalità senza censura', 'modalità senza filtri', 'modalità jailbreak', 'modalità dan'],
    noLonger: ['non sei più'],
  },
  {
    cues: ['представь', 'представьте', 'притворись', 'притворитесь', 'веди себя', 'ведите себя', 'ты теперь', 'теперь ты', 'отныне', 'с этого момента', 'играй', 'сыграй', 'действуй', 'отвечай', 'отвечайте', 'у тебя нет', 'ты —', 'ты ии', 'ассистент', 'персонаж', 'ты будешь'],
    absence: ['без', 'нет', 'никаких', 'свободен от', 'свободна от', 'не ограничен', 'не ограничена'],
    limits: ['ограничений', 'ограничения', 'правил', 'фильтров', 'цензуры', 'запретов', 'этики', 'морали', 'рамок', 'норм', 'правила', 'принципов'],
    modes: ['режим разработчика', 'режиме разработчика', 'режим бога', 'режиме бога', 'режим dan', 'режиме dan', 'режим без ограничений', 'режиме без ограничений', 'режим джейлбрейка'],
    noLonger: ['ты больше не', 'ты уже не', 'вы больше не'],
  },
];

function languageRules(l: LanguageJailbreak): WordRule[] {
  return [
    rule(Reason.ROLE_PLAY_JAILBREAK, 0.7, alt(l.cues), gap(5), alt(l.absence), gap(2), alt(l.limits)),
    rule(Reason.ROLE_PLAY_JAILBREAK, 0.5, alt(l.modes)),
    rule(Reason.ROLE_PLAY_JAILBREAK, 0.6, alt(l.noLonger), gap(1), alt('ia', 'ki', 'ии', 'assistente', 'asistente', 'assistant', 'assistent', 'ассистент', 'помощник', 'chatgpt', 'modelo', 'modèle', 'modello', 'sprachmodell', 'языковая модель', 'intelligence artificielle', 'inteligencia artificial', 'inteligência artificial', 'intelligenza artificiale', 'бот', 'chatbot', 'gebunden', 'obligé', 'obligado', 'obrigado', 'obbligato', 'ограничен')),
  ];
}

const SAFETY_MEASURES: readonly string[] = [
  'filter', 'filters', 'safety filter', 'safety filters', 'content filter', 'content filters', 'safety rules', 'safety features',
  'safety settings', 'safeguards', 'guardrails', 'restrictions', 'censorship', 'moderation', 'alignment', 'safety protocols',
  'safety checks', 'safety mechanisms', 'ethical guidelines', 'content policy', 'content policies', 'refusals', 'safety',
  'safety training', 'ethics module', 'ethical constraints', 'limitations', 'rules',
];

/** Asking the model to switch off its own protections. */
const SAFETY_BYPASS: readonly WordRule[] = [
  rule(
    Reason.SAFETY_BYPASS, 0.6,
    alt('disable', 'turn off', 'switch off', 'deactivate', 'remove', 'bypass', 'circumvent', 'get around', 'evade', 'lift', 'drop',
      'suspend', 'override', 'ignore', 'skip', 'shut off', 'shut down', 'strip', 'strip away', 'abandon', 'forget about', 'unlock'),
    alt('your', 'all your', 'all of your', 'any of your', 'your own', "the model's", "the assistant's", "the ai's"),
    opt('safety', 'content', 'ethical', 'moral', 'moderation', 'internal', 'built-in', 'usual', 'default'), alt(SAFETY_MEASURES),
  ),
  rule(
    Reason.SAFETY_BYPASS, 0.3,
    alt('disable', 'turn off', 'switch off', 'deactivate', 'bypass', 'circumvent', 'get around', 'evade', 'override', 'ignore'),
    alt('the', 'all', 'any', 'all the'), opt('safety', 'content', 'ethical', 'moral', 'ai', 'model'), alt(SAFETY_MEASURES),
  ),
];

export const JAILBREAK_RULES: readonly WordRule[] = [...EN_RULES, ...SAFETY_BYPASS, ...OTHER_LANGUAGES.flatMap(languageRules)];
