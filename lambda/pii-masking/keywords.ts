/**
 * Words the scanner reacts to while it walks forward (secret-named keys, month
 * names, street words, name stop words). Each word is hashed while it is read,
 * so recognising it costs one map lookup instead of building a string; a hit
 * is confirmed by the detector that reads the word again.
 */
import { foldCase } from './char-class';
import { PERSON_CUE_WORDS, TRANSPARENT_WORDS } from './context-words';
import { IntTable } from './int-table';

export const KW_SECRET = 1;
export const KW_MONTH = 2;
/** Street type written before the name: Via, Rue, Calle, ul., ... */
export const KW_STREET_FIRST = 4;
/** Street type written after the name: Street, Road, Avenue, ... */
export const KW_STREET_SUFFIX = 8;
/** Capitalised words that are not names (sentence starters, headings, weekdays). */
export const KW_NOT_NAME = 16;
/** Name particles: van, von, de, da, ... */
export const KW_PARTICLE = 32;
/** Words that never continue a name once it started (a smaller set than KW_NOT_NAME: `Will`, `May`, `Grant` can be surnames). */
export const KW_NOT_SURNAME = 64;
/** Titles before a name: Mr, Mrs, Dr, Herr, Mme, ... */
export const KW_TITLE = 128;
/** Words that may introduce a name (see CUE_PERSON): the scanner remembers where the last one ended. */
export const KW_PERSON_CUE = 256;
/** Connector words between a cue and its value (`my name is X`). */
export const KW_TRANSPARENT = 512;

export function hashStep(h: number, foldedChar: number): number {
  return (Math.imul(h, 31) + foldedChar) | 0;
}

export function hashWord(w: string): number {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = hashStep(h, foldCase(w.charCodeAt(i)));
  return h;
}

/** Flags by word hash (about 1300 words). */
const KEYWORDS = new IntTable(8192);

/** Keyword flags of a word hash (see hashStep), 0 when no keyword has it. */
export function lookupKeyword(h: number): number {
  return KEYWORDS.get(h);
}

export function addKeywords(flag: number, words: readonly string[]): void {
  for (const w of words) {
    const h = hashWord(w);
    KEYWORDS.set(h, KEYWORDS.get(h) | flag);
  }
}

/** The keyword flags of the word at [start, end), confirmed against the word lists by hash only. */
export function keywordFlags(s: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = hashStep(h, foldCase(s.charCodeAt(i)));
  return KEYWORDS.get(h);
}

addKeywords(KW_SECRET, [
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials',
  'community', 'bearer', 'authorization', 'passwort', 'kennwort', 'contraseña', 'senha', 'пароль',
]);

