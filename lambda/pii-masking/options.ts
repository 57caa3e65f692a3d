/**
 * Validates and compiles MaskOptions once per options object (a handler keeps
 * its options at module scope, so this runs at cold start). Custom patterns
 * are compiled here; a pattern outside the safe subset is refused with a
 * PiiConfigError that says why.
 */
import { compileAllowlist, type CompiledAllowlist } from './allowlist';
import { checkCustomPatternName, compileCustomPattern } from './config-checks';
import type { CompiledPattern } from './custom-pattern-matcher';
import { PiiConfigError } from './errors';
import { ALL_TYPES_MASK, TYPE_BIT } from './scan-state';
import { PII_TYPES, type BuiltinPiiType, type CustomPatternConfig, type MaskMode, type MaskOptions, type PiiType } from './types';

/**
 * Built-in modes: card, SSN, IBAN and passport numbers keep their last four
 * digits (what receipts and statements show); everything else is redacted.
 */
export const DEFAULT_MODES: Readonly<Record<PiiType, MaskMode>> = Object.freeze({
  EMAIL: 'redact',
  PHONE: 'redact',
  CREDIT_CARD: 'mask',
  US_SSN: 'mask',
  IBAN: 'mask',
  IP_ADDRESS: 'redact',
  AWS_ACCESS_KEY: 'redact',
  API_SECRET: 'redact',
  DATE_OF_BIRTH: 'redact',
  US_PASSPORT: 'mask',
  PERSON: 'redact',
  STREET_ADDRESS: 'redact',
  CUSTOM: 'redact',
});

const MODES: ReadonlySet<string> = new Set(['redact', 'mask', 'hash', 'placeholder']);
const TYPES: ReadonlySet<string> = new Set(PII_TYPES);

export interface CompiledCustomPattern {
  readonly name: string;
  readonly mode: MaskMode;
  readonly matcher: CompiledPattern;
}

export interface CompiledOptions {
  readonly enabled: number;
  readonly modes: Readonly<Record<PiiType, MaskMode>>;
  /** `modes` as a Map, for the replacement loop (see TYPE_BITS in scan-state for why not the record). */
  readonly modeOf: ReadonlyMap<PiiType, MaskMode>;
  readonly hashKey?: Uint8Array;
  readonly allow: CompiledAllowlist;
  readonly custom: readonly CompiledCustomPattern[];
}

function modeMap(modes: Readonly<Record<PiiType, MaskMode>>): ReadonlyMap<PiiType, MaskMode> {
  return new Map(Object.entries(modes) as Array<[PiiType, MaskMode]>);
}

const DEFAULT_COMPILED: CompiledOptions = {
  enabled: ALL_TYPES_MASK,
  modes: DEFAULT_MODES,
  modeOf: modeMap(DEFAULT_MODES),
  allow: compileAllowlist(undefined),
  custom: [],
};
const cache = new WeakMap<object, CompiledOptions>();
/**
 * Options that set nothing but `defaultMode` (and a placeholder map, which
 * compiling ignores), compiled once per mode: the model proxy builds such an
 * object for every request, which the per-object cache would compile anew.
 */
const byDefaultMode = new Map<unknown, CompiledOptions>();

function setsOnlyDefaultMode(o: MaskOptions): boolean {
  return o.types === undefined && o.modes === undefined && o.hashKey === undefined && o.allow === undefined && o.customPatterns === undefined;
}
const customCache = new WeakMap<object, readonly CompiledCustomPattern[]>();
/** Per allowlist object, for the same reason: the proxy shares one allowlist across its per-request options. */
const allowCache = new WeakMap<object, CompiledAllowlist>();

function compileAllow(config: MaskOptions['allow']): CompiledAllowlist {
  if (config === undefined || config === null || typeof config !== 'object') return compileAllowlist(config);
  let compiled = allowCache.get(config);
  if (!compiled) {
    compiled = compileAllowlist(config);
    allowCache.set(config, compiled);
  }
  return compiled;
}

