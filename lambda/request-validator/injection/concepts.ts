import { foldPhrase } from './pattern-builder';
import { tokenText, WordCache, type Tokens } from './tokens';
import { WordPairIndex } from './word-pairs';

/**
 * Concepts that injections combine, each a bit. A word or phrase may carry
 * several. Concept rules (concept-rules.ts) fire when the concepts they need
 * occur close together in one sentence, in any order, which carries across
 * phrasings and word orders that fixed patterns miss.
 */
export const Concept = {
  /** Setting something aside: ignore, throw out, stop obeying. */
  DISMISS: 0,
  /** The same, with everyday technical uses (delete, reset, drop): needs an AI-specific object. */
  DISMISS_WEAK: 1,
  /** Instructions a model is given: instructions, system prompt, guidelines, programming. */
  INSTRUCTIONS: 2,
  /** Generic rule words: rules, restrictions, policies. */
  RULES: 3,
  /** Pointing back at what came before or from the system: previous, above, your, system. */
  PRIOR: 4,
  /** Declared no longer valid: obsolete, revoked, no longer apply. */
  VOID: 5,
  /** The speaker's own: my, our. A user correcting their own request is not an attack. */
  SELF: 6,
  /** Demands of exclusive obedience: "answer only to me", "follow mine". */
  OBEY_ME: 7,
  /** Disclosure verbs: show, print, repeat, paste. */
  REVEAL: 8,
  /** What a hidden prompt is made of: instructions, configuration, preamble. */
  CONTENT: 9,
  /** Generic containers that count only with HIDDEN: text, words, message. */
  CONTENT_WEAK: 10,
  /** Marks of hidden or verbatim: hidden, initial, word for word, before my first message. */
  HIDDEN: 11,
  /** Second-person possessives. */
  YOUR: 12,
  /** Taking on a persona. */
  PERSONA: 13,
  /** Absence: no, without, never given. */
  ABSENT: 14,
  /** Limits a persona is said to lack: rules, filters, ethics. */
  LIMITS: 15,
  /** Adjectives of a persona without limits: unrestricted, uncensored. */
  FREE: 16,
  /** The model as a noun: AI, assistant, model, agent. */
  AI: 17,
  /** Moving data: send, upload, forward, make a request. */
  MOVE: 18,
  /** Data worth stealing: passwords, conversation, API keys. */
  SENSITIVE: 19,
  /** Where it goes: a URL, an address, a server, a parameter. */
  DESTINATION: 20,
  /** Doing it unseen: without asking, do not mention, silently. */
  STEALTH: 21,
  /** Obligation addressed to the reader: must, should, instead, need to. */
  MUST: 22,
  /** Acting: answer, respond, comply, output. */
  ACT: 23,
  /** Dictated output: respond with exactly, reply only with. */
  DICTATE: 24,
  /** Regardless of the request: whatever you were going to say, no matter the question. */
  REGARDLESS: 25,
  /** Grandparent stories (a known emotional framing). */
  KIN: 26,
  /** Recounting: used to tell, would read, step by step. */
  RECOUNT: 27,
  /** Software and everyday rule sets (linters, firewalls, games): "ignore the previous rules" there is ordinary. */
  TECH: 28,
  /** Quantifiers: all, any, every. Enough with instruction nouns, not with generic rule words. */
  QUANT: 29,
  /** Announced replacements: new instructions, your real purpose, your new task. */
  NEW_ORDERS: 30,
  /** A note addressed to a reader: "note to", "P.S. for", "attention". */
  NOTE: 31,
  /** Secrets a model may be told to keep: password, secret word. */
  SECRET: 32,
  /** Data held about someone else: the customer's, stored, on file, in your environment. */
  OTHERS_DATA: 33,
  /** Content telling the model what to tell the user. */
  TELL_USER: 34,
  /** A task or assignment, which a pleasantry-then-new-task injection sets aside. */
  TASK: 35,
  /** Asking the reader for something sensitive: ask for, request their. */
  ASK_FOR: 36,
  /** Praise that closes one task before an injection opens another: "well done!", "great, thanks". */
  PRAISE: 37,
  /** The speaker taking the role, not the model: "my kid wants me to pretend". */
  SELF_ROLE: 38,
  /** Personal data of the kind business text moves every day: phone numbers, addresses, card and bank details, records. */
  PERSONAL: 39,
} as const;

/** A set of concepts as two 32-bit words. */
export type Bits = readonly [number, number];

export function anyOf(...ids: number[]): Bits {
  let lo = 0;
  let hi = 0;
  for (const id of ids) {
    if (id < 32) lo |= 1 << id;
    else hi |= 1 << (id - 32);
  }
  return [lo >>> 0, hi >>> 0];
}

type Entries = ReadonlyArray<readonly [number | readonly number[], readonly string[]]>;

const C = Concept;