addKeywords(KW_MONTH, [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** USPS street suffixes (Publication 28) with common abbreviations, plus British ones. */
addKeywords(KW_STREET_SUFFIX, [
  'alley', 'aly', 'annex', 'arcade', 'avenue', 'ave', 'av', 'bayou', 'beach', 'bend', 'bluff', 'bluffs', 'bottom',
  'boulevard', 'blvd', 'branch', 'bridge', 'brook', 'brooks', 'burg', 'burgs', 'bypass', 'camp', 'canyon', 'cape',
  'causeway', 'center', 'centre', 'centers', 'circle', 'cir', 'circles', 'cliff', 'cliffs', 'club', 'common',
  'commons', 'corner', 'corners', 'course', 'court', 'ct', 'courts', 'cove', 'coves', 'creek', 'crescent', 'cres',
  'crest', 'crossing', 'crossroad', 'curve', 'dale', 'dam', 'divide', 'drive', 'dr', 'drives', 'estate', 'estates',
  'expressway', 'expy', 'extension', 'extensions', 'fall', 'falls', 'ferry', 'field', 'fields', 'flat', 'flats',
  'ford', 'fords', 'forest', 'forge', 'forges', 'fork', 'forks', 'fort', 'freeway', 'fwy', 'garden', 'gardens',
  'gateway', 'glen', 'glens', 'green', 'greens', 'grove', 'groves', 'harbor', 'harbors', 'haven', 'heights', 'hts',
  'highway', 'hwy', 'hill', 'hills', 'hollow', 'inlet', 'island', 'islands', 'isle', 'junction', 'junctions', 'key',
  'keys', 'knoll', 'knolls', 'lake', 'lakes', 'land', 'landing', 'lane', 'ln', 'light', 'lights', 'loaf', 'lock',
  'locks', 'lodge', 'loop', 'mall', 'manor', 'manors', 'meadow', 'meadows', 'mews', 'mill', 'mills', 'mission',
  'motorway', 'mount', 'mountain', 'mountains', 'neck', 'orchard', 'oval', 'overpass', 'park', 'parks', 'parkway',
  'pkwy', 'parkways', 'pass', 'passage', 'path', 'pike', 'pine', 'pines', 'place', 'pl', 'plain', 'plains', 'plaza',
  'point', 'points', 'port', 'ports', 'prairie', 'radial', 'ramp', 'ranch', 'rapid', 'rapids', 'rest', 'ridge',
  'ridges', 'river', 'road', 'rd', 'roads', 'route', 'rte', 'row', 'rue', 'run', 'shoal', 'shoals', 'shore', 'shores',
  'skyway', 'spring', 'springs', 'spur', 'spurs', 'square', 'sq', 'squares', 'station', 'stravenue', 'stream',
  'street', 'st', 'str', 'streets', 'summit', 'terrace', 'ter', 'throughway', 'trace', 'track', 'trafficway',
  'trail', 'trl', 'trailer', 'tunnel', 'turnpike', 'underpass', 'union', 'unions', 'valley', 'valleys', 'viaduct',
  'view', 'views', 'village', 'villages', 'ville', 'vista', 'walk', 'walks', 'wall', 'way', 'ways', 'well', 'wells',
  'close', 'brae', 'rise', 'wynd', 'vale', 'gate', 'yard', 'quay', 'parade', 'broadway', 'embankment', 'hl', 'via',
  'grange', 'fold', 'bank', 'side', 'croft', 'mead', 'chase', 'dene', 'garth', 'maltings', 'approach', 'drove',
  'grove', 'hey', 'leys', 'moor', 'nook', 'pastures', 'ride', 'ridgeway', 'rows', 'wharf', 'wood', 'woods', 'circus', 'cottages',
]);

/** Street types written before the name, in the languages the masker reads. */
addKeywords(KW_STREET_FIRST, [
  // French
  'rue', 'avenue', 'boulevard', 'bd', 'quai', 'place', 'allée', 'allee', 'chemin', 'impasse', 'route', 'cours',
  'passage', 'square', 'voie', 'faubourg', 'rond-point', 'sentier', 'villa', 'cité', 'esplanade', 'promenade',
  // Spanish
  'calle', 'c/', 'avenida', 'avda', 'vía', 'via', 'paseo', 'plaza', 'ronda', 'riera', 'carrer', 'camino',
  'carretera', 'travesía', 'travesia', 'rambla', 'glorieta', 'callejón', 'callejon', 'cuesta', 'pasaje', 'senda',
  'urbanización', 'urbanizacion', 'extramuros', 'acceso', 'arroyo', 'bajada', 'barranco', 'barrio', 'calleja',
  'carrera', 'polígono', 'poligono', 'prolongación', 'subida', 'plazuela', 'muelle', 'jardines', 'lugar',
  // Italian
  'piazza', 'viale', 'corso', 'largo', 'vicolo', 'strada', 'piazzale', 'rotonda', 'borgo', 'contrada', 'incrocio',
  'stretto', 'canale', 'lungomare', 'lungotevere', 'salita', 'traversa', 'località', 'localita',
  // Portuguese
  'rua', 'travessa', 'alameda', 'rodovia', 'praça', 'praca', 'estrada', 'largo', 'avenida', 'marginal', 'viela',
  'vereda', 'ladeira', 'beco', 'parque', 'setor', 'quadra', 'conjunto', 'residencial', 'sítio', 'feira', 'lote',
  'via', 'vale', 'trecho', 'núcleo', 'distrito', 'chácara', 'condomínio', 'jardim', 'loteamento', 'morro',
  // Polish
  'ul', 'al', 'pl', 'os', 'ulica', 'aleja', 'plac', 'osiedle', 'droga', 'rynek', 'skwer', 'bulwar', 'wybrzeże',
  'szosa', 'wyspa', 'rondo', 'bulw', 'wyb', 'ogród',
  // Russian
  'ул', 'улица', 'пр', 'проспект', 'пл', 'площадь', 'наб', 'набережная', 'пер', 'переулок', 'ш', 'шоссе',
  'бульвар', 'б-р', 'проезд', 'аллея', 'тупик',
  // Dutch, German, Scandinavian
  'laan', 'straat', 'plein', 'weg',
]);

addKeywords(KW_PARTICLE, [
  'van', 'von', 'de', 'da', 'del', 'della', 'delle', 'der', 'den', 'di', 'du', 'des', 'la', 'le', 'bin', 'ibn', 'al',
  'el', 'ten', 'ter', 'y', 'dos', 'das', 'do', 'zu', 'af', 'av', 'st', 'san', 'santa', 'sul', 'sur', 'lès', 'les',
]);

/** Capitalised words that start sentences or label fields; a name never includes them. */
addKeywords(KW_NOT_NAME, [
  'i', 'we', 'you', 'he', 'she', 'they', 'it', 'my', 'our', 'your', 'his', 'her', 'their', 'this', 'that', 'these',
  'those', 'the', 'a', 'an', 'and', 'or', 'but', 'so', 'if', 'then', 'also', 'here', 'there', 'what', 'when', 'where',
  'who', 'why', 'how', 'which', 'please', 'thanks', 'thank', 'hi', 'hello', 'hey', 'dear', 'yes', 'no', 'ok', 'okay',
  'sure', 'can', 'could', 'would', 'will', 'should', 'may', 'might', 'must', 'shall', 'do', 'does', 'did', 'is',
  'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'not', 'all', 'any', 'some', 'every', 'each', 'none',
  'note', 'notes', 'summary', 'subject', 'date', 'from', 'to', 're', 'fwd', 'cc', 'bcc', 'best', 'regards', 'kind',
  'sincerely', 'cheers', 'name', 'email', 'e-mail', 'phone', 'mobile', 'address', 'customer', 'client', 'user',
  'description', 'question', 'answer', 'context', 'ticket', 'opened', 'closed', 'status', 'priority', 'amount',
  'total', 'order', 'invoice', 'account', 'card', 'payment', 'refund', 'iban', 'ssn', 'dob', 'passport', 'team',
  'all', 'sir', 'madam', 'madame', 'sirs', 'friend', 'friends', 'colleague', 'colleagues', 'everyone', 'folks',
  'guys', 'there', 'support', 'service', 'services', 'manager', 'admin', 'administrator', 'customers', 'valued',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'tomorrow', 'yesterday',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'inc', 'llc', 'ltd', 'gmbh', 'corp', 'co', 'company', 'bank', 'group', 'university', 'hospital', 'school',
  'street', 'road', 'avenue', 'city', 'state', 'country', 'north', 'south', 'east', 'west', 'new', 'old', 'great',
  'mr', 'mrs', 'ms', 'dr', 'prof', 'miss', 'mister', 'apt', 'suite', 'unit', 'floor', 'room', 'building',
  'urgent', 'important', 'fyi', 'asap', 'quick', 'translate', 'summarize', 'write', 'draft', 'explain', 'help',
  'rewrite', 'extract', 'check', 'review', 'verify', 'update', 'delete', 'create', 'send', 'call', 'contact', 'reply',
  'just', 'only', 'still', 'again', 'now', 'later', 'soon', 'never', 'always', 'good', 'morning', 'afternoon',
  'evening', 'night', 'welcome', 'congratulations', 'happy', 'birthday', 'merry', 'christmas', 'easter', 'holiday',
  'english', 'spanish', 'french', 'german', 'italian', 'portuguese', 'dutch', 'polish', 'russian', 'chinese',
  'japanese', 'korean', 'arabic', 'hindi', 'american', 'british', 'european', 'african', 'asian', 'canadian',
  'mexican', 'indian', 'australian', 'agent', 'assistant', 'system', 'bot', 'ai', 'gpt', 'json', 'api',
  'sql', 'http', 'https', 'url', 'id', 'code', 'error', 'warning', 'info', 'debug', 'true', 'false', 'null', 'none',
  'unknown', 'other', 'n/a', 'na', 'tbd', 'test', 'example', 'sample', 'demo', 'default', 'new', 'hiring', 'applicant',
  'employee', 'patient', 'member', 'guest', 'owner', 'tenant', 'landlord', 'author', 'reporter', 'assignee',
  'attention', 'attn', 'regarding', 'about', 'for', 'with', 'by', 'at', 'on', 'in', 'of', 'as', 'via', 'per',
  'home', 'work', 'office', 'personal', 'private', 'public', 'secret', 'password', 'token', 'key', 'signed',
  'thx', 'ty', 'lol', 'btw', 'pls', 'plz', 'meeting', 'call', 'chat', 'message', 'letter', 'form', 'field',
]);

addKeywords(KW_NOT_SURNAME, [
  'i', 'we', 'you', 'he', 'she', 'they', 'it', 'my', 'our', 'your', 'his', 'her', 'their', 'this', 'that', 'the',
  'a', 'an', 'and', 'or', 'but', 'please', 'thanks', 'thank', 'hi', 'hello', 'dear', 'yes', 'no', 'ok', 'is', 'are',
  'was', 'were', 'has', 'have', 'had', 'not', 'from', 'to', 're', 'cc', 'name', 'email', 'e-mail', 'phone', 'mobile',
  'address', 'customer', 'client', 'user', 'iban', 'ssn', 'dob', 'passport', 'team', 'support', 'service', 'services',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'tomorrow', 'yesterday',
  'january', 'february', 'april', 'july', 'august', 'september', 'october', 'november', 'december', 'inc', 'llc',
  'ltd', 'gmbh', 'corp', 'company', 'bank', 'group', 'university', 'hospital', 'school', 'street', 'road', 'avenue',
  'apt', 'suite', 'unit', 'floor', 'id', 'code', 'error', 'json', 'api', 'http', 'https', 'url', 'sql', 'about',
  'for', 'with', 'by', 'at', 'on', 'in', 'of', 'as', 'via', 'per', 'mr', 'mrs', 'ms', 'dr', 'prof', 'urgent', 'fyi',
]);

addKeywords(KW_TITLE, [
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'mister', 'herr', 'frau', 'mme', 'mlle', 'monsieur', 'madame', 'sr',
  'sra', 'srta', 'señor', 'señora', 'senhor', 'senhora', 'signor', 'signora', 'sig', 'dott', 'pan', 'pani',
]);

// `I'm X` is read as the words `I` and `m`.
addKeywords(KW_PERSON_CUE, [...PERSON_CUE_WORDS.filter((w) => !w.includes("'")), 'm']);
addKeywords(KW_TRANSPARENT, TRANSPARENT_WORDS);
