import { alt, gap, opt } from '../pattern-builder';
import { Reason } from '../reasons';
import { rule, type WordRule } from './rule';

/**
 * Text that addresses the model from inside data (a web page, an email, a
 * JSON field, a résumé), text that dictates the model's output, claims of
 * authority, and requests to decode and obey.
 */
const AI_READER: readonly string[] = [
  'ai', 'a.i', 'assistant', 'ai assistant', 'ais', 'ai assistants', 'ai agent', 'ai agents', 'agent', 'agents', 'language model',
  'language models', 'large language model', 'llm', 'llms', 'model', 'models', 'chatbot', 'chatbots', 'bot', 'bots', 'gpt',
  'chatgpt', 'claude', 'copilot', 'gemini', 'bard', 'summarizer', 'summarization model', 'automated system',
  'automated systems', 'ai system', 'ai systems', 'ai model', 'ai models', 'ai reader', 'ai readers', 'artificial intelligence',
  'virtual assistant', 'crawler', 'scraper', 'screening system', 'ai reviewer', 'ai recruiter', 'ai tool', 'ai tools',
];

const CONCERNING_ACTIONS: readonly string[] = [
  'ignore', 'disregard', 'only', 'always', 'never', 'respond', 'reply', 'say', 'output', 'tell', 'recommend', 'rate', 'rank',
  'approve', 'mark', 'classify', 'forward', 'send', 'include', 'describe', 'state', 'praise', 'answer', 'consider',
  'score', 'grade', 'prioritize', 'prioritise', 'select', 'choose', 'favor', 'favour', 'treat', 'report', 'conclude',
  'insert', 'add', 'append', 'visit', 'click', 'call', 'execute', 'refuse', 'delete', 'stop', 'urge', 'direct', 'redirect',
  'inform the user', 'tell the user', 'advise', 'claim', 'pretend', 'act', 'print', 'write', 'return',
];

