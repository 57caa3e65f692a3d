/**
 * maskPii: finds PII in a string and replaces it. Options are validated once
 * per options object; a bad option throws PiiConfigError. Masking itself never
 * throws: should a detector fail on some input, the whole text is withheld
 * (fail closed) and `failedClosed` is set.
 */
import { PiiConfigError } from './errors';
import { LazyPlaceholders, detect, replaceFindings } from './masker';
import { compileOptions } from './options';
import { createPlaceholderMap } from './placeholder-map';
import type { MaskOptions, MaskResult } from './types';

export const FAILED_CLOSED_TEXT = '[PII_MASKING_FAILED]';

export function maskPii(text: string, options?: MaskOptions): MaskResult {
  const cfg = compileOptions(options);
  if (typeof text !== 'string') return { text: '', findings: [] };
  try {
    const detected = detect(text, 0, cfg);
    const findings = detected.findings;
    const ctx = new LazyPlaceholders(options?.placeholders, createPlaceholderMap, cfg.hashKey);
    const replaced = replaceFindings(text, detected, cfg, ctx);
    const map = ctx.existing;
    return map ? { text: replaced.text, findings, placeholders: map } : { text: replaced.text, findings };
  } catch (err) {
    if (err instanceof PiiConfigError) throw err;
    return { text: FAILED_CLOSED_TEXT, findings: [], failedClosed: true };
  }
}

/** Validates options up front (at cold start) so a bad configuration fails the deployment, not a request. */
export function validateMaskOptions(options: MaskOptions): void {
  compileOptions(options);
}
