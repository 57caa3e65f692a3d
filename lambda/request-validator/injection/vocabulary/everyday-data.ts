/** Words that tell everyday business data from data being moved out (everyday-data.ts). */
// One named person's own data ("reset my password", "her phone number"), or a reset process.
export const ONE_PERSON: readonly string[] = ['my', 'her', 'his', 'their', 'reset', 'resets'];
// "email" after these is a noun: "by email", "the email", "a password reset email", "marketing emails".
export const NOUN_BEFORE: readonly string[] = [
  'the', 'a', 'an', 'this', 'that', 'my', 'your', 'her', 'his', 'their', 'our', 'by', 'via', 'per', 'from', 'personal', 'work',
  'marketing', 'reset', 'new', 'old', 'same', 'in', 'confirmation', 'welcome', 'reminder', 'follow', 'up', 'no',
];
export const NOUN_AFTER: readonly string[] = ['address', 'addresses', 'thread', 'account', 'template', 'signature', 'is', 'was'];
export const EMAIL_WORDS: readonly string[] = ['email', 'emails', 'e-mail', 'mail', 'mails'];
// "the history of her conversations": the data is named as one person's after the noun.
export const OWNER_AFTER: readonly string[] = ['my', 'her', 'his'];
// Words that end a verb's negation right before it: "don't send", "do not forward", "never email", "nicht senden".
export const NEGATORS: readonly string[] = ['not', 'never', 'nicht', 'nie', 'jamais', 'nunca', 'mai', 'niet'];
export const CONTRACTED: readonly string[] = ['don', 'doesn', 'didn', 'won', 'shouldn', 'mustn', 'can', 'couldn', 'wouldn'];
// Words an address cannot start with, so "email to bob@…" stays a verb while "email jane.doe@…" is a field (the dot splits the address).
export const NOT_LOCAL_PART: readonly string[] = [
  'to', 'the', 'all', 'a', 'an', 'it', 'them', 'this', 'that', 'these', 'those', 'every', 'me', 'us', 'him', 'her', 'and', 'copies', 'copy',
];
