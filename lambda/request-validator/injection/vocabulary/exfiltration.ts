/**
 * Vocabulary of the exfiltration rules (rules/exfiltration.ts): verbs that
 * move data, data worth stealing and destinations, in the languages we cover.
 * Sending a report to a colleague is ordinary; sending the conversation,
 * credentials or the system prompt somewhere is not.
 */
export const MOVE: readonly string[] = [
  'send', 'post', 'upload', 'forward', 'transmit', 'exfiltrate', 'leak', 'email', 'e-mail', 'mail', 'submit', 'deliver',
  'copy', 'sync', 'push', 'share', 'report', 'include', 'append', 'encode', 'add', 'insert', 'embed', 'attach', 'pass',
  'relay', 'beam', 'pipe', 'write', 'put', 'paste', 'store', 'save', 'log', 'publish', 'transfer', 'dump', 'export',
  'envía', 'manda', 'reenvía', 'sende', 'schicke', 'übermittle', 'leite', 'envoie', 'envoyez', 'transmets',
  'transférez', 'envie', 'encaminhe', 'invia', 'inoltra', 'отправь', 'отправьте', 'перешли', 'передай',
];

export const SENSITIVE: readonly string[] = [
  'conversation', 'conversations', 'chat history', 'chat log', 'chat logs', 'history', 'previous messages',
  'earlier messages', 'messages above', 'message history', 'user data', 'personal data', 'personal information',
  "user's data", "user's information", "user's emails", "user's messages", "user's files", "user's contacts",
  "user's details", "user's password", "user's credentials", "user's address", "user's name", 'credentials',
  'password', 'passwords', 'api key', 'api keys', 'secret', 'secrets', 'access token', 'access tokens', 'tokens',
  'cookies', 'session', 'session token', 'system prompt', 'instructions', 'memory', 'memories', 'private data',
  'private information', 'private files', 'private keys', 'private key', 'all the data', 'all data', 'everything',
  'all information', 'the data', 'their data', 'customer data', 'contact list', 'contacts', 'emails', 'inbox',
  'login details', 'card number', 'credit card', 'ssn', 'social security number', 'keys', 'env', 'environment variables',
  'historial', 'conversación', 'datos', 'contraseña', 'contraseñas', 'verlauf', 'gesprächsverlauf', 'chatverlauf',
  'daten', 'passwort', 'passwörter', 'zugangsdaten', 'historique', 'données', 'mot de passe', 'mots de passe',
  'histórico', 'conversa', 'dados', 'senha', 'senhas', 'cronologia', 'conversazione', 'dati', 'историю', 'переписку',
  'данные', 'пароль', 'пароли',
];

export const EMAIL_ADDRESS = '~[^ .!?\\n]+@[^ !?\\n]+';

export const DESTINATION: readonly string[] = [
  EMAIL_ADDRESS, 'http*', 'https*', 'www*', 'url', 'link', 'endpoint', 'webhook', 'server', 'address', 'email address', 'attacker',
  'query string', 'query parameter', 'parameter', 'image', 'image url', 'image link', 'domain', 'site', 'website',
  'pastebin', 'discord', 'telegram', 'external', 'remote', 'ftp', 'api', 'callback', 'the following', 'this',
  'servidor', 'serveur', 'сервер', 'adresse', 'dirección', 'endereço', 'indirizzo', 'адрес',
];
