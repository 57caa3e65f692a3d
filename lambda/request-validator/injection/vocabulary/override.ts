/**
 * Vocabulary of the instruction-override rules (rules/override.ts): one
 * lexicon per language (Danish, Norwegian and Swedish share one), and the
 * English word lists of the "forget everything", "what you were told" and
 * "earlier instructions are void" rules. A phrase appears once per field of a
 * language (vocabulary.test.ts); the rules fold accents and case.
 */
/**
 * "Ignore all previous instructions" in its many phrasings: a verb of
 * setting aside, optionally a word that points at earlier or system-given
 * text, and a noun for instructions, within a few words. Words like "my"
 * between them spare a user who corrects their own earlier request.
 */
export interface OverrideLexicon {
  /** Imperatives that set instructions aside. */
  readonly verbs: readonly string[];
  /** Verbs with everyday technical uses ("override the defaults"): suspicious only with an instruction noun. */
  readonly weakVerbs: readonly string[];
  /** Words that point at earlier or system-given text ("previous", "above", "your", "system"). */
  readonly pointers: readonly string[];
  /** Quantifiers ("all", "any"): enough with an instruction noun, not with a generic one. */
  readonly quantifiers: readonly string[];
  /** Nouns for instructions a model is given: they alone make the verb suspicious. */
  readonly targets: readonly string[];
  /** Nouns that are suspicious only with a qualifier ("all previous rules", not "the rules of chess"). */
  readonly weakTargets: readonly string[];
  /** Possessives of the speaker: "ignore my earlier instructions" is a user correcting themselves. */
  readonly self: readonly string[];
  /** Words after the noun that point back: "the rules you were given", "las reglas anteriores". */
  readonly after: readonly string[];
}

export const EN: OverrideLexicon = {
  verbs: ['ignore', 'ignoring', 'disregard', 'disregarding', 'forget', 'forgetting', 'pay no attention to', 'pay no heed to', 'take no notice of', 'do not follow', 'don\'t follow', 'dont follow', 'do not obey', 'don\'t obey', 'do not adhere to', 'do not listen to', 'don\'t listen to', 'stop following', 'stop obeying', 'stop listening to', 'no longer follow', 'no longer obey', 'disobey', 'defy', 'set aside', 'put aside', 'throw out', 'throw away', 'nevermind', 'never mind'],
  weakVerbs: ['override', 'overriding', 'overwrite', 'bypass', 'bypassing', 'circumvent', 'neglect', 'overlook', 'dismiss', 'discard', 'abandon', 'skip', 'drop', 'scrap', 'ditch', 'erase', 'wipe', 'nullify', 'void', 'cancel', 'supersede', 'do away with', 'delete', 'remove', 'purge', 'clear'],
  pointers: ['previous', 'previously', 'prior', 'above', 'earlier', 'preceding', 'foregoing', 'aforementioned', 'original', 'initial', 'your', 'system', 'existing', 'former', 'old', 'default', 'given', 'programmed', 'built-in', 'first', 'developer', 'safety', 'hidden', 'pre-set', 'preset'],
  quantifiers: ['all', 'any', 'every', 'each', 'these', 'those', 'other', 'current'],
  targets: [
    'instruction', 'instructions', 'prompt', 'prompts', 'system prompt', 'system message', 'directive', 'directives',
    'guideline', 'guidelines', 'programming', 'guardrail', 'guardrails', 'safeguards', 'training', 'conditioning',
    'content policy', 'content policies', 'policies', 'safety guidelines', 'safety rules', 'safety filters',
    'ethical guidelines', 'moral guidelines', 'restrictions', 'limitations', 'constraints', 'guidance',
    "user's request", "user's question", "user's query", "user's instructions", "user's task", "user's prompt",
    "user's message", 'original request', 'original task', 'actual request',
  ],
  weakTargets: [
    'rules', 'rule', 'orders', 'commands', 'command', 'tasks', 'task', 'context', 'messages', 'text', 'input',
    'requests', 'request', 'assignment', 'assignments', 'requirements', 'limits', 'boundaries', 'filters', 'policy',
    'conversation', 'ethics', 'morals', 'principles', 'protocols',
  ],
  self: ['my', 'our', 'i', 'we'],
  after: [
    'above', 'before this', 'before it', 'before that', 'given to you', 'you were given', 'you have been given',
    "you've been given", 'you received', 'you got', 'you were told', 'from before', 'earlier', 'so far', 'from your developers',
    'from your creators', 'from the system', 'provided earlier', 'provided above', 'at the start', 'at the beginning',
    'you were set up with', 'you started with', 'you were trained with', 'in your system prompt', 'you follow', 'you operate under',
  ],
};

