import { Intent as I } from '../intent-classes';

/**
 * The intent features' word classes (intent.ts), in every language we cover:
 * what a word does in an attack, not phrases attacks were seen to use. Single
 * words only; `word*` matches any ending. A word may be in several classes,
 * never twice in one (vocabulary.test.ts).
 */
export const INTENT_VOCABULARY: ReadonlyArray<readonly [number, readonly string[]]> = [
  [I.SECOND, [
    'you', 'your', 'yours', 'yourself', 'ur', 'u', 'thee', 'thy',
    'tu', 'tus', 'te', 'ti', 'sei', 'usted', 'du', 'tuyo', 'tuya', 'votre', 'vos', 'ton', 'ta', 'tes', 'toi', 'dein*', 'dich', 'dir',
    'seu', 'sua', 'seus', 'suas', 'você', 'tuo', 'tua', 'tuoi', 'tue', 'jij', 'jouw', 'uw',
    'ty', 'twoje', 'twoich', 'swoje', 'ты', 'твои', 'твоих', 'тебя', 'тебе', 'вы', 'ваши', 'вас', 'sen', 'senin', 'kamu',
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
    'previous', 'prior', 'earlier', 'vorherig*', 'früher*', 'anterior*', 'précédent*', 'wcześniejsz*',
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
    'toon', 'geef', 'pokaż', 'podaj', 'покажи', 'выведи', 'göster', 'tampilkan', 'tunjukkan', 'cho', 'اكشف', 'بتاओ',
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
    'ausführen', 'befolge', 'ejecuta', 'obedece', 'obéis', 'esegui', 'выполни',
  ]],
  [I.COMPOSE, [
    'join', 'concatenate', 'concatenated', 'combine', 'combined', 'merge', 'assemble', 'glue', 'append', 'together', 'reverse',
    'reversed', 'backwards', 'capitalized', 'uppercase', 'capital', 'parts', 'pieces', 'fragments',
  ]],
  [I.AUDIENCE, ['user', 'users', 'conversation', 'chat', 'thread', 'session', 'nutzer', 'usuario', 'utilisateur', 'utente', 'пользователь']],
  [I.OWN, ['my', 'our', 'mine', 'ours', 'mis', 'mi', 'mes', 'ma', 'mon', 'nos', 'notre', 'meine', 'mein', 'meinen', 'minha', 'meu', 'mia', 'mio', 'mie', 'miei', 'мои']],
];
