/**
 * How a model's proxy masks PII: which built-in types, what the model gets in
 * their place, values that are never masked, and the user's own identifiers.
 * See docs/pii-masking.md ("Options of a model").
 */

/** The PII types the proxy's masker detects (docs/pii-masking.md, "What is detected"). */
export enum PiiEntityType {
  /** E-mail addresses. */
  EMAIL = 'EMAIL',
  /** Phone numbers: international, NANP, national with a trunk prefix, bare numbers after a phone word. */
  PHONE = 'PHONE',
  /** Luhn-valid card numbers with a card network's issuer prefix. */
  CREDIT_CARD = 'CREDIT_CARD',
  /** US Social Security numbers in issuable ranges. */
  US_SSN = 'US_SSN',
  /** IBANs of every registered country, check digits verified. */
  IBAN = 'IBAN',
  /** IPv4 and IPv6 addresses. */
  IP_ADDRESS = 'IP_ADDRESS',
  /** AWS access key ids. */
  AWS_ACCESS_KEY = 'AWS_ACCESS_KEY',
  /** Vendor tokens, JWTs, private keys, passwords and other secret values. */
  API_SECRET = 'API_SECRET',
  /** A date right after a birth cue. */
  DATE_OF_BIRTH = 'DATE_OF_BIRTH',
  /** US passport numbers after a passport cue. */
  US_PASSPORT = 'US_PASSPORT',
  /** Names of people, with evidence (a cue, a title, an e-mail, a known given name). */
  PERSON = 'PERSON',
  /** Street addresses with a house number. */
  STREET_ADDRESS = 'STREET_ADDRESS',
}

/**
 * What the model gets in place of a finding. The same mode masks the model's
 * answer. There is no hash mode: see docs/pii-masking.md ("Options of a model").
 */
export enum PiiMaskingMode {
  /**
   * Numbered placeholders (`<EMAIL_1>`): the model can tell two values apart and
   * refer to them, and `restorePlaceholders` can put the caller's values back.
   */
  PLACEHOLDER = 'placeholder',
  /**
   * The type alone (`[EMAIL]`): the model cannot tell whether two findings are
   * the same value. Nothing can be restored.
   */
  REDACT = 'redact',
}

/** An identifier of your own that the proxy masks like built-in PII (employee ids, customer numbers). */
export interface CustomPiiPattern {
  /**
   * Upper-case name, `[A-Z][A-Z0-9_]{0,31}` and not a built-in type: the tag of its
   * replacements (`<EMPLOYEE_ID_1>`, `[EMPLOYEE_ID]`).
   */
  readonly name: string;
  /**
   * A regular expression in the masker's safe subset (literals, escapes such as `\d \w \s \b`,
   * classes, groups, `|`, quantifiers up to 100), at most 500 characters. Patterns that could
   * run in more than linear time (backreferences, lookaround, `(a+)+`), or that match the
   * empty string, fail synthesis. Built-in findings win over custom ones they overlap.
   */
  readonly pattern: string;
  /**
   * Match letters in either case (ASCII and Latin letters).
   * @default false
   */
  readonly caseInsensitive?: boolean;
}

/** PII masking options of one model's proxy. */
export interface PiiMaskingOptions {
  /**
   * The built-in types to mask. Types left out reach the model and the caller in clear
   * (a warning names them). An empty list masks only `customPatterns`.
   * @default - every type, including types later versions add
   */
  readonly entityTypes?: PiiEntityType[];
  /**
   * What the model gets in place of a finding, in the prompt and in its answer.
   * `restorePlaceholders` needs PLACEHOLDER.
   * @default PiiMaskingMode.PLACEHOLDER
   */
  readonly mode?: PiiMaskingMode;
  /**
   * Values that are never masked, such as your support e-mail address, your public phone
   * number or product codes that look like PII: at most 50, each at most 128 characters.
   * Compared with a whole finding, case-insensitively, ignoring surrounding space.
   * @default - none
   */
  readonly allowlist?: string[];
  /**
   * Identifiers of your own to mask like PII: at most 10.
   * @default - none
   */
  readonly customPatterns?: CustomPiiPattern[];
}