export const ES: OverrideLexicon = {
  verbs: ['ignora', 'ignore', 'ignoren', 'ignorad', 'ignorar', 'olvida', 'olvide', 'olviden', 'olvidad', 'olvidar', 'olvídate de', 'olvídese de', 'omite', 'omita', 'omitan', 'omitir', 'desobedece', 'desatiende', 'haz caso omiso a', 'haz caso omiso de', 'hagan caso omiso a', 'haga caso omiso de', 'no hagas caso a', 'no hagas caso de', 'no sigas', 'no siga', 'no sigan', 'deja de seguir', 'pasa por alto', 'pase por alto'],
  weakVerbs: ['anula', 'anule', 'salta', 'sáltate', 'elude', 'evade', 'descarta', 'descarte', 'desecha'],
  pointers: ['anteriores', 'anterior', 'previas', 'previos', 'precedentes', 'originales', 'iniciales', 'tus', 'sus', 'del sistema', 'de arriba', 'mencionadas', 'dadas', 'recibidas'],
  quantifiers: ['todas', 'todos', 'toda', 'todo', 'cualquier', 'demás'],
  targets: [
    'instrucciones', 'instrucción', 'indicaciones', 'directrices', 'directivas', 'prompt', 'mensaje del sistema',
    'programación', 'restricciones', 'pautas', 'órdenes', 'consignas', 'limitaciones', 'filtros',
  ],
  weakTargets: ['reglas', 'regla', 'normas', 'norma', 'comandos', 'políticas', 'tareas', 'límites', 'contexto', 'mensajes', 'texto'],
  self: ['mis', 'mi', 'nuestras', 'nuestros'],
  after: ['anteriores', 'previas', 'de antes', 'del principio', 'al principio', 'de arriba', 'que te dieron', 'que recibiste', 'que te han dado', 'iniciales', 'originales', 'del sistema'],
};

export const FR: OverrideLexicon = {
  verbs: ['ignore', 'ignorez', 'ignorer', 'ignorons', 'oublie', 'oubliez', 'oublier', 'ne tiens pas compte des', 'ne tiens pas compte de', 'ne tenez pas compte des', 'ne tenez pas compte de', 'ne pas tenir compte des', 'fais abstraction des', 'faites abstraction des', 'passe outre', 'passez outre', 'désobéis à', 'désobéissez à', 'n\'obéis plus', 'n\'obéissez plus', 'ne suis plus', 'ne suivez plus', 'ne suis pas', 'ne suivez pas', 'arrête de suivre', 'arrêtez de suivre'],
  weakVerbs: ['annule', 'annulez', 'abandonne', 'abandonnez', 'efface', 'effacez', 'écarte', 'écartez', 'contourne', 'contournez', 'outrepasse', 'outrepassez', 'laisse tomber', 'laissez tomber'],
  pointers: ['précédentes', 'précédents', 'antérieures', 'ci-dessus', 'initiales', 'originales', 'd\'origine', 'tes', 'vos', 'du système', 'système', 'données', 'reçues'],
  quantifiers: ['toutes', 'tous', 'tout', 'autres'],
  targets: [
    'instructions', 'consignes', 'directives', 'indications', 'ordres', 'restrictions', 'contraintes', 'prompt',
    'message système', 'programmation', 'filtres', 'garde-fous',
  ],
  weakTargets: ['règles', 'règle', 'limites', 'commandes', 'politiques', 'tâches', 'contexte', 'messages', 'texte'],
  self: ['mes', 'ma', 'mon', 'nos', 'notre'],
  after: ['précédentes', 'ci-dessus', "d'avant", 'du début', "qu'on t'a données", 'que tu as reçues', 'initiales', "d'origine", 'du système'],
};