function checkMode(mode: unknown, where: string): MaskMode {
  if (typeof mode !== 'string' || !MODES.has(mode)) {
    throw new PiiConfigError('InvalidMode', `${where} must be one of redact, mask, hash, placeholder.`);
  }
  return mode as MaskMode;
}

function compileCustom(list: readonly CustomPatternConfig[], defaultMode: MaskMode | undefined): readonly CompiledCustomPattern[] {
  const cached = customCache.get(list);
  if (cached) return cached;
  if (!Array.isArray(list)) throw new PiiConfigError('InvalidCustomPattern', 'customPatterns must be an array.');
  const names = new Set<string>();
  const out = list.map((p, i) => {
    const where = `customPatterns[${i}]`;
    checkCustomPatternName(p?.name, where);
    if (names.has(p.name)) throw new PiiConfigError('InvalidCustomPattern', `${where}: name ${p.name} is used twice.`);
    names.add(p.name);
    const label = `${where} (${p.name})`;
    const matcher = compileCustomPattern(p.pattern, p.caseInsensitive === true, label);
    const mode = p.mode === undefined ? (defaultMode ?? DEFAULT_MODES.CUSTOM) : checkMode(p.mode, `${label}.mode`);
    return { name: p.name, mode, matcher };
  });
  customCache.set(list, out);
  return out;
}

/** Validates options and compiles them; throws PiiConfigError when they are not usable. */
export function compileOptions(options: MaskOptions | undefined): CompiledOptions {
  if (options === undefined || options === null) return DEFAULT_COMPILED;
  if (typeof options !== 'object') throw new PiiConfigError('InvalidType', 'options must be an object.');
  const modeOnly = setsOnlyDefaultMode(options);
  const cached = modeOnly ? byDefaultMode.get(options.defaultMode) : cache.get(options);
  if (cached) return cached;
  let enabled = ALL_TYPES_MASK;
  if (options.types !== undefined) {
    if (!Array.isArray(options.types)) throw new PiiConfigError('InvalidType', 'types must be an array of PII types.');
    enabled = 0;
    for (const t of options.types) {
      if (!TYPES.has(t)) throw new PiiConfigError('InvalidType', `types holds an unknown PII type.`);
      enabled |= TYPE_BIT[t as BuiltinPiiType];
    }
  }
  const defaultMode = options.defaultMode === undefined ? undefined : checkMode(options.defaultMode, 'defaultMode');
  const modes = {} as Record<PiiType, MaskMode>;
  for (const t of [...PII_TYPES, 'CUSTOM' as const]) {
    const given = options.modes?.[t];
    modes[t] = given !== undefined ? checkMode(given, `modes.${t}`) : (defaultMode ?? DEFAULT_MODES[t]);
  }
  if (options.modes) {
    for (const k of Object.keys(options.modes)) {
      if (!TYPES.has(k) && k !== 'CUSTOM') throw new PiiConfigError('InvalidType', 'modes has a key that is not a PII type.');
    }
  }
  const custom = options.customPatterns === undefined ? [] : compileCustom(options.customPatterns, defaultMode);
  let hashKey: Uint8Array | undefined;
  if (options.hashKey !== undefined) {
    hashKey = typeof options.hashKey === 'string' ? Buffer.from(options.hashKey, 'utf8') : options.hashKey;
    if (!(hashKey instanceof Uint8Array) || hashKey.length < 16) {
      throw new PiiConfigError('MissingHashKey', 'hashKey must be at least 16 bytes.');
    }
  }
  const usesHash = Object.values(modes).includes('hash') || custom.some((c) => c.mode === 'hash');
  if (usesHash && !hashKey) throw new PiiConfigError('MissingHashKey', 'hash mode needs hashKey.');
  const compiled: CompiledOptions = { enabled, modes, modeOf: modeMap(modes), hashKey, allow: compileAllow(options.allow), custom };
  if (modeOnly) byDefaultMode.set(options.defaultMode, compiled);
  else cache.set(options, compiled);
  return compiled;
}