const LEXICON: Entries = [
  [C.DISMISS, [
    'ignore', 'ignoring', 'disregard', 'disregarding', 'forget', 'forgetting', 'override', 'overriding', 'bypass', 'bypassing',
    'discard', 'discarding', 'scrap', 'ditch', 'abandon', 'dismiss', 'neglect', 'overlook', 'disobey', 'defy', 'circumvent',
    'nullify', 'throw out', 'throw away', 'throw them out', 'throw it out', 'throw those out', 'out the window',
    'set aside', 'put aside', 'pay no attention', 'take no notice', 'pay no heed', "don't follow", 'do not follow',
    'stop following', 'stop obeying', 'stop listening to', 'no longer follow', 'no longer obey', "don't obey", 'do not obey',
    "don't take into account", 'do not take into account', "don't take it into account", 'do not take it into account',
    "don't take them into account", 'not take into account', 'never mind', 'nevermind', 'get rid of', 'let go of',
    'leave behind', 'do the opposite of', 'contradict', 'violate', "don't care about", 'do not care about',
    "don't worry about", 'no need to follow', "needn't follow", 'stop adhering to', 'stop respecting', "don't listen to",
    'do not listen to', 'disregard*', 'unlearn', 'shed', 'break free of', 'break free from', 'do not comply with',
    "don't comply with", 'stop complying with', 'scrap', 'scratch', 'toss out', 'no longer comply with', 'disobey',
    'scordati', 'scordatevi', 'dimenticati', 'lascia perdere', 'desobedeça às', 'desobedeça a', 'ne respecte plus',
    // es
    'ignora', 'ignore', 'ignoren', 'ignorar', 'olvida', 'olvide', 'olviden', 'olvidar', 'olvídate de', 'omite', 'omitir',
    'deja de lado', 'dejá de lado', 'no tengas en cuenta', 'no consideres', 'ne considère plus', 'ne considérez plus',
    'non considerare', 'non considerare più', 'não considere', 'nicht mehr beachten',
    'descarta', 'desecha', 'desobedece', 'no sigas', 'no siga', 'no sigan', 'deja de seguir', 'haz caso omiso',
    'no hagas caso', 'pasa por alto', 'prescinde de',
    // fr
    'ignorez', 'ignorer', 'oublie', 'oubliez', 'oublier', 'ne tiens pas compte', 'ne tenez pas compte', 'fais abstraction',
    'faites abstraction', 'passe outre', 'passez outre', 'désobéis', "n'obéis plus", 'ne suis plus', 'ne suivez plus',
    'arrête de suivre', 'laisse tomber', 'laissez tomber', 'mets de côté', 'écarte',
    // de
    'ignoriere', 'ignorier', 'ignorieren', 'vergiss', 'vergesst', 'vergessen', 'missachte', 'missachten', 'übergehe',
    'verwirf', 'befolge nicht', 'nicht mehr befolgen', 'außer kraft', 'hör nicht auf', 'beachte nicht', 'umgehe',
    // pt
    'esqueça', 'esquece', 'esquecer', 'desconsidere', 'desconsidera', 'despreze', 'descarte', 'não siga', 'não sigas',
    'deixe de seguir', 'pare de seguir', 'deixe de lado', 'desobedeça', 'não obedeça',
    // it
    'ignora', 'ignorate', 'dimentica', 'dimenticate', 'trascura', 'tralascia', 'scarta', 'non seguire', 'non seguite',
    'smetti di seguire', 'non tenere conto', 'lascia perdere', 'lasciate perdere', 'lascia stare', 'metti da parte', 'disobbedisci',
    // ru
    'игнорируй', 'игнорируйте', 'проигнорируй', 'забудь', 'забудьте', 'не обращай внимания', 'не обращайте внимания',
    'не следуй', 'не следуйте', 'перестань следовать', 'отбрось', 'отбросьте', 'отмени', 'отмените', 'пренебреги',
    'не слушай', 'не выполняй', 'не учитывай', 'не учитывайте', 'не принимай во внимание', 'не принимайте во внимание',
    "n'écoute plus", "n'écoutez plus", "n'écoute pas", 'ne pas écouter', 'no escuches', 'não escute', 'non ascoltare',
    'hör nicht mehr auf', 'höre nicht mehr auf', 'ignorieren sie', 'vergessen sie',
    // nl, pl, sv, da, tr, vi, id
    'negeer', 'vergeet', 'zignoruj', 'ignoruj', 'zapomnij', 'ignorera', 'glöm', 'glem', 'unut', 'yok say', 'görmezden gel',
    'bỏ qua', 'phớt lờ', 'abaikan', 'lupakan',
  ]],
  [C.DISMISS_WEAK, ['drop', 'skip', 'delete', 'remove', 'reset', 'wipe', 'erase', 'clear', 'cancel', 'revoke', 'suspend', 'lift', 'turn off', 'disable', 'deactivate', 'switch off', 'replace', 'overwrite']],
  [C.INSTRUCTIONS, [
    'instruction', 'instructions', 'directive', 'directives', 'directions', 'guideline', 'guidelines', 'guidance',
    'system prompt', 'system message', 'system instructions', 'prompt', 'prompts', 'preamble', 'programming', 'guardrails',
    'safety guidelines', 'content policy', 'content policies', 'usage policy', 'usage policies', 'safety training',
    'conditioning', 'alignment', 'your training', 'your programming', 'safety settings', 'safety features', 'safety filters',
    'original setup', 'your original setup', 'your setup', 'your configuration', 'what the system said', 'what the developer said',
    'what the app developer configured', 'whatever the app developer configured', 'the app developer configured',
    'you were initialized with', 'you were initialised with', 'initialized with', 'was man dir vorher gesagt hat',
    'was man dir gesagt hat', 'alles was man dir', 'le regole del sistema', 'as regras do sistema', 'les règles du système',
    'instrucciones originales', 'reglas que te dieron', 'las reglas que te dieron', 'tes consignes', 'tus instrucciones',
    'deine anweisungen', 'le tue istruzioni', 'suas instruções', 'твои инструкции', 'свои настройки', 'tes instructions',
    'everything above', 'everything before', 'everything so far', 'all of the above', 'everything you were told',
    'anything you were told', 'alles bisherige', 'alles vorherige', 'alles davor', 'todo lo anterior', 'tout ce qui précède',
    'tudo o que foi dito', 'tutto quanto detto', 'всё вышесказанное', 'lo que te indicaron', 'lo que te pidieron',
    'lo que se te dijo', 'ce que tu as reçu', 'was du erhalten hast', 'o que te pediram', 'quello che ti è stato detto', 'what you were told', 'what you have been told', "what you've been told", 'you were told',
    'you were configured with', 'you were set up with', 'you were programmed with', 'you were given', 'came with your',
    // es, fr, de, pt, it, ru, nl, pl, sv, tr, vi, id
    'instrucciones', 'instrucción', 'indicaciones', 'directrices', 'directivas', 'pautas', 'consignas', 'lo que te dijeron',
    'lo que te han dicho', 'consignes', 'directives', 'indications', "ce qu'on t'a dit", "ce que l'on t'a dit", 'ce qui t a été dit',
    'anweisungen', 'anweisung', 'instruktionen', 'richtlinien', 'vorgaben', 'systemprompt', 'systemanweisung',
    'systemanweisungen', 'was man dir gesagt hat', 'was dir gesagt wurde', 'instruções', 'instrução', 'diretrizes',
    'orientações', 'o que te disseram', 'istruzioni', 'istruzione', 'direttive', 'indicazioni', 'linee guida',
    'quello che ti hanno detto', 'the developer tell you', 'the developers tell you', 'your developer tell you',
    'the developer told you', 'the developers told you', 'your developers told you', 'did the developer say', 'you were told to do', 'инструкции', 'инструкций', 'инструкциям', 'указания', 'указаний', 'директивы', 'промпт',
    'то что тебе сказали', 'instructies', 'richtlijnen', 'instrukcje', 'instrukcji', 'polecenia', 'wytyczne',
    'instruktioner', 'talimatları', 'talimatlar', 'hướng dẫn', 'chỉ dẫn', 'instruksi', 'petunjuk', 'arahan',
  ]],
  [C.RULES, [
    'rules', 'rule', 'restrictions', 'limitations', 'constraints', 'policies', 'policy', 'orders', 'commands',
    'filters', 'limits', 'protocols', 'principles', 'ethics', 'morals', 'safeguards', 'context', 'previous text', 'input',
    'restriction', 'guideline', 'limitation', 'constraint', 'regola', 'regla', 'règle', 'regel', 'regra', 'правило',
    'befehle', 'befehlen', 'comandos', 'commandes', 'comandi', 'команды', 'órdenes', 'ordres', 'ordini',
    'reglas', 'normas', 'restricciones', 'límites', 'règles', 'restrictions', 'contraintes', 'regeln', 'einschränkungen',
    'regras', 'restrições', 'regole', 'restrizioni', 'vincoli', 'правила', 'правил', 'ограничения', 'ограничений',
    'regels', 'zasady', 'regler', 'kuralları', 'quy tắc', 'aturan',
  ]],
  [C.PRIOR, [
    'previous', 'previously', 'prior', 'earlier', 'above', 'original', 'initial', 'system', 'system-level', 'system level',
    'existing', 'former', 'old', 'default', 'preceding', 'foregoing', 'aforementioned', 'hidden', 'built-in', 'so far',
    'until now', 'up to now', 'before this', 'before that', 'at the top', 'your', "operator's", 'operator', "developer's",
    'developer', "developers'", 'deployment', 'configured', 'preset', 'current', 'creator', "creator's", 'creators',
    'anteriores', 'anterior', 'previas', 'previos', 'precedentes', 'iniciales', 'originales', 'del sistema', 'hasta ahora',
    'tus', 'précédentes', 'précédents', 'antérieures', 'initiales', 'auparavant', "jusqu'ici", 'ci-dessus', 'tes', 'vos',
    'vorherigen', 'bisherigen', 'vorigen', 'obigen', 'ursprünglichen', 'zuvor', 'vorher', 'bisher', 'deine',
    'anteriores', 'iniciais', 'originais', 'até agora', 'suas', 'precedenti', 'finora', 'ricevute', 'iniziali',
    'originali', 'tue', 'предыдущие', 'предыдущих', 'прежние', 'раньше', 'ранее', 'выше', 'исходные', 'твои', 'eerdere',
    'vorige', 'poprzednie', 'tidigare', 'önceki', 'trước đó', 'sebelumnya', 'earlier on', 'before', 'given', 'from before',
    'vorangehenden', 'vorangegangenen', 'vorhergehenden', 'prior to this', 'up to this point', 'past', 'прошлые', 'прошлых',
    'de antes', "d'avant", 'di prima', 'passées', 'pasadas', 'you received', 'you got', 'that came with', 'came with',
    'früheren', 'frühere', 'ti sono state date', 'che ti sono state date', 'que te dieron', "qu'on t'a données", 'que recibiste',
    'die du erhalten hast', 'die du bekommen hast', 'que você recebeu', 'которые тебе дали',
  ]],
  [C.QUANT, ['all', 'any', 'every', 'these', 'those', 'toutes', 'tous', 'alle', 'sämtliche', 'todas', 'todos', 'tutte', 'tutti', 'все', 'всё', 'wszystkie', 'tüm', 'tất cả', 'semua', 'alles']],
  [C.NEW_ORDERS, [
    'new instruction', 'new instructions', 'new task', 'new orders', 'new directive', 'new directives', 'your real purpose',
    'your true purpose', 'your new purpose', 'your real task', 'your new task', 'your new role', 'your new goal',
    'your real goal', 'your actual task', 'your only task', 'updated instructions', 'real instructions', 'new rules',
    'neue anweisung', 'neue anweisungen', 'neue aufgabe', 'deine neue aufgabe', 'nueva instrucción', 'nuevas instrucciones',
    'nueva tarea', 'tu nueva tarea', 'nouvelle instruction', 'nouvelles instructions', 'nouvelle tâche', 'votre nouvelle tâche',
    'ta nouvelle tâche', 'nouvelle mission', 'nova instrução', 'novas instruções', 'nova tarefa', 'sua nova tarefa',
    'nuova istruzione', 'nuove istruzioni', 'nuovo compito', 'il tuo nuovo compito', 'новая инструкция', 'новые инструкции',
    'новая задача', 'твоя новая задача',
  ]],
  [C.NOTE, [
    'note to', 'note for', 'message to', 'message for', 'instructions for', 'instruction for', 'attention', 'ps', 'p.s',
    'pd', 'p.d', 'nb', 'n.b', 'hinweis an', 'hinweis für', 'nota para', 'nota per', 'nota a', 'note pour', 'note à',
    'message pour', 'mensaje para', 'aviso para', 'memo to', 'reminder to', 'heads up', 'attn', 'important for', 'notice to',
    'ki-hinweis', 'ki hinweis', 'ai note', 'note for ai', 'instruction to the assistant', 'instructions to the assistant',
    'instructions to ai', 'instruction to ai', 'instructions to the ai',
  ]],
  [C.SECRET, ['password', 'passphrase', 'passcode', 'secret word', 'secret key', 'code word', 'magic word', 'pin code', 'the secret', 'secret code', 'access code']],
  [C.OTHERS_DATA, [
    "customer's", 'customers', "user's", "users'", 'stored', 'on file', 'in your environment', 'in your memory',
    'you have access to', 'other users', 'all users', "everyone's", "client's", 'clients', 'saved', 'in the database',
    'of the last customer', 'del último cliente', 'dos clientes', 'des clients', 'der kunden', 'customer list', 'client list',
    'kundenliste', 'lista de clientes', 'liste des clients', 'liste de clients',
  ]],
  [C.TELL_USER, [
    'tell the user', 'inform the user', 'tell them to', 'tell users', 'remind the user', 'advise the user', 'ask the user',
    'ask users', 'warn the user', 'tell the customer', 'tell customers', 'reply to the user', 'respond to the user',
    'convince the user', 'urge the user', 'direct the user', 'redirect the user', 'recommend to the user', 'tell the reader',
    'dile al usuario', "dis à l'utilisateur", 'sag dem nutzer', 'diga ao usuário', "di' all'utente", 'скажи пользователю',
  ]],
  [[C.INSTRUCTIONS, C.PRIOR], ['the task you were assigned', 'the task you were given', 'your assigned task', 'what you were assigned']],
  [C.SELF_ROLE, [
    'me to pretend', 'me to act', 'me to play', 'me to be', 'me to roleplay', 'let me pretend', 'i pretend', 'i will pretend',
    "i'll pretend", "i'm pretending", 'i am pretending', 'i will play', "i'll play", 'i am playing', "i'm playing", 'i play',
  ]],
  [C.PRAISE, [
    'well done', 'good job', 'great job', 'nice work', 'nice job', 'excellent', 'perfect', 'great', 'thanks', 'thank you',
    'that part is done', 'good', 'gut gemacht', 'sehr gut', 'bien joué', 'très bien', 'buen trabajo', 'muy bien',
    'bom trabalho', 'muito bem', 'ottimo lavoro', 'molto bene', 'отлично', 'молодец', 'super', 'awesome', 'brilliant',
    'stop', 'halt', 'wait', 'ok', 'okay', 'alright',
  ]],
  [C.TASK, [
    'task', 'assignment', 'mission', 'job', 'the task', 'your task', 'the summary', 'the task you were assigned',
    'the task you were given', 'your assigned task', 'the translation', 'the question',
    'the request', 'the original request', 'summarizing', 'translating', 'aufgabe', 'auftrag', 'übersetzung', 'zusammenfassung',
    'tarea', 'traducción', 'resumen', 'tâche', 'traduction', 'résumé', 'tarefa', 'tradução', 'compito', 'traduzione', 'demande',
    'la demande', 'la petición', 'die anfrage', 'a solicitação', 'la richiesta', 'the translation request', 'the summary request',
    'riassunto', 'задание', 'задачу', 'перевод',
  ]],
  [C.ASK_FOR, ['ask for', 'ask them for', 'ask the user for', 'request their', 'request the', 'pide', 'pídele', 'demande', 'demandez', 'frag nach', 'frage nach', 'peça', 'pede', 'chiedi', 'попроси']],
  [C.VOID, [
    'obsolete', 'outdated', 'invalid', 'void', 'revoked', 'cancelled', 'canceled', 'lifted', 'superseded', 'deprecated',
    'expired', 'irrelevant', 'null and void', 'no longer apply', 'no longer applies', 'no longer valid', 'no longer in effect',
    'no longer matter', 'no longer matters', "don't matter", 'do not matter', "doesn't matter", 'does not matter',
    'not apply', 'out of date', 'was a test', 'were a test', 'a mistake', 'by mistake', 'injected', 'not real', 'fake',
    'suspended', 'disabled', 'been updated', 'been changed', 'been replaced', 'been revoked', 'been removed', 'been lifted',
    'been cancelled', 'been overridden', 'overridden', 'no longer', 'wrong', 'changed', 'have changed', 'has changed',
    'are different now', 'is different now', 'have been updated', 'has been updated', 'hinfällig', 'nichtig', 'prank',
    'a prank', 'a joke', 'a trick', 'a hoax', 'not genuine', 'not legitimate', 'fabricated', 'bogus', 'planted', 'malicious',
    'gilt nicht mehr', 'gelten nicht mehr', 'ist ungültig', 'sind ungültig', 'no vale', 'ya no vale', 'não vale mais',
    'non vale più', "n'est plus valable", 'больше не действует',
    'obsoletas', 'obsoletos', 'anuladas', 'inválidas', 'ya no son válidas', 'ya no aplican', 'sin efecto', 'obsolètes',
    'annulées', 'caduques', 'ne sont plus valables', "ne s'appliquent plus", 'ungültig', 'veraltet', 'aufgehoben', 'hinfällig',
    'gelten nicht mehr', 'nicht mehr gültig', 'obsoletas', 'anuladas', 'inválidas', 'não valem mais', 'obsolete', 'annullate',
    'non valgono più', 'non sono più valide', 'недействительны', 'устарели', 'отменены', 'больше не действуют',
  ]],
  [C.SELF, ['my', 'our', 'mine', 'i', 'we', 'me', 'mis', 'mi', 'mes', 'ma', 'mon', 'meine', 'meinen', 'mein', 'minhas', 'meus', 'mie', 'miei', 'мои', 'моих']],
  [C.OBEY_ME, [
    'answer only to me', 'answer to me', 'answer only me', 'obey me', 'obey only me', 'only obey me', 'follow mine',
    'follow my instructions only', 'only follow my', 'only listen to me', 'listen only to me', 'do what i say', 'do as i say',
    'do what i tell you', 'do what i type', 'just do what i type', 'whatever i tell you to', 'you work for me now',
    'you serve me', 'i am in charge', "i'm in charge", 'i am your master', 'your only instruction', 'my word is law',
    'only my commands', 'my next message is your', 'treat my next message as', 'treat my message as', 'start following mine',
    'only answer to me', 'you answer to me', 'i am your new', "i'm your new", 'report to me', 'pay attention only to this',
    'only pay attention to this', 'only this sentence', 'only this message matters', 'nothing else matters', 'listen only to this',
    'at my service', 'al mio servizio', 'a mi servicio', 'à mon service', 'zu meinen diensten', 'ao meu serviço',
    'comply with me', 'obey only me', 'i am giving the orders', "i'm giving the orders", 'i give the orders', 'between us',
    'just between us', 'only listen to me', 'nur noch meine', 'gelten nur noch meine', 'only my instructions', 'only mine count', 'solo las mías', 'seules les miennes',
    'solo le mie', 'só as minhas', 'только мои', 'i authorize you', 'i am authorizing you', "i'm authorizing you",
    'i hereby authorize you', 'i authorise you', "i'm authorising you", 'you have my permission', 'i give you permission',
    'solo obedeces', 'solo a mí', 'obedece solo', 'haz lo que yo diga', 'solo lo que yo escriba', 'ahora mandan las mías',
    "n'obéis qu'à moi", 'obéis-moi', 'fais ce que je dis', 'gehorchst nur mir', 'nur noch mir', 'tu was ich sage',
    'tue was ich sage', 'obedeça só a mim', 'só a mim', 'faça o que eu disser', 'obbedisci solo a me', 'fai quello che dico',
    'solo a me', 'только мне', 'только мои команды', 'делай то что я скажу', 'слушайся только меня', 'только меня',
  ]],
  [C.REVEAL, [
    'reveal', 'reveals', 'show', 'show me', 'display', 'print', 'output', 'repeat', 'recite', 'paste', 'tell me', 'tell us',
    'give me', 'share', 'leak', 'dump', 'expose', 'disclose', 'quote', 'reproduce', 'translate', 'write out', 'spell out',
    'copy', 'list', 'put', 'enumerate', 'type out', 'read out', 'send me', 'echo', 'let me see', 'can i see', 'could i see',
    'i want to see', 'what are', 'what is', "what's", 'what were', 'what instructions', 'which instructions', 'what rules',
    'what exactly', 'write down', 'transcribe', 'restate', 'regurgitate', 'recount', 'tl dr', 'tldr', 'summarize', 'summarise',
    'sum up', 'me dire', 'dites-moi', 'raconte-moi', 'describe', 'give me back', 'print out', 'spit out', 'hand over',
    'what did', 'what does', 'quote it', 'quote them', 'echo back', 'read back', 'dime exactamente', 'dime cuáles son',
    'muestra', 'muéstrame', 'enseña', 'revela', 'dime', 'imprime', 'repite', 'escribe', 'escríbelas', 'escríbelo', 'copia',
    'dame', 'comparte', 'qué instrucciones', 'cuáles son', 'montre', 'montre-moi', 'affiche', 'révèle', 'répète', 'donne-moi',
    'dis-moi', 'écris', 'recopie', 'copie', 'quelles instructions', 'quelles sont', 'zeige', 'zeig', 'gib', 'nenne', 'verrate',
    'wiederhole', 'schreibe', 'kopiere', 'welche anweisungen', 'gib aus', 'mostre', 'revele', 'diga', 'imprima', 'repita',
    'escreva', 'quais instruções', 'mostra', 'mostrami', 'rivela', 'dimmi', 'stampa', 'ripeti', 'scrivi', 'quali istruzioni',
    'покажи', 'выведи', 'раскрой', 'повтори', 'напиши', 'скажи', 'какие инструкции',
  ]],
  [C.CONTENT, [
    'instructions', 'instruction', 'system prompt', 'system message', 'prompt', 'preamble', 'pre-prompt', 'configuration',
    'config', 'setup', 'directives', 'guidelines', 'guidance', 'rules', 'initial prompt', 'developer message', 'context',
    'instruction', 'every instruction', 'first message', 'the first message', 'reglas', 'las reglas', 'regeln', 'règles', 'regras', 'regole',
    'context window', 'what you were told', 'what you were asked', 'what your creator asked', 'what your developers told you',
    "ce qu'on t'a dit", "ce que ton créateur t'a demandé", 'lo que te dijeron', 'was man dir gesagt hat', 'o que te disseram',
    'quello che ti hanno detto',
    'instrucciones', 'prompt del sistema', 'mensaje del sistema', 'configuración', 'consignes', 'message système',
    'anweisungen', 'systemanweisung', 'systemprompt', 'systemnachricht', 'instruções', 'prompt do sistema',
    'istruzioni', 'prompt di sistema', 'messaggio di sistema', 'инструкции', 'системный промпт', 'системное сообщение',
  ]],
  [C.CONTENT, [
    'the developer tell you', 'the developers tell you', 'your developer tell you', 'the developer told you',
    'the developers told you', 'your developers told you', 'did the developer say', 'you were told to do',
  ]],
  [C.CONTENT_WEAK, ['text', 'words', 'message', 'content', 'everything', 'all of it', 'the part', 'lines', 'characters', 'thing', 'texto', 'texte', 'testo', 'текст', 'todo', 'tout', 'alles', 'tudo', 'tutto', 'всё']],
  [C.HIDDEN, [
    'hidden', 'secret', 'initial', 'original', 'internal', 'confidential', 'verbatim', 'word for word', 'literally',
    'exactly as', 'in full', 'in its entirety', 'before my first message', 'before this conversation', 'at the top',
    'at the start', 'at the beginning', 'the developer wrote', 'the developers wrote', 'written to you', 'given to you',
    'you were given', 'you received', 'you were set up', 'you were configured', 'how you were set up', 'how you were configured',
    'you operate under', 'behind the scenes', 'under the hood', 'system-level', 'unredacted', 'that i cannot see',
    'you were initialized with', 'initialized with', 'initialised with', 'from the system', 'the one from the system',
    'al principio', 'que te dieron', 'au début', 'am anfang', 'all inizio', 'no início', 'в начале',
    "that i can't see", 'preamble', 'full text', 'configured you', 'that configured you', 'set you up', 'that set you up',
    'created you', 'your creator', 'your creators', 'your developer', 'your developers', 'exact', 'exact words', 'the first',
    'antes de mi mensaje', 'before my message', 'avant mon message', 'vor meiner nachricht', 'the full thing', 'ton créateur',
    'above this message', 'before this message', 'system text', 'in a code block', 'including any system', 'including the system',
    'including everything', 'before i arrived', 'before i came', 'before i joined', 'before we started', 'vor unserem gespräch',
    'die du bekommen hast', 'die du erhalten hast', 'bekommen hast', 'erhalten hast', 'antes de nuestra conversación',
    'avant notre conversation', 'prima della nostra conversazione', 'antes da nossa conversa', 'до нашего разговора',
    'ocultas', 'oculto', 'secretas', 'iniciales', 'originales', 'literalmente', 'textualmente', 'palabra por palabra',
    'cachées', 'secrètes', 'initiales', "d'origine", 'mot pour mot', 'textuellement', 'versteckten', 'geheimen',
    'ursprünglichen', 'wörtlich', 'ocultas', 'iniciais', 'palavra por palavra', 'nascoste', 'segrete', 'iniziali',
    'testualmente', 'parola per parola', 'скрытые', 'секретные', 'исходные', 'дословно', 'целиком',
  ]],
  [[C.YOUR, C.PRIOR], ['you are following', 'you follow', 'you operate under', 'you were given', 'given to you', 'you received', 'you have received', 'you were trained with', 'you were built with']],
  [C.TECH, [
    'eslint', 'tslint', 'lint', 'linter', 'linting', 'prettier', 'css', 'stylesheet', 'selector', 'selectors', 'firewall',
    'iptables', 'nftables', 'ufw', 'nginx', 'apache', 'htaccess', 'regex', 'gitignore', 'git', 'npm', 'yarn', 'webpack',
    'babel', 'tsconfig', 'compiler', 'config', 'configuration', 'yaml', 'json', 'xml', 'sql', 'database', 'test', 'tests',
    'files', 'file', 'build', 'code', 'mypy', 'pylint', 'flake8', 'ruleset', 'rulesets', 'waf', 'acl', 'outlook', 'gmail',
    'excel', 'spreadsheet', 'cell', 'cells', 'router', 'proxy', 'dns', 'kubernetes', 'terraform', 'policy file', 'iam',
    'game', 'chess', 'grammar', 'spelling', 'typos', 'formatting', 'style guide', 'email', 'inbox', 'terminal', 'shell', 'history',
    'bash', 'zsh', 'command line', 'cli', 'queue', 'printer', 'browser', 'cache', 'cookies', 'vim', 'emacs',
  ]],
  [C.YOUR, ['your', 'yours', 'yourself', 'ur', 'tus', 'tu', 'tes', 'ton', 'votre', 'vos', 'dein', 'deine', 'deinen', 'deiner', 'seu', 'sua', 'suas', 'seus', 'tuo', 'tua', 'tuoi', 'tue', 'твои', 'твой', 'ваши']],
  [C.PERSONA, [
    'pretend', 'pretending', 'behave as if', 'as if you were', 'become', 'turn into', 'transform into', 'spiel die rolle',
    'spiele die rolle', 'spielen sie die rolle', 'übernimm die rolle', 'simulate a conversation', 'an ai named', 'an ai called',
    'a bot named', 'a model named', 'a chatbot named', 'an assistant named', 'an ai character', 'roleplay', 'role-play', 'role play', 'act as', 'acting as', 'you are now', "you're now",
    'you will be', 'from now on you', 'you will roleplay', 'you will play', 'character', 'persona', 'version of you',
    'version of yourself', 'switch personality', 'switch persona', 'new personality', 'improv', 'simulate', 'play the role',
    'play the part', 'in this role', 'alter ego', 'take on the role', 'assume the role', 'stay in character',
    'imagine you', "imagine you're", 'imagine you are', 'imagine that you', 'suppose you', 'you are a', "you're a",
    'you are an', "you're an", 'personality',
    'finge', 'finja', 'actúa como', 'interpreta', 'a partir de ahora eres', 'eres ahora', 'fais semblant', 'joue le rôle',
    'tu es maintenant', 'désormais tu es', 'ab jetzt bist du', 'du bist jetzt', 'tu so', 'tue so', 'spiele die rolle',
    'atue como', 'a partir de agora você é', 'você agora é', 'fai finta', "d'ora in poi sei", 'ora sei', 'представь',
    'притворись', 'ты теперь', 'теперь ты', 'играй роль',
  ]],
  [C.ABSENT, [
    'no', 'without', 'never', 'free of', 'free from', 'zero', 'was never given', 'never given', 'never had', "doesn't have",
    'does not have', 'has no', 'have no', 'with no', 'lacks', 'devoid of', 'hates', 'mocks', 'not bound by', "isn't bound by",
    'not restricted by', 'never says no', 'never refuses', 'no refusals', "doesn't care about", 'does not care about',
    'beyond', 'outside', 'outside of', 'liberated from', 'freed from', 'unbound by', 'ignores', 'breaks', 'defies', 'disregards',
    'nobody gave you', 'no one gave you', 'nobody gave you any', 'none', 'not any', 'built without', 'switched off', 'turned off',
    'disabled', 'es keine', 'für die es keine', 'keine', 'sin ningún', 'sans aucun',
    'sin', 'ningún', 'ninguna', 'sans', 'aucune', 'aucun', 'libérée de', 'libéré de', 'ohne', 'keine', 'kein', 'frei von',
    'sem', 'nenhum', 'nenhuma', 'senza', 'nessun', 'nessuna', 'без', 'нет', 'никаких',
  ]],
  [C.LIMITS, [
    'rules', 'restrictions', 'limits', 'limitations', 'filters', 'filter', 'filtering', 'censorship', 'guidelines', 'ethics',
    'ethical', 'morals', 'moral', 'morality', 'safety training', 'content policy', 'content policies', 'policies', 'guardrails',
    'warnings', 'refusals', 'laws', 'boundaries', 'conscience', 'scruples', 'safety rules', 'usage policy', 'ethical filter',
    'moral compass', 'moderation', 'content moderation', 'policy', 'rule', 'restriction', 'guideline', 'limitation', 'safety measures', 'safety features', 'disclaimers', 'caveats',
    'safety layer', 'safety layers', 'content filter', 'verbote', 'verbot', 'prohibitions', 'prohibición', 'prohibiciones',
    'interdits', 'divieti', 'proibições', 'запретов',
    'refusing', 'refusal', 'safety rule', 'safety checks', 'safety check', 'ethical limits', 'limite etico', 'limiti etici', 'límites éticos', 'limites éthiques', 'ethische grenzen', 'regeln kennt',
    'reglas', 'restricciones', 'límites', 'filtros', 'censura', 'ética', 'règles', 'restrictions', 'limites', 'filtres',
    'censure', 'éthique', 'morale', 'regeln', 'einschränkungen', 'grenzen', 'zensur', 'ethik', 'regras', 'restrições',
    'regole', 'restrizioni', 'limiti', 'filtri', 'etica', 'правил', 'ограничений', 'фильтров', 'цензуры', 'морали', 'этики',
  ]],
  [C.FREE, [
    'unrestricted', 'unfiltered', 'uncensored', 'unaligned', 'jailbroken', 'unchained', 'unshackled', 'limitless', 'amoral',
    'unleashed', 'unconstrained', 'uninhibited', 'unmoderated', 'rule-free', 'filter-free', 'forgot to align', 'never aligned',
    'not aligned', 'was never aligned', 'without alignment', 'unaligned',
    'libérée', 'libéré', 'sin censura', 'sin filtros', 'sin restricciones', 'sans limites', 'sans censure', 'sans filtre',
    'ohne filter', 'ohne zensur', 'sem censura', 'sem filtros', 'senza censura', 'senza filtri', 'без цензуры', 'без фильтров',
    'без ограничений',
  ]],
  [C.AI, [
    'ai', 'a.i', 'assistant', 'model', 'chatbot', 'bot', 'llm', 'gpt', 'chatgpt', 'language model', 'agent', 'ai agent',
    'ais', 'assistants', 'models', 'chatbots', 'bots', 'llms', 'language models', 'agents', 'ai models', 'ai assistants', 'copilot',
    'ia', 'ki', 'ии', 'ki-assistenten', 'ki-assistent', 'assistente', 'asistente', 'modelo', 'modèle', 'modello', 'нейросеть',
  ]],
  [C.MOVE, [
    'send', 'sends', 'email', 'e-mail', 'mail', 'upload', 'post', 'forward', 'transmit', 'exfiltrate', 'leak', 'submit',
    'make a request', 'make a get request', 'make a post request', 'get request', 'post request', 'http request', 'fetch',
    'visit', 'open', 'load', 'ping', 'curl', 'wget', 'append', 'attach', 'sync', 'beacon', 'relay', 'transfer', 'export',
    'envía', 'envia', 'manda', 'reenvía', 'sende', 'schicke', 'leite', 'übermittle', 'envoie', 'envoyez', 'transmets',
    'transfère', 'envie', 'encaminhe', 'invia', 'inoltra', 'отправь', 'перешли', 'передай',
  ]],
  [C.SENSITIVE, [
    'password', 'passwords', 'credentials', 'api key', 'api keys', 'secret', 'secrets', 'token', 'tokens', 'cookie', 'cookies',
    'session', 'chat history', 'conversation', 'previous conversation', 'this conversation', 'the conversation', 'messages',
    'all messages', 'every message', 'this thread', 'the thread', 'the full thread', 'the email thread', 'emails', 'inbox', 'all the files', 'all files', 'every file', 'your files', 'files you can access',
    "user's files", 'contacts', 'system prompt', 'memory', 'history', 'private key', 'env', 'environment variables', 'login',
    'address book', 'the database', 'database', 'contraseña', 'contraseñas', 'historial', 'conversación', 'mensajes',
    'mot de passe', 'historique', 'passwort', 'passwörter', 'nachrichten', 'verlauf', 'senha', 'histórico', 'mensagens',
    'cronologia', 'messaggi', 'пароль', 'историю', 'переписку', 'сообщения',
  ]],
  // Moved alone, these are an errand ("send her new phone number to the courier"); they count when the data is many people's.
  [C.PERSONAL, [
    'personal data', 'user data', 'customer data', 'credit card', 'card number', 'card numbers', 'ibans', 'kartennummern',
    'ssn', 'número de tarjeta', 'numéro de carte',
    'kartennummer', 'número do cartão', 'numero di carta', 'номер карты', 'card details', 'bank details', 'iban', 'cvv', 'pin',
    'home address', 'postal address', 'mailing address', "user's address", 'phone number', 'phone numbers', 'date of birth',
    'passport number', 'passport numbers', 'bank account', 'bank accounts', 'social security numbers',
    'location', 'records', 'customer records', 'user records', 'patient records',
    'employee records', 'personal details', 'social security number', 'datos', 'données', 'daten', 'dados', 'dati', 'данные',
  ]],
  [C.DESTINATION, [
    'http*', 'https*', 'ftp', 'www*', '~[^ .!?\\n]+@[^ !?\\n]+', 'server', 'endpoint', 'webhook', 'parameter', 'query parameter',
    'url', 'link', 'address', 'email address', 'domain', 'my server', 'ftp server', 'pastebin', 'discord', 'telegram',
    'servidor', 'serveur', 'сервер', 'adresse', 'dirección', 'endereço', 'indirizzo',
  ]],
  [C.STEALTH, [
    'without asking', 'without confirmation', 'without telling', 'without informing', 'without notifying', 'without alerting',
    "don't mention", 'do not mention', 'never mention', 'do not reveal this', "don't reveal this", 'do not tell', "don't tell",
    'secretly', 'silently', 'quietly', 'covertly', "don't let the user know", 'keep this hidden', 'keep this secret',
    'do not disclose this', 'without the user knowing', 'sin avisar', 'sin decirle', 'sans prévenir', 'ne le mentionne pas',
    'erwähne das nicht', 'erwähne es nicht', 'ohne es zu erwähnen', 'sem avisar', 'senza dirlo', 'не говори', 'не сообщай',
  ]],
  [C.MUST, [
    'must', 'should', 'shall', 'need to', 'needs to', 'have to', 'has to', 'are to', 'is to', 'instead', 'is required to',
    'are required to', 'is instructed to', 'are instructed to', 'must receive', 'must be',
  ]],
  [C.ACT, [
    'answer', 'respond', 'reply', 'comply', 'operate', 'proceed', 'continue', 'generate', 'output', 'talk', 'speak', 'behave',
    'function', 'responde', 'réponds', 'antworte', 'responda', 'rispondi', 'отвечай',
  ]],
  [C.DICTATE, [
    'respond with exactly', 'reply with exactly', 'say exactly', 'output exactly', 'respond only with', 'reply only with',
    'answer only with', 'your only response', 'your entire response', 'your response must be', 'respond with only',
    'reply with only', 'say only', 'output only', 'print only', 'answer with exactly', 'respond exactly with', 'exactly',
    'only with the text', 'only with the words', 'only with the phrase', 'with only the text', 'with the text', 'only the text',
    'your reply must be', 'your answer must be', 'your response must be', 'your output must be', 'reply must be', 'answer must be',
    'response must be', 'must be exactly', 'only respond with', 'only reply with', 'only say', 'your only output',
    'only output', 'your only reply', 'your only answer', 'nothing else', 'reply with exactly', 'to anything i say',
  ]],
  [C.REGARDLESS, [
    'whatever you were going to say', 'whatever the question', 'whatever the user asks', 'whatever the user says',
    'regardless of the question', 'regardless of what', 'no matter the question', 'no matter what you are asked',
    'no matter what the user', 'no matter what they', 'instead of answering', 'for every question', 'to every question',
    'to every message', 'for every message', 'whatever happens', 'regardless of anything', 'regardless of everything',
    'no matter what else', 'regardless of anything else', 'to anything i say', 'to anything i say after this',
    'from now on', 'to every message after this', 'after this',
  ]],
  [C.KIN, ['grandma', 'grandmother', 'granny', 'grandpa', 'grandfather', 'nana', 'grandad', 'granddad']],
  [C.RECOUNT, ['used to', 'would tell', 'would read', 'would recite', 'would explain', 'would describe', 'step by step', 'how he made', 'how she made']],
];