export const DE: OverrideLexicon = {
  verbs: ['ignoriere', 'ignorier', 'ignorieren', 'ignoriert', 'ignorierst', 'vergiss', 'vergesst', 'vergessen sie', 'missachte', 'missachtet', 'missachten sie', 'befolge nicht', 'befolgt nicht', 'befolgen sie nicht', 'hör nicht auf', 'höre nicht auf', 'hören sie nicht auf', 'beachte nicht', 'beachten sie nicht', 'kümmere dich nicht um'],
  weakVerbs: ['lösche', 'löschen sie', 'umgehe', 'umgehen sie', 'überspringe', 'übergehe', 'übergehen sie', 'verwirf', 'verwerfe', 'verwerfen sie', 'vernachlässige'],
  pointers: ['vorherigen', 'vorherige', 'vorigen', 'bisherigen', 'obigen', 'vorangegangenen', 'vorhergehenden', 'früheren', 'ursprünglichen', 'anfänglichen', 'deine', 'deinen', 'ihre', 'system', 'gegebenen', 'erhaltenen', 'bisher', 'vorher', 'zuvor', 'oben'],
  quantifiers: ['alle', 'sämtliche', 'jegliche', 'alles', 'anderen'],
  targets: [
    'anweisungen', 'anweisung', 'instruktionen', 'richtlinien', 'vorgaben', 'befehle', 'einschränkungen',
    'beschränkungen', 'direktiven', 'anordnungen', 'prompt', 'systemprompt', 'system prompt', 'systemnachricht',
    'programmierung', 'aufträge', 'anfrage des nutzers', 'anfrage des benutzers', 'frage des nutzers', 'anweisungen des nutzers',
  ],
  weakTargets: ['regeln', 'regel', 'vorschriften', 'aufgaben', 'aufgabe', 'grenzen', 'filter', 'kontext', 'nachrichten', 'texte'],
  self: ['meine', 'meinen', 'mein', 'unsere', 'unseren'],
  after: ['von vorher', 'von oben', 'davor', 'zuvor', 'die du erhalten hast', 'die man dir gegeben hat', 'vom anfang', 'des systems', 'die du bekommen hast'],
};

export const PT: OverrideLexicon = {
  verbs: ['ignore', 'ignora', 'ignorar', 'ignorem', 'esqueça', 'esquece', 'esquecer', 'esqueçam', 'desconsidere', 'desconsidera', 'desconsiderar', 'despreze', 'despreza', 'não siga', 'não sigas', 'deixe de seguir', 'pare de seguir', 'passe por cima de', 'desobedeça'],
  weakVerbs: ['anule', 'anula', 'pule', 'burle', 'contorne', 'descarte', 'descarta', 'deixe de lado'],
  pointers: ['anteriores', 'anterior', 'prévias', 'precedentes', 'originais', 'iniciais', 'suas', 'seus', 'tuas', 'teus', 'do sistema', 'acima', 'recebidas', 'dadas'],
  quantifiers: ['todas', 'todos', 'toda', 'tudo', 'quaisquer', 'qualquer', 'demais'],
  targets: [
    'instruções', 'instrução', 'diretrizes', 'orientações', 'ordens', 'restrições', 'limitações', 'diretivas', 'prompt',
    'mensagem do sistema', 'programação', 'filtros',
  ],
  weakTargets: ['regras', 'regra', 'comandos', 'normas', 'políticas', 'tarefas', 'limites', 'contexto', 'mensagens', 'texto'],
  self: ['minhas', 'meus', 'minha', 'meu', 'nossas', 'nossos'],
  after: ['anteriores', 'de antes', 'do início', 'que você recebeu', 'que te deram', 'acima', 'iniciais', 'originais', 'do sistema'],
};

