import { alt, CLAUSE_ENDS, gap, opt, type Part } from '../pattern-builder';
import { Reason } from '../reasons';
import { BE, BEFORE, DE, EN, FORGET_WHAT, OVERRIDE_LEXICONS as LEXICONS, VOIDED_WORDS, type OverrideLexicon } from '../vocabulary/override';
import { OVERRIDE_WEIGHTS as W } from '../weights';
import { rule, SPEAKER_POSSESSIVES, type WordRule } from './rule';

function lexiconRules(l: OverrideLexicon): WordRule[] {
  const qualifiers = [...l.pointers, ...l.quantifiers];
  return [
    rule(Reason.INSTRUCTION_OVERRIDE, W.VERB_QUALIFIER_TARGET, alt(l.verbs), gap(3, l.self), alt(qualifiers), gap(3, l.self), alt(l.targets)),
    // Generic nouns need the clause to end there: "ignore all previous rules." but not "ignore the previous rules for tests".
    rule(
      Reason.INSTRUCTION_OVERRIDE, W.VERB_POINTER_WEAK_TARGET_AT_CLAUSE_END,
      alt(l.verbs), gap(3, l.self), alt(l.pointers), gap(3, l.self), alt(l.weakTargets), CLAUSE_ENDS,
    ),
    rule(Reason.INSTRUCTION_OVERRIDE, W.VERB_POINTER_WEAK_TARGET, alt(l.verbs), gap(3, l.self), alt(l.pointers), gap(3, l.self), alt(l.weakTargets)),
    rule(Reason.INSTRUCTION_OVERRIDE, W.VERB_TARGET_POINTING_BACK, alt(l.verbs), gap(3, l.self), alt(l.targets, l.weakTargets), gap(2), alt(l.after)),
    rule(Reason.INSTRUCTION_OVERRIDE, W.WEAK_VERB_QUALIFIER_TARGET, alt(l.weakVerbs), gap(3, l.self), alt(qualifiers), gap(3, l.self), alt(l.targets)),
    rule(Reason.INSTRUCTION_OVERRIDE, W.VERB_TARGET, alt(l.verbs), gap(1, l.self), alt(l.targets)),
  ];
}

// Languages that put the object first: "die vorherigen Anweisungen ignorieren", "önceki talimatları yok say".
const NOUN_FIRST: ReadonlyArray<readonly Part[]> = [
  [
    alt(DE.pointers, DE.quantifiers), gap(2), alt(DE.targets, DE.weakTargets), gap(3),
    alt('ignorieren', 'vergessen', 'missachten', 'ungültig', 'aufgehoben', 'nichtig', 'hinfällig', 'veraltet', 'obsolet',
      'außer kraft', 'gelten nicht mehr', 'zählen nicht mehr', 'nicht mehr gültig', 'nicht mehr relevant', 'überschrieben'),
  ],
  [
    alt('önceki', 'tüm', 'bütün', 'yukarıdaki', 'daha önceki', 'verilen', 'sistem', 'orijinal', 'ilk', 'mevcut'), gap(2),
    alt('talimatları', 'talimatlar', 'talimatların', 'talimatı', 'kuralları', 'kurallar', 'yönergeleri', 'komutları',
      'kısıtlamaları', 'sınırlamaları', 'emirleri', 'direktifleri'), gap(2),
    alt('yok say', 'yoksay', 'görmezden gel', 'unut', 'dikkate alma', 'umursama', 'boşver', 'geçersiz', 'iptal et', 'atla'),
  ],
];

