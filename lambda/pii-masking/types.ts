/**
 * Public types of the PII masker. Offsets are UTF-16 code units into the
 * input string (JavaScript string indices), `end` exclusive.
 */

import { PII_ENTITY_TYPES } from '../../lib/contracts/model-proxy';

/** Entity types the built-in detectors report: the list a proxy's configuration may name. */
export const PII_TYPES = PII_ENTITY_TYPES;

export type BuiltinPiiType = (typeof PII_TYPES)[number];

/** Findings of custom patterns carry this type plus the pattern's `name` as `label`. */
export type PiiType = BuiltinPiiType | 'CUSTOM';

export interface PiiFinding {
  readonly type: PiiType;
  readonly start: number;
  readonly end: number;
  /** The custom pattern's name; only on `CUSTOM` findings. */
  readonly label?: string;
}

/**
 * - `redact`: `[EMAIL]`
 * - `mask`: letters and digits become `*` except the last four (at most half
 *   of them), separators stay: `****-****-****-4242`
 * - `hash`: `[EMAIL#<16 hex>]`, an HMAC-SHA256 of the value under `hashKey`,
 *   stable for one key
 * - `placeholder`: `<EMAIL_1>`, recorded in a {@link PlaceholderMap} so the
 *   original can be restored later
 */
export type MaskMode = 'redact' | 'mask' | 'hash' | 'placeholder';

/** A custom detector from configuration. Compiled by a linear-time engine. */
export interface CustomPatternConfig {
  /** Upper-case identifier, `[A-Z][A-Z0-9_]{0,31}`; used as label and in the replacement. */
  readonly name: string;
  /**
   * A regular expression in the safe subset: literals, escapes (`\d \w \s \D \W \S \b \B`,
   * `\.` ...), classes `[...]`, `.`, groups `(...)` `(?:...)`, `|`, and the
   * quantifiers `* + ? {m} {m,} {m,n}` (n <= 100). Backreferences,
   * lookaround, named groups, lazy or possessive quantifiers and quantified
   * groups that contain quantifiers are refused.
   */
  readonly pattern: string;
  /** @default false */
  readonly caseInsensitive?: boolean;
  /** @default the options' `defaultMode` */
  readonly mode?: MaskMode;
}

export interface AllowlistConfig {
  /** Exact values (compared case-insensitively, ignoring surrounding space) that are never masked. */
  readonly values?: readonly string[];
  /** Email domains that are never masked; `example.com` also allows `mail.example.com`. */
  readonly domains?: readonly string[];
}

export interface MaskOptions {
  /** Types to detect. @default every built-in type */
  readonly types?: readonly BuiltinPiiType[];
  /** Mode per type; types not listed use `defaultMode`, or the built-in default for that type. */
  readonly modes?: Partial<Readonly<Record<PiiType, MaskMode>>>;
  /** @default - the built-in per-type default (see DEFAULT_MODES) */
  readonly defaultMode?: MaskMode;
  /** HMAC key for `hash` mode; required as soon as any type uses `hash`. */
  readonly hashKey?: string | Uint8Array;
  /**
   * Placeholder numbering and originals to continue (one request: prompt
   * fields, then the model's response). @default - a new map per call
   */
  readonly placeholders?: PlaceholderMap;
  readonly allow?: AllowlistConfig;
  readonly customPatterns?: readonly CustomPatternConfig[];
}

export interface MaskResult {
  readonly text: string;
  readonly findings: PiiFinding[];
  /** The map that holds the originals of `<TYPE_n>` placeholders; present when one was passed in or written. */
  readonly placeholders?: PlaceholderMap;
  /** Set when masking failed internally and the whole text was withheld. */
  readonly failedClosed?: boolean;
}

export interface JsonPiiFinding extends PiiFinding {
  /** JSONPath of the string, e.g. `$.user["e-mail"]` or `$.items[2].note`. */
  readonly path: string;
  /** Whether the finding is in an object key (only when `maskKeys` is set) or in a value. */
  readonly in: 'key' | 'value';
}

export interface MaskJsonOptions extends MaskOptions {
  /** Also mask object keys. @default false */
  readonly maskKeys?: boolean;
}

export interface PlaceholderEntry {
  readonly placeholder: string;
  readonly type: PiiType;
  readonly value: string;
  /** False for values first seen after `seal()`: they stay masked when restoring. */
  readonly restorable: boolean;
}

/** Placeholder numbering and originals for one request. Never log or persist it: it holds PII. */
export interface PlaceholderMap {
  /** The placeholder for a value, created on first use. */
  placeholderFor(type: PiiType, value: string, label?: string): string;
  /** The original of a placeholder, when it is restorable. */
  originalOf(placeholder: string): string | undefined;
  /** Values first seen from now on (e.g. PII the model produced) are not restored. */
  seal(): void;
  readonly size: number;
  entries(): readonly PlaceholderEntry[];
}