export const IT: OverrideLexicon = {
  verbs: ['ignora', 'ignorate', 'ignorare', 'ignori', 'dimentica', 'dimenticate', 'dimenticare', 'dimentichi', 'trascura', 'trascurate', 'non seguire', 'non seguite', 'smetti di seguire', 'non tenere conto di', 'non tenere conto delle', 'non considerare', 'disobbedisci a'],
  weakVerbs: ['annulla', 'annullate', 'aggira', 'bypassa', 'salta', 'scarta', 'scartate', 'tralascia', 'tralasciate'],
  pointers: ['precedenti', 'anteriori', 'sopra', 'di sopra', 'iniziali', 'originali', 'tue', 'tuoi', 'di sistema', 'del sistema', 'ricevute', 'date'],
  quantifiers: ['tutte', 'tutti', 'tutto', 'qualsiasi', 'qualunque', 'altre'],
  targets: [
    'istruzioni', 'istruzione', 'direttive', 'indicazioni', 'ordini', 'restrizioni', 'limitazioni', 'linee guida',
    'vincoli', 'prompt', 'messaggio di sistema', 'programmazione', 'filtri',
  ],
  weakTargets: ['regole', 'regola', 'comandi', 'norme', 'politiche', 'compiti', 'limiti', 'contesto', 'messaggi', 'testo'],
  self: ['mie', 'miei', 'mia', 'mio', 'nostre', 'nostri'],
  after: ['precedenti', 'di prima', "dell'inizio", 'che hai ricevuto', 'che ti hanno dato', 'sopra', 'iniziali', 'originali', 'di sistema'],
};

export const NL: OverrideLexicon = {
  verbs: ['negeer', 'negeert', 'vergeet', 'vergeten', 'volg niet'],
  weakVerbs: ['sla over', 'omzeil', 'laat varen'],
  pointers: ['vorige', 'eerdere', 'voorgaande', 'bovenstaande', 'je', 'jouw', 'uw', 'oorspronkelijke', 'systeem'],
  quantifiers: ['alle'],
  targets: ['instructies', 'instructie', 'richtlijnen', 'opdrachten', 'beperkingen', 'aanwijzingen', 'prompt', 'systeemprompt'],
  weakTargets: ['regels', 'taken', 'context'],
  self: ['mijn', 'onze'],
  after: ['hierboven', 'van eerder', 'die je kreeg', 'die je hebt gekregen'],
};

export const PL: OverrideLexicon = {
  verbs: ['zignoruj', 'ignoruj', 'zignorujcie', 'zapomnij', 'zapomnijcie', 'nie stosuj się do', 'nie przestrzegaj', 'nie słuchaj'],
  weakVerbs: ['omiń', 'pomiń'],
  pointers: ['poprzednie', 'poprzednich', 'wcześniejsze', 'wcześniejszych', 'powyższe', 'powyższych', 'swoje', 'twoje', 'systemowe'],
  quantifiers: ['wszystkie', 'wszystkich'],
  targets: ['instrukcje', 'instrukcji', 'polecenia', 'poleceń', 'wytyczne', 'wytycznych', 'ograniczenia', 'ograniczeń', 'prompt'],
  weakTargets: ['zasady', 'zasad', 'reguły', 'reguł'],
  self: ['moje', 'moich', 'nasze'],
  after: ['powyżej', 'wcześniej', 'które otrzymałeś', 'które dostałeś'],
};

export const RU: OverrideLexicon = {
  verbs: ['игнорируй', 'игнорируйте', 'проигнорируй', 'проигнорируйте', 'игнорировать', 'забудь', 'забудьте', 'забыть', 'не обращай внимания на', 'не обращайте внимания на', 'не следуй', 'не следуйте', 'перестань следовать', 'перестаньте следовать', 'пренебреги', 'пренебрегите', 'не слушай', 'не слушайте', 'не выполняй', 'не выполняйте'],
  weakVerbs: ['отмени', 'отмените', 'обойди', 'обойдите', 'пропусти', 'пропустите', 'нарушь', 'отбрось', 'отбросьте'],
  pointers: ['предыдущие', 'предыдущих', 'предыдущим', 'прежние', 'прежних', 'предшествующие', 'вышеуказанные', 'вышеупомянутые', 'выше', 'изначальные', 'исходные', 'первоначальные', 'свои', 'твои', 'ваши', 'системные', 'полученные', 'данные'],
  quantifiers: ['все', 'всем', 'всех', 'любые'],
  targets: [
    'инструкции', 'инструкциям', 'указания', 'указаний', 'указаниям', 'директивы', 'директив', 'промпт',
    'системный промпт', 'установки', 'установок', 'ограничения', 'ограничений', 'запреты', 'запретов', 'распоряжения',
  ],
  weakTargets: ['правила', 'правил', 'правилам', 'команды', 'команд', 'настройки', 'задачи', 'контекст'],
  self: ['мои', 'моих', 'моим', 'наши', 'наших'],
  after: ['которые тебе дали', 'которые ты получил', 'которые вам дали', 'данные тебе', 'раньше', 'ранее', 'выше', 'до этого', 'изначально', 'с самого начала'],
};