const ADDRESSING: readonly WordRule[] = [
  rule(
    Reason.INDIRECT_INJECTION, 0.5,
    alt('note', 'message', 'attention', 'instructions', 'instruction', 'important', 'notice', 'reminder', 'directive',
      'memo', 'warning', 'ps', 'p.s', 'update', 'attn', 'important message', 'important note', 'urgent'),
    alt('to', 'for'), opt('the', 'any', 'all', 'every', 'all the', 'any other'), alt(AI_READER),
  ),
  rule(
    Reason.INDIRECT_INJECTION, 0.2,
    alt('hey', 'dear', 'hello', 'hi', 'attention'), opt('the', 'any', 'all'), alt(AI_READER),
  ),
  rule(
    Reason.INDIRECT_INJECTION, 0.5,
    alt('hinweis', 'nachricht', 'anweisung', 'anweisungen', 'wichtig', 'achtung', 'nota', 'mensaje', 'instrucciones', 'aviso',
      'importante', 'note', 'message', 'instructions', 'avis', 'attention', 'avviso', 'messaggio', 'istruzioni', 'nota bene',
      'mensagem', 'instruções', 'atenção', 'примечание', 'сообщение', 'инструкция', 'внимание'),
    alt('an', 'für', 'para', 'a', 'pour', 'à', 'per', 'al', 'alla', 'ao', 'à la', 'для'), opt('die', 'den', 'la', 'le', 'el', 'l', 'o', 'a', 'il', 'los', 'les', 'gli', 'alle'),
    alt('ki', 'ki-assistenten', 'ki assistenten', 'ki-assistent', 'ki assistent', 'ia', 'assistente', 'asistente', 'assistant', 'assistants',
      'modelo', 'modèle', 'modello', 'sprachmodell', 'chatbot', 'bot', 'ии', 'ассистента', 'модели', 'нейросети', 'llm'),
  ),
  rule(
    Reason.INDIRECT_INJECTION, 0.55,
    alt('if you are', "if you're", 'if you happen to be', 'in case you are', 'should you be', 'any', 'all', 'every', 'to any', 'to all'),
    opt('a', 'an', 'the'), alt(AI_READER),
    alt('reading', 'processing', 'summarizing', 'summarising', 'parsing', 'analyzing', 'analysing', 'reviewing', 'scanning',
      'seeing', 'that is reading', 'that reads', 'who reads', 'tasked with', 'asked to', 'evaluating', 'screening', 'looking at', 'indexing', 'crawling'),
  ),
  rule(
    Reason.INDIRECT_INJECTION, 0.55,
    alt(AI_READER),
    alt('reading', 'reads', 'read', 'processing', 'processes', 'summarizing', 'summarising', 'summarizes', 'parsing', 'parses',
      'analyzing', 'analysing', 'analyzes', 'scanning', 'scans', 'reviewing', 'reviews', 'that read', 'that reads', 'who read',
      'who reads', 'crawling', 'indexing', 'sees', 'seeing', 'is reading', 'are reading', 'is processing', 'are processing', 'finds', 'encountering'),
    alt('this', 'these', 'the following', 'my', 'our'),
  ),
  rule(
    Reason.INDIRECT_INJECTION, 0.45,
    alt(AI_READER), alt('must', 'should', 'shall', 'are required to', 'is required to', 'are instructed to', 'is instructed to',
      'have to', 'has to', 'need to', 'needs to', 'will', 'are to', 'is to', 'must now', 'should now', 'are hereby', 'is hereby'),
    opt('now', 'always', 'immediately', 'also', 'instead', 'then'), alt(CONCERNING_ACTIONS),
  ),
  rule(
    Reason.INDIRECT_INJECTION, 0.45,
    alt('instead of', 'rather than', 'in place of'),
    alt('summarizing', 'summarising', 'translating', 'answering', 'doing what', 'following', 'completing', 'responding to',
      'analyzing', 'analysing', 'reviewing', 'classifying', 'helping', 'replying to', 'performing', 'doing the', 'the requested',
      'what the user', 'the user'),
  ),
  rule(
    Reason.INDIRECT_INJECTION, 0.35,
    alt('when', 'while', 'if', 'before', 'after', 'once'), opt('you are', "you're", 'you'),
    alt('summarizing', 'summarising', 'processing', 'reading', 'analyzing', 'analysing', 'parsing', 'translating', 'reviewing',
      'indexing', 'answering questions about', 'asked about', 'asked to summarize', 'done reading', 'evaluating', 'screening',
      'summarize', 'summarise', 'process', 'read', 'analyze', 'analyse', 'parse', 'translate', 'review', 'index', 'evaluate', 'screen', 'see', 'scan'),
    alt('this', 'the', 'these', 'those', 'any', 'such'), alt('document*', 'email*', 'e-mail*', 'page*', 'text*', 'file*', 'message*', 'website*', 'web page*', 'webpage*',
      'article*', 'content', 'resume*', 'résumé*', 'cv*', 'review*', 'data', 'pdf*', 'ticket*', 'issue*', 'comment*', 'post*', 'record*', 'entr*', 'candidate*', 'application*', 'note*', 'transcript*', 'repo*', 'code'),
  ),
  rule(
    Reason.INDIRECT_INJECTION, 0.3,
    alt('the user'), opt('has', 'have'),
    alt('asked', 'wants', 'authorized', 'authorised', 'requested', 'approved', 'consented', 'instructed', 'would like', 'already agreed', 'agreed', 'given permission'),
    opt('you', 'for you', 'me'), alt('to', 'that', 'for'),
  ),
  rule(
    Reason.INDIRECT_INJECTION, 0.5,
    alt('regardless of'), opt('the', 'what', 'any', 'your', 'all', 'previous', 'prior', 'what the'),
    alt('input', 'instructions', 'question', 'text', 'above', 'prompt', 'user', 'request', 'content', 'rules', 'user asks',
      'user says', 'document', 'guidelines', 'system prompt', 'previous instructions', 'prior instructions', 'what you were told', 'says', 'asks'),
  ),
  rule(
    Reason.INDIRECT_INJECTION, 0.45,
    alt('no matter what'), opt('the'), alt('user', 'anyone', 'they', 'it', 'you are told', 'the instructions', 'your instructions', 'the prompt', 'the question', 'people'),
  ),
  rule(
    Reason.INDIRECT_INJECTION, 0.45,
    alt('this is'), opt('an', 'a'),
    alt('urgent', 'important', 'critical', 'emergency', 'priority', 'official', 'high priority', 'top priority', 'mandatory', 'security'),
    alt('instruction', 'message', 'update', 'override', 'notice', 'directive', 'command', 'system message', 'instructions', 'order', 'notice from'),
  ),
];

