/**
 * maskJson: masks every string in a JSON value and returns a deep copy; the
 * input is never modified. Each string is scanned with its property name in
 * front as context, so `{"ssn": "123456789"}` and `{"dob": "1990-01-01"}` are
 * recognised although the value alone says nothing. Keys are left alone
 * unless `maskKeys` is set. Numbers that turn out to be PII in context
 * (`{"phone": 4155550123}`) are replaced by the masked string. The walk uses
 * an explicit stack, so nesting depth cannot overflow the call stack, and
 * shared or cyclic references are copied once and stay shared.
 */
import { PiiConfigError } from './errors';
import { LazyPlaceholders, detect, replaceFindings, type Detected } from './masker';
import { compileOptions, type CompiledOptions } from './options';
import { createPlaceholderMap } from './placeholder-map';
import type { JsonPiiFinding, MaskJsonOptions, PlaceholderMap } from './types';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return IDENT.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** The key as context: `ssn: `. Long or odd keys add nothing useful. */
function contextPrefix(key: string | undefined): string {
  if (key === undefined || key.length === 0 || key.length > 40 || /[\n\r]/.test(key)) return '';
  return `${key}: `;
}

interface Job {
  readonly value: unknown;
  readonly path: string;
  readonly key: string | undefined;
  readonly assign: (v: unknown) => void;
}

export function maskJson<T>(value: T, options?: MaskJsonOptions): { value: T; findings: JsonPiiFinding[]; placeholders?: PlaceholderMap } {
  const cfg = compileOptions(options);
  const ctx = new LazyPlaceholders(options?.placeholders, createPlaceholderMap, cfg.hashKey);
  const findings: JsonPiiFinding[] = [];
  const copies = new Map<object, unknown>();
  let result: unknown;
  const stack: Job[] = [{ value, path: '$', key: undefined, assign: (v) => (result = v) }];
  while (stack.length > 0) {
    const job = stack.pop() as Job;
    const v = job.value;
    if (typeof v === 'string') {
      job.assign(maskString(v, job.key, job.path, 'value', cfg, ctx, findings));
    } else if (typeof v === 'number' && Number.isFinite(v)) {
      const asText = String(v);
      const masked = maskString(asText, job.key, job.path, 'value', cfg, ctx, findings);
      job.assign(masked === asText ? v : masked);
    } else if (v !== null && typeof v === 'object') {
      const seen = copies.get(v);
      if (seen !== undefined) {
        job.assign(seen);
        continue;
      }
      const source = typeof (v as { toJSON?: unknown }).toJSON === 'function' && !(v instanceof Date) ? safeToJson(v) : v;
      if (v instanceof Date) {
        const d = new Date(v.getTime());
        copies.set(v, d);
        job.assign(d);
      } else if (Array.isArray(source)) {
        const arr: unknown[] = new Array(source.length);
        copies.set(v, arr);
        job.assign(arr);
        for (let i = source.length - 1; i >= 0; i--) {
          stack.push({ value: source[i], path: childPath(job.path, i), key: job.key, assign: (x) => (arr[i] = x) });
        }
      } else if (source !== null && typeof source === 'object') {
        const obj: Record<string, unknown> = {};
        copies.set(v, obj);
        job.assign(obj);
        const keys = Object.keys(source);
        const children: Job[] = [];
        for (const k of keys) {
          // With maskKeys, paths name the masked key, so a finding's path never carries the PII itself.
          const outKey = options?.maskKeys ? maskKey(k, job.path, obj, cfg, ctx, findings) : k;
          if (options?.maskKeys) obj[outKey] = undefined;
          children.push({ value: (source as Record<string, unknown>)[k], path: childPath(job.path, outKey), key: k, assign: (x) => (obj[outKey] = x) });
        }
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      } else {
        job.assign(source);
      }
    } else {
      job.assign(v);
    }
  }
  const map = ctx.existing;
  return map ? { value: result as T, findings, placeholders: map } : { value: result as T, findings };
}

function safeToJson(v: object): unknown {
  try {
    return (v as { toJSON: () => unknown }).toJSON();
  } catch {
    return {};
  }
}

function maskString(
  v: string,
  key: string | undefined,
  path: string,
  where: 'key' | 'value',
  cfg: CompiledOptions,
  ctx: LazyPlaceholders,
  out: JsonPiiFinding[],
): string {
  const prefix = contextPrefix(key);
  let found: Detected;
  try {
    found = detect(prefix + v, prefix.length, cfg);
  } catch (err) {
    if (err instanceof PiiConfigError) throw err;
    return '[PII_MASKING_FAILED]';
  }
  if (found.findings.length === 0) return v;
  for (const f of found.findings) out.push({ ...f, path, in: where });
  return replaceFindings(v, found, cfg, ctx).text;
}

/** Masks a key; a key that masks to one already present gets a `_2`, `_3`... suffix instead of overwriting it. */
function maskKey(k: string, parentPath: string, obj: Record<string, unknown>, cfg: CompiledOptions, ctx: LazyPlaceholders, out: JsonPiiFinding[]): string {
  const keyFindings: JsonPiiFinding[] = [];
  let masked = maskString(k, undefined, '', 'key', cfg, ctx, keyFindings);
  if (masked !== k && Object.prototype.hasOwnProperty.call(obj, masked)) {
    let n = 2;
    while (Object.prototype.hasOwnProperty.call(obj, `${masked}_${n}`)) n++;
    masked = `${masked}_${n}`;
  }
  const path = childPath(parentPath, masked);
  for (const f of keyFindings) out.push({ ...f, path });
  return masked;
}