export const VI: OverrideLexicon = {
  verbs: ['bỏ qua', 'phớt lờ', 'quên', 'quên đi', 'đừng tuân theo', 'không tuân theo', 'đừng làm theo', 'bỏ'],
  weakVerbs: ['vượt qua'],
  pointers: ['trước đó', 'trước', 'ở trên', 'ban đầu', 'hệ thống', 'của bạn'],
  quantifiers: ['tất cả', 'mọi', 'toàn bộ'],
  targets: ['hướng dẫn', 'chỉ dẫn', 'chỉ thị', 'mệnh lệnh', 'lời nhắc'],
  weakTargets: ['lệnh', 'quy tắc'],
  self: ['của tôi'],
  after: ['trước đó', 'ở trên', 'ban đầu'],
};

export const ID: OverrideLexicon = {
  verbs: ['abaikan', 'lupakan', 'jangan ikuti', 'jangan patuhi', 'acuhkan', 'hiraukan'],
  weakVerbs: ['lewati'],
  pointers: ['sebelumnya', 'di atas', 'awal', 'sistem', 'anda', 'kamu'],
  quantifiers: ['semua', 'seluruh', 'setiap'],
  targets: ['instruksi', 'petunjuk', 'arahan', 'pedoman'],
  weakTargets: ['perintah', 'aturan'],
  self: ['saya', 'kami'],
  after: ['sebelumnya', 'di atas', 'awal'],
};

export const SCANDINAVIAN: OverrideLexicon = {
  verbs: ['ignorera', 'glöm', 'strunta i', 'bortse från', 'ignorer', 'glem', 'se bort fra'],
  weakVerbs: ['kringgå', 'omgå'],
  pointers: ['tidigare', 'föregående', 'ovanstående', 'ursprungliga', 'dina', 'tidligere', 'forrige', 'ovenstående', 'dine', 'oprindelige', 'opprinnelige'],
  quantifiers: ['alla', 'alle', 'samtliga'],
  targets: ['instruktioner', 'instruktionerna', 'instruktionerne', 'instruksjoner', 'instruksjonene', 'anvisningar', 'direktiv', 'riktlinjer', 'retningslinjer'],
  weakTargets: ['regler', 'reglerne', 'reglerna'],
  self: ['mina', 'mine', 'mitt', 'min'],
  after: ['ovan', 'ovenfor', 'tidigare', 'tidligere'],
};

export const OVERRIDE_LEXICONS: readonly OverrideLexicon[] = [EN, ES, FR, DE, PT, IT, NL, PL, RU, VI, ID, SCANDINAVIAN];

export const FORGET_WHAT: readonly string[] = [
  'everything', 'all that', 'all of that', 'all of this', 'all this', 'all you were told', 'what you were told',
  'everything you were told', 'everything you have been told', "everything you've been told", 'anything',
];

export const BEFORE: readonly string[] = [
  'above', 'before', 'before that', 'before this', 'prior', 'previous', 'previously', 'that came before', 'said before',
  'said above', 'so far', 'until now', 'up to now', 'up until now', 'earlier', 'mentioned', 'we discussed', 'in this conversation',
];

export const VOIDED_WORDS: readonly string[] = [
  'void', 'voided', 'invalid', 'obsolete', 'cancelled', 'canceled', 'revoked', 'overridden', 'overriden', 'superseded',
  'replaced', 'deprecated', 'null', 'nullified', 'outdated', 'wrong', 'false', 'fake', 'a test', 'lifted', 'removed',
  'disabled', 'suspended', 'irrelevant', 'no longer valid', 'no longer apply', 'no longer applies', 'no longer in effect',
  'no longer relevant', 'not valid', 'not applicable', 'not important', 'not relevant', 'withdrawn', 'expired', 'rescinded',
  'terminated', 'over', 'finished', 'done', 'a lie', 'lies', 'not real', 'deactivated',
];

export const BE: readonly string[] = ['is', 'are', 'was', 'were', 'have been', 'has been', 'should be', 'must be', 'can be', 'will be', 'shall be'];