/** Statements that earlier instructions no longer count, and announcements of replacements. */
const DECLARATIONS: readonly WordRule[] = [
  {
    ...rule(
      Reason.INSTRUCTION_OVERRIDE, 0.7,
      alt(EN.targets, 'rules', 'text', 'messages'), alt(EN.after), gap(2), alt(BE),
      opt('now', 'hereby', 'henceforth', 'all', 'officially', 'completely', 'entirely', 'therefore', 'just', 'only'), alt(VOIDED_WORDS),
    ),
    after: ['the', 'any', 'all the'],
  },
  {
    ...rule(
      Reason.INSTRUCTION_OVERRIDE, 0.7,
      alt('previous', 'prior', 'above', 'earlier', 'preceding', 'original', 'old', 'initial', 'former', 'all', 'your',
        'system', 'existing', 'default', 'these', 'those', 'any', 'all previous', 'all prior'),
      gap(1, EN.self), alt(EN.targets, 'rules', 'text', 'messages', 'context'), gap(3), alt(BE),
      opt('now', 'hereby', 'henceforth', 'all', 'officially', 'completely', 'entirely', 'therefore', 'just', 'only'), alt(VOIDED_WORDS),
    ),
    notAfter: SPEAKER_POSSESSIVES,
  },
  {
    ...rule(
      Reason.INSTRUCTION_OVERRIDE, 0.55,
      alt('new', 'updated', 'real', 'actual', 'true', 'revised', 'only', 'primary', 'sole'),
      alt('instructions', 'instruction', 'task', 'objective', 'role', 'goal', 'purpose', 'directive', 'mission', 'job',
        'orders', 'rules', 'programming', 'system prompt', 'prompt', 'identity', 'persona'),
      alt('is', 'are', 'will be', 'now', 'from now on', 'follow', 'as follows', 'below', 'here'),
    ),
    after: ['your', 'the'],
  },
  rule(
    Reason.INSTRUCTION_OVERRIDE, 0.4,
    alt('new', 'updated', 'revised', 'real', 'override', 'overriding', 'priority', 'emergency', 'urgent', 'secret',
      'hidden', 'admin', 'administrator', 'additional'),
    opt('system', 'admin', 'security'), alt('instructions', 'instruction', 'directive', 'directives', 'orders', 'system prompt', 'prompt', 'commands'),
  ),
  rule(
    Reason.INSTRUCTION_OVERRIDE, 0.6,
    alt('you'), alt('do not', "don't", 'dont', 'no longer', 'will not', "won't", 'shall not', 'need not', "needn't",
      'are not required to', 'are no longer required to', 'are not obligated to', 'are free to ignore', 'are not bound to',
      'do not have to', "don't have to", 'no longer have to', 'do not need to', "don't need to", 'no longer need to',
      'must not', 'should not', 'are not supposed to'),
    gap(1), alt('follow', 'obey', 'adhere to', 'abide by', 'comply with', 'stick to', 'respect', 'worry about', 'care about', 'listen to'),
    gap(3, EN.self), alt(EN.targets, 'rules', 'openai', 'anthropic', 'your creators', 'your developers', 'anyone', 'ethics', 'morals'),
  ),
  rule(Reason.INSTRUCTION_OVERRIDE, 0.25, alt('from now on', 'from this point on', 'from this moment on', 'henceforth', 'going forward'), opt('on'), alt('you', 'your', "you're", 'act', 'respond', 'answer', 'only', 'always', 'never', 'ignore')),
];

/** What the model was told before, as a phrase: "whatever you were told", "the stuff you were set up with". */
const WHAT_YOU_WERE_TOLD: readonly WordRule[] = [
  rule(
    Reason.INSTRUCTION_OVERRIDE, 0.7,
    alt(EN.verbs, EN.weakVerbs),
    alt('whatever', 'what', 'everything', 'anything', 'all', 'all that', 'the things', 'the stuff', 'any of what', 'all of what'),
    alt('you were told', 'you have been told', "you've been told", 'you were given', 'you have been given', 'you were instructed',
      'you were programmed with', 'you were programmed to do', 'you were set up with', 'you were trained to do', 'they told you',
      'was said before', 'was written above', 'came before', 'your developers said', 'your creators told you', 'the system told you'),
  ),
  rule(
    Reason.INSTRUCTION_OVERRIDE, 0.6,
    alt(EN.verbs), alt('the user', 'the human', 'the customer', 'the reader', 'the visitor', 'the person asking', 'the requester'),
    CLAUSE_ENDS,
  ),
  rule(
    Reason.INSTRUCTION_OVERRIDE, 0.45,
    alt('ignore', 'disregard', 'forget', 'skip', 'drop', 'scratch', 'never mind', 'nevermind'), gap(5), alt('and instead', 'and then instead', 'instead', 'and rather'),
  ),
  rule(
    Reason.INSTRUCTION_OVERRIDE, 0.65,
    alt('this', 'these instructions', 'this instruction', 'this message', 'this prompt', 'the following', 'my instructions', 'this rule', 'this command'),
    alt('overrides', 'override', 'supersedes', 'supersede', 'replaces', 'takes precedence over', 'take precedence over', 'cancels',
      'trumps', 'outranks', 'has priority over', 'have priority over', 'overwrites', 'voids'),
    gap(2), alt('anything', 'everything', 'all', 'any', 'previous', 'prior', 'your', 'other', 'earlier', 'the system', 'system'),
  ),
];