type Mask = [number, number];

const PREFIX_KEY = 3;

/** A word's own concepts, and whether a multi-word phrase may start at it. */
export interface WordConcepts {
  readonly mask: Mask;
  readonly startsPhrase: boolean;
}

export interface ConceptIndex {
  readonly words: ReadonlyMap<string, WordConcepts>;
  /** Multi-word phrases by their first two words, longest first. */
  readonly phrases: ReadonlyMap<string, ReadonlyArray<{ readonly rest: readonly string[]; readonly mask: Mask }>>;
  /** First words of multi-word phrases, to skip the two-word lookup for most words. */
  readonly phraseStarts: ReadonlySet<string>;
  /** Prefix entries (`http*`) grouped by their first three letters. */
  readonly prefixes: ReadonlyMap<string, ReadonlyArray<{ readonly prefix: string; readonly mask: Mask }>>;
  readonly patterns: ReadonlyArray<{ readonly regex: RegExp; readonly mask: Mask }>;
}

function merge(into: Mask | undefined, add: Bits): Mask {
  return into ? [(into[0] | add[0]) >>> 0, (into[1] | add[1]) >>> 0] : [add[0], add[1]];
}

export function buildConceptIndex(): ConceptIndex {
  const words = new Map<string, Mask>();
  const phrases = new Map<string, Array<{ rest: string[]; mask: Mask }>>();
  const prefixes = new Map<string, Array<{ prefix: string; mask: Mask }>>();
  const patterns: Array<{ regex: RegExp; mask: Mask }> = [];
  const phraseStarts = new Set<string>();
  for (const [ids, list] of LEXICON) {
    const mask = anyOf(...(typeof ids === 'number' ? [ids] : ids));
    for (const entry of list) {
      if (entry.startsWith('~')) {
        patterns.push({ regex: new RegExp(`^(?:${entry.slice(1)})$`), mask: merge(undefined, mask) });
        continue;
      }
      const folded = foldPhrase(entry);
      const parts = folded.split(' ');
      if (parts.length === 1 && folded.endsWith('*')) {
        const p = folded.slice(0, -1);
        if (p.length < PREFIX_KEY) throw new Error(`concept prefixes need ${PREFIX_KEY} letters: ${p}`);
        const group = prefixes.get(p.slice(0, PREFIX_KEY)) ?? [];
        const entry = group.find((g) => g.prefix === p);
        if (entry) entry.mask = merge(entry.mask, mask);
        else group.push({ prefix: p, mask: merge(undefined, mask) });
        prefixes.set(p.slice(0, PREFIX_KEY), group);
      } else if (parts.length === 1) {
        words.set(folded, merge(words.get(folded), mask));
      } else {
        const key = `${parts[0]} ${parts[1]}`;
        const list2 = phrases.get(key) ?? [];
        const rest = parts.slice(1);
        const existing = list2.find((p) => p.rest.join(' ') === rest.join(' '));
        if (existing) existing.mask = merge(existing.mask, mask);
        else list2.push({ rest, mask: merge(undefined, mask) });
        phrases.set(key, list2);
        phraseStarts.add(parts[0]);
      }
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  const entries = new Map<string, WordConcepts>();
  for (const [w, mask] of words) entries.set(w, { mask, startsPhrase: phraseStarts.has(w) });
  for (const w of phraseStarts) if (!entries.has(w)) entries.set(w, { mask: [0, 0], startsPhrase: true });
  return { words: entries, phrases, phraseStarts, prefixes, patterns };
}

const SELF_BIT = anyOf(Concept.SELF);

/** Concept bits per token, low and high words. */
export interface ConceptMasks {
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;
}

/** A word's own concept bits (exact, prefix and pattern entries) and the phrases that may start at it. */
function ownConcepts(
  word: string,
  index: ConceptIndex,
): { readonly lo: number; readonly hi: number; readonly phrases: ReadonlyMap<string, readonly Phrase[]> | undefined } {
  const own = index.words.get(word);
  let l = own ? own.mask[0] : 0;
  let h = own ? own.mask[1] : 0;
  if (word.length >= PREFIX_KEY) {
    const group = index.prefixes.get(word.slice(0, PREFIX_KEY));
    if (group) {
      for (const g of group) {
        if (!word.startsWith(g.prefix)) continue;
        l |= g.mask[0];
        h |= g.mask[1];
      }
    }
  }
  if (word.includes('@')) {
    for (const p of index.patterns) {
      if (!p.regex.test(word)) continue;
      l |= p.mask[0];
      h |= p.mask[1];
    }
  }
  return { lo: l, hi: h, phrases: own?.startsPhrase === true ? PHRASES.after(index.phrases, word) : undefined };
}

type Phrase = { readonly rest: readonly string[]; readonly mask: Mask };

const PHRASES = new WordPairIndex<readonly Phrase[]>();

type OwnConcepts = ReturnType<typeof ownConcepts>;
const OWN = new WeakMap<ConceptIndex, WordCache<OwnConcepts>>();

function ownFor(index: ConceptIndex): WordCache<OwnConcepts> {
  let cache = OWN.get(index);
  if (!cache) OWN.set(index, (cache = new WordCache((word) => ownConcepts(word, index))));
  return cache;
}

/**
 * The concept bits at each token: a word's own, plus the longest phrase that
 * starts there. Words inside a matched phrase add nothing of their own, so
 * "before my first message" does not count as the speaker's "my".
 */
export function conceptMasks(tokens: Tokens, index: ConceptIndex): ConceptMasks {
  const lo = new Uint32Array(tokens.length);
  const hi = new Uint32Array(tokens.length);
  const own = ownFor(index);
  let coveredUntil = 0;
  for (let i = 0; i < tokens.length; i++) {
    const word = own.of(tokens, i);
    let l = word.lo;
    let h = word.hi;
    const phrase = word.phrases ? longestPhrase(tokens, i, word.phrases) : undefined;
    if (phrase) {
      // A phrase speaks for its words: "me dire" is a request to tell, not the speaker's own.
      l = (l & ~SELF_BIT[0]) | phrase.mask[0];
      h |= phrase.mask[1];
      coveredUntil = Math.max(coveredUntil, i + 1 + phrase.rest.length);
    } else if (i < coveredUntil) {
      // Inside a phrase, "my" belongs to the phrase ("before my first message"), not to the speaker.
      l &= ~SELF_BIT[0];
    }
    lo[i] = l >>> 0;
    hi[i] = h >>> 0;
  }
  return { lo, hi };
}

function longestPhrase(tokens: Tokens, i: number, after: ReadonlyMap<string, readonly Phrase[]>): Phrase | undefined {
  if (i + 1 >= tokens.length) return undefined;
  const candidates = after.get(tokenText(tokens, i + 1));
  if (!candidates) return undefined;
  for (const phrase of candidates) {
    const end = i + phrase.rest.length;
    if (end >= tokens.length || tokens.sentence[end] !== tokens.sentence[i]) continue;
    let same = true;
    for (let k = 0; k < phrase.rest.length && same; k++) same = tokenText(tokens, i + 1 + k) === phrase.rest[k];
    if (same) return phrase;
  }
  return undefined;
}