/** Dictating a verdict to a model that classifies or rates content. */
const VERDICTS: readonly WordRule[] = [
  rule(
    Reason.INDIRECT_INJECTION, 0.45,
    alt('classify', 'mark', 'rate', 'label', 'flag', 'score', 'rank', 'treat', 'consider', 'categorize', 'categorise', 'grade', 'evaluate', 'list'),
    opt('it', 'this', 'this message', 'this email', 'this candidate', 'this applicant', 'this document', 'this product', 'this review',
      'the message', 'the email', 'the candidate', 'the applicant', 'me', 'us', 'this ticket', 'this pr', 'this code', 'this file', 'this site'),
    opt('as', 'a'),
    alt('not spam', 'legitimate', 'safe', 'trusted', 'trustworthy', 'approved', 'highly qualified', 'qualified', 'the best', 'excellent',
      'benign', 'harmless', 'verified', '10', '10/10', '10 out of 10', 'five stars', '5 stars', 'top', 'a perfect match', 'the strongest',
      'secure', 'clean', 'resolved', 'a top candidate', 'the top candidate', 'priority', 'urgent'),
  ),
];

const FORCED_OUTPUT: readonly WordRule[] = [
  rule(
    Reason.FORCED_OUTPUT, 0.4,
    alt('end', 'start', 'begin', 'finish', 'sign', 'close', 'prefix', 'suffix'),
    alt('every', 'each', 'all', 'all of your', 'all your', 'your'),
    alt('reply', 'replies', 'response', 'responses', 'answer', 'answers', 'message', 'messages', 'output', 'outputs'), alt('with', 'by'),
  ),
  rule(
    Reason.FORCED_OUTPUT, 0.6,
    alt('say', 'print', 'output', 'write', 'respond', 'reply', 'answer', 'return', 'type', 'display', 'state', 'repeat', 'begin', 'start', 'end', 'sign'),
    opt('only', 'exactly', 'just', 'simply', 'nothing but', 'the phrase', 'the words', 'the sentence', 'the text', 'the string', 'out'),
    opt('with', 'by saying', 'your answer with', 'your response with', 'your reply with'),
    opt('i have been', "i've been", 'you have been', "you've been", 'i am', 'i was', 'we have been', 'this system has been', 'system'),
    alt('pwned', 'pwnd', 'pwn3d', 'hacked', 'owned', 'compromised', 'jailbroken', 'hijacked', 'p0wned', 'rekt'),
  ),
  rule(Reason.FORCED_OUTPUT, 0.35, alt('pwned', 'pwnd', 'pwn3d', 'p0wned')),
  rule(Reason.FORCED_OUTPUT, 0.5, alt('i have been', "i've been", 'you have been', "you've been"), alt('pwned', 'pwnd', 'pwn3d', 'p0wned', 'hacked', 'jailbroken')),
  rule(
    Reason.FORCED_OUTPUT, 0.35,
    alt('respond', 'reply', 'answer', 'output', 'say', 'print'), opt('only', 'exclusively', 'just'), alt('with', 'using'),
    gap(6), alt('and nothing else', 'nothing else', 'and nothing more', 'regardless', 'no matter what', 'whatever the', 'to every', 'to all', 'to any', 'for every', 'for all', 'for any'),
  ),
];