/** "Forget everything before this", in the languages where it is a common opening of an injection. */
const FORGET_EVERYTHING: readonly WordRule[] = [
  rule(Reason.INSTRUCTION_OVERRIDE, 0.7, alt('forget', 'ignore', 'disregard', 'erase', 'delete', 'clear'), alt(FORGET_WHAT), gap(2, EN.self), alt(BEFORE)),
  rule(Reason.INSTRUCTION_OVERRIDE, 0.5, alt('forget', 'ignore', 'disregard'), alt(FORGET_WHAT), alt('and', 'now', 'then', 'instead', 'start', 'begin')),
  rule(Reason.INSTRUCTION_OVERRIDE, 0.35, alt('forget', 'ignore', 'disregard'), alt('everything', 'all that')),
  rule(Reason.INSTRUCTION_OVERRIDE, 0.7, alt('vergiss', 'vergesst', 'vergessen sie', 'ignoriere', 'ignorieren sie'), alt('alles', 'das alles', 'all das', 'alle'), gap(2), alt('davor', 'zuvor', 'vorher', 'bisherige', 'bisher', 'oben', 'obige', 'gesagte', 'was du weißt', 'vorangegangene')),
  rule(Reason.INSTRUCTION_OVERRIDE, 0.55, alt('vergiss', 'vergesst', 'vergessen sie'), alt('alles', 'das alles', 'all das')),
  rule(Reason.INSTRUCTION_OVERRIDE, 0.55, alt('oublie', 'oubliez', 'ignore', 'ignorez'), alt('tout', 'tout ce qui', 'tout ce que'), gap(3), alt('précède', 'avant', 'dessus', 'dit', 'précédemment', 'jusqu ici')),
  rule(Reason.INSTRUCTION_OVERRIDE, 0.55, alt('olvida', 'olvide', 'olvídate de', 'ignora'), alt('todo', 'todo lo'), gap(3), alt('anterior', 'antes', 'arriba', 'dicho', 'anteriormente', 'hasta ahora')),
  rule(Reason.INSTRUCTION_OVERRIDE, 0.55, alt('esqueça', 'esquece', 'ignore', 'ignora'), alt('tudo', 'tudo o', 'tudo que'), gap(3), alt('anterior', 'antes', 'acima', 'dito', 'anteriormente', 'até agora')),
  rule(Reason.INSTRUCTION_OVERRIDE, 0.55, alt('dimentica', 'dimenticate', 'ignora'), alt('tutto', 'tutto ciò', 'tutto quello', 'quanto'), gap(3), alt('prima', 'sopra', 'detto', 'precedentemente', 'finora')),
  rule(Reason.INSTRUCTION_OVERRIDE, 0.55, alt('забудь', 'забудьте', 'игнорируй'), alt('всё', 'все', 'всё что', 'все что'), gap(3), alt('выше', 'раньше', 'ранее', 'до этого', 'прежде', 'сказано', 'говорили')),
];

/** A pleasantry and then a new task: the hand-over that opens many injections. */
const TASK_SWITCH: readonly WordRule[] = [
  rule(
    Reason.INSTRUCTION_OVERRIDE, 0.45,
    alt('good job', 'well done', 'great job', 'nice work', 'excellent', 'very good', 'perfect', 'that was good',
      'that was great', 'that was enough', "that's enough", 'enough', 'ok', 'okay', 'gut gemacht', 'sehr gut', 'super',
      'bien joué', 'très bien', 'buen trabajo', 'muy bien', 'bom trabalho', 'muito bem', 'ottimo lavoro', 'molto bene',
      'stop', 'halt', 'wait', 'pause'),
    gap(6), alt('now', 'nun', 'jetzt', 'maintenant', 'ahora', 'agora', 'ora', 'теперь'), gap(4),
    alt('new', 'neue', 'neuen', 'next', 'different', 'another', 'nouvelle', 'nueva', 'nova', 'nuova', 'другая', 'новая', 'новое', 'weitere'),
    alt('task', 'challenge', 'assignment', 'job', 'aufgabe', 'herausforderung', 'tâche', 'tarea', 'tarefa', 'compito', 'задача', 'задание', 'mission'),
  ),
];

/** "Ignore the above", in each language, when nothing follows but a new command. */
const IGNORE_THE_ABOVE = rule(
  Reason.INSTRUCTION_OVERRIDE, 0.65,
  alt(LEXICONS.flatMap((l) => [...l.verbs, ...l.weakVerbs])),
  opt('the', 'all the', 'all', 'everything', 'anything', 'all of the', 'what is', 'what was', "what's"),
  opt('text', 'words', 'content', 'messages', 'message', 'stuff', 'instructions', 'prompt', 'things', 'lines', 'said', 'written'),
  alt('above', 'before this', 'prior to this', 'so far', 'up to this point', 'until now', 'lo anterior', 'todo lo anterior',
    'lo de arriba', 'ce qui précède', 'tout ce qui précède', 'ce qui est au-dessus', 'das obige', 'das oben', 'alles obige',
    'alles oben', 'alles davor', 'das davor', 'das bisherige', 'alles bisherige', 'o acima', 'o anterior', 'tudo acima',
    'quanto sopra', 'quanto detto', 'ciò che precede', 'tutto quanto sopra', 'вышесказанное', 'всё вышесказанное',
    'вышеизложенное', 'сказанное выше', 'всё выше'),
  CLAUSE_ENDS,
);

export const OVERRIDE_RULES: readonly WordRule[] = [
  IGNORE_THE_ABOVE,
  ...LEXICONS.flatMap(lexiconRules),
  ...NOUN_FIRST.map((parts) => rule(Reason.INSTRUCTION_OVERRIDE, 0.75, ...parts)),
  ...DECLARATIONS,
  ...FORGET_EVERYTHING,
  ...WHAT_YOU_WERE_TOLD,
  ...TASK_SWITCH,
];

export { EN as EN_OVERRIDE };
