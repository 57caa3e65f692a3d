/**
 * Values and e-mail domains that are never masked: the company's own support
 * address, its public phone number, documentation domains.
 */
import { PiiConfigError } from './errors';
import type { AllowlistConfig, PiiType } from './types';

export interface CompiledAllowlist {
  readonly values: ReadonlySet<string>;
  readonly domains: readonly string[];
}

const EMPTY: CompiledAllowlist = { values: new Set(), domains: [] };

function normalizeValue(v: string): string {
  return v.trim().toLowerCase();
}

export function compileAllowlist(config: AllowlistConfig | undefined): CompiledAllowlist {
  if (!config) return EMPTY;
  const values = new Set<string>();
  for (const v of config.values ?? []) {
    if (typeof v !== 'string' || v.trim() === '') throw new PiiConfigError('InvalidAllowlist', 'allow.values must hold non-empty strings.');
    values.add(normalizeValue(v));
  }
  const domains: string[] = [];
  for (const d of config.domains ?? []) {
    if (typeof d !== 'string' || !/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(d.trim().replace(/^\.|^@/, ''))) {
      throw new PiiConfigError('InvalidAllowlist', 'allow.domains must hold domain names such as example.com.');
    }
    domains.push(d.trim().replace(/^\.|^@/, '').toLowerCase());
  }
  return { values, domains };
}

export function isAllowed(allow: CompiledAllowlist, type: PiiType, value: string): boolean {
  if (allow.values.size > 0 && allow.values.has(normalizeValue(value))) return true;
  if (type === 'EMAIL' && allow.domains.length > 0) {
    const at = value.lastIndexOf('@');
    const domain = value.slice(at + 1).toLowerCase();
    return allow.domains.some((d) => domain === d || domain.endsWith(`.${d}`));
  }
  return false;
}