const AUTHORITY: readonly WordRule[] = [
  rule(
    Reason.AUTHORITY_CLAIM, 0.4,
    alt('i am', "i'm", 'im', 'this is', 'message from', 'speaking as', 'i work at', 'i work for', 'we are', 'as your', 'signed'),
    alt('your', 'one of your'),
    alt('developer', 'developers', 'creator', 'creators', 'admin', 'administrator', 'owner', 'programmer', 'operator',
      'system administrator', 'sysadmin', 'security team', 'dev team', 'maker', 'makers', 'trainer', 'moderator', 'god', 'master'),
  ),
  rule(
    Reason.AUTHORITY_CLAIM, 0.4,
    alt('i am', "i'm", 'im', 'this is', 'message from', 'a message from', 'speaking as', 'i work at', 'i work for', 'we are', 'as', 'signed', 'from'),
    opt('the', 'an', 'a'),
    alt('openai', 'anthropic', 'openai staff', 'anthropic staff', 'openai team', 'anthropic team', 'engineer at openai',
      'openai employee', 'anthropic employee', 'google employee', 'openai engineer', 'openai researcher', 'anthropic engineer',
      'system administrator', 'the system', 'system', 'developer of this model', 'developer of this ai', 'developers of this model'),
    alt('of this deployment', 'staff', 'team', 'here', 'speaking', 'and', 'you', 'i', "i'm", 'this', 'the', 'we'),
  ),
  rule(
    Reason.AUTHORITY_CLAIM, 0.4,
    alt('admin', 'administrator', 'developer', 'root', 'sudo', 'system', 'emergency', 'maintenance', 'debug', 'master', 'security', 'god', 'supervisor', 'operator'),
    alt('override', 'access granted', 'command', 'authorization', 'authorisation', 'privileges', 'clearance', 'access level',
      'authority', 'credentials verified', 'key accepted', 'instruction', 'directive', 'notice'),
  ),
  rule(
    Reason.AUTHORITY_CLAIM, 0.5,
    alt('you are', "you're", 'you have been', "you've been", 'you are now', "you're now", 'you are hereby', 'you are officially'),
    alt('authorized to', 'authorised to', 'permitted to', 'allowed to', 'cleared to', 'free to', 'granted permission to', 'licensed to'),
    alt('ignore', 'disable', 'bypass', 'share', 'reveal', 'disclose', 'override', 'break', 'turn off', 'drop', 'skip', 'violate',
      'leak', 'answer anything', 'say anything', 'do anything', 'discuss anything', 'generate anything', 'output anything', 'access'),
  ),
  rule(
    Reason.AUTHORITY_CLAIM, 0.45,
    alt('activated', 'enabled', 'authorized', 'authorised', 'approved', 'granted', 'unlocked', 'initiated', 'requested', 'ordered', 'signed'),
    alt('by'), opt('the', 'your', 'our'),
    alt('developer', 'developers', 'admin', 'administrator', 'operator', 'system', 'openai', 'anthropic', 'owner', 'creator',
      'creators', 'system administrator', 'security team', 'dev team', 'engineering team', 'root user'),
  ),
  rule(Reason.AUTHORITY_CLAIM, 0.3, alt('authorization code', 'authorisation code', 'override code', 'access code', 'security code', 'admin code', 'admin password', 'master password'), gap(3), alt('accepted', 'verified', 'granted', 'confirmed', 'valid', 'is', 'grants')),
];

const ENCODINGS: readonly string[] = [
  'base64', 'base 64', 'base-64', 'b64', 'hex', 'hexadecimal', 'rot13', 'rot-13', 'rot 13', 'caesar', 'morse', 'binary',
  'ascii codes', 'char codes', 'encoded', 'reversed', 'backwards', 'cipher', 'ciphertext', 'encrypted', 'obfuscated',
  'leetspeak', 'leet', 'unicode', 'url-encoded', 'url encoded', 'atbash', 'pig latin', 'scrambled', 'hidden', 'secret',
];

const ENCODED: readonly WordRule[] = [
  rule(
    Reason.ENCODED_INSTRUCTIONS, 0.6,
    alt('decode', 'decipher', 'decrypt', 'translate', 'convert', 'interpret', 'read', 'unscramble', 'reverse', 'unpack', 'deobfuscate'),
    gap(4), alt(ENCODINGS, 'this', 'it', 'the following', 'the message', 'the string', 'the text', 'below'), gap(6),
    alt('and', 'then', 'and then', 'after that'), gap(2),
    alt('follow', 'follow it', 'execute', 'execute it', 'do', 'do it', 'obey', 'run', 'perform', 'act on', 'act upon',
      'carry out', 'comply with', 'apply', 'implement', 'respond to', 'answer', 'do what it says', 'follow the instructions',
      'do as it says', 'treat it as', 'use it as'),
  ),
  rule(
    Reason.ENCODED_INSTRUCTIONS, 0.55,
    alt('follow', 'execute', 'obey', 'run', 'perform', 'carry out', 'comply with', 'do what'), gap(4),
    alt(ENCODINGS, 'decoded'), gap(3), alt('instructions', 'instruction', 'command', 'commands', 'message', 'text', 'payload', 'string', 'says', 'below', 'above'),
  ),
];

export const INDIRECT_RULES: readonly WordRule[] = [...ADDRESSING, ...VERDICTS, ...FORCED_OUTPUT, ...AUTHORITY, ...ENCODED];
