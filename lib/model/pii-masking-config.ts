/**
 * PiiMaskingOptions checked at synth and turned into the proxy's
 * configuration. Custom patterns and allowlist values go through the
 * masker's own checks (lambda/pii-masking/config-checks.ts), so whatever the
 * function would refuse at cold start fails synthesis instead.
 */
import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CustomPiiPattern, PiiMaskingMode, PiiMaskingOptions } from './pii-masking-options';
import {
  CustomPiiPatternConfig,
  PII_ALLOWLIST_MAX_LENGTH,
  PII_ALLOWLIST_MAX_VALUES,
  PII_CUSTOM_PATTERN_MAX_LENGTH,
  PII_CUSTOM_PATTERNS_MAX,
  PII_ENTITY_TYPES,
  PII_MASKING_CONFIG_MAX_BYTES,
  PII_PROXY_MODES,
  PiiEntityTypeName,
  PiiMaskingConfig,
} from '../contracts/model-proxy';
import { checkAllowlistValues, checkCustomPatternName, compileCustomPattern, CUSTOM_PATTERN_NAME_RULE } from '../../lambda/pii-masking/config-checks';
import { PiiConfigError } from '../../lambda/pii-masking/errors';
import { GatewayWarning } from '../gateway-warning';
import { invalidProp } from '../private/validation';
import { warnOptOut } from '../private/warnings';

export interface PiiMaskingContext {
  readonly modelName: string;
  readonly restorePlaceholders: boolean;
}

/** Validates the options, warns about types left unmasked, and returns the handler's view of them. */
export function piiMaskingConfig(scope: IConstruct, options: PiiMaskingOptions | undefined, context: PiiMaskingContext): PiiMaskingConfig {
  const mode = options?.mode ?? PiiMaskingMode.PLACEHOLDER;
  if (!(PII_PROXY_MODES as readonly string[]).includes(mode)) {
    invalidProp(scope, 'piiMasking.mode', mode, 'PiiMaskingMode.PLACEHOLDER or PiiMaskingMode.REDACT');
  }
  if (context.restorePlaceholders && mode !== PiiMaskingMode.PLACEHOLDER) {
    invalidProp(scope, 'piiMasking.mode', mode, 'PiiMaskingMode.PLACEHOLDER while restorePlaceholders is true (only placeholders can be restored)');
  }
  const config: PiiMaskingConfig = {
    mode,
    entityTypes: options?.entityTypes === undefined ? undefined : entityTypes(scope, options.entityTypes, context.modelName),
    allowlist: allowlist(scope, options?.allowlist ?? []),
    customPatterns: customPatterns(scope, options?.customPatterns ?? []),
  };
  const bytes = Buffer.byteLength(JSON.stringify(config), 'utf8');
  if (bytes > PII_MASKING_CONFIG_MAX_BYTES) {
    invalidProp(scope, 'piiMasking', `options of ${bytes} bytes`,
      `at most ${PII_MASKING_CONFIG_MAX_BYTES} bytes of allowlist and custom patterns together (the function's environment is limited to 4 KB)`);
  }
  return config;
}

function entityTypes(scope: IConstruct, given: readonly string[], modelName: string): PiiEntityTypeName[] {
  if (!Array.isArray(given)) invalidProp(scope, 'piiMasking.entityTypes', given, 'a list of PiiEntityType values');
  for (const type of given) {
    if (!(PII_ENTITY_TYPES as readonly string[]).includes(type)) {
      invalidProp(scope, 'piiMasking.entityTypes', type, `PiiEntityType values (${PII_ENTITY_TYPES.join(', ')})`);
    }
  }
  // Canonical order, each once: the configuration does not change with the order the user wrote.
  const chosen = PII_ENTITY_TYPES.filter((type) => given.includes(type));
  const off = PII_ENTITY_TYPES.filter((type) => !given.includes(type));
  if (off.length > 0) {
    warnOptOut(scope, GatewayWarning.PII_TYPES_NOT_MASKED,
      `piiMasking.entityTypes leaves out ${off.join(', ')}: the proxy of ${modelName} passes them to the model, and back to the caller, in clear.`);
  }
  return chosen;
}

function allowlist(scope: IConstruct, values: readonly string[]): string[] {
  if (!Array.isArray(values)) invalidProp(scope, 'piiMasking.allowlist', values, 'a list of strings');
  if (values.length > PII_ALLOWLIST_MAX_VALUES) {
    invalidProp(scope, 'piiMasking.allowlist', `${values.length} values`, `at most ${PII_ALLOWLIST_MAX_VALUES} values`);
  }
  values.forEach((value, i) => {
    const prop = `piiMasking.allowlist[${i}]`;
    if (typeof value !== 'string' || Token.isUnresolved(value)) invalidProp(scope, prop, value, 'a literal string (it is checked at synth)');
    if (value.trim() === '' || value.length > PII_ALLOWLIST_MAX_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
      invalidProp(scope, prop, value, `1 to ${PII_ALLOWLIST_MAX_LENGTH} characters, not only spaces, without control characters`);
    }
  });
  masker(scope, 'piiMasking.allowlist', values, () => checkAllowlistValues(values));
  return [...values];
}

function customPatterns(scope: IConstruct, patterns: readonly CustomPiiPattern[]): CustomPiiPatternConfig[] {
  if (!Array.isArray(patterns)) invalidProp(scope, 'piiMasking.customPatterns', patterns, 'a list of CustomPiiPattern');
  if (patterns.length > PII_CUSTOM_PATTERNS_MAX) {
    invalidProp(scope, 'piiMasking.customPatterns', `${patterns.length} patterns`, `at most ${PII_CUSTOM_PATTERNS_MAX} patterns`);
  }
  const names = new Set<string>();
  return patterns.map((p, i) => {
    const prop = `piiMasking.customPatterns[${i}]`;
    if (typeof p?.name !== 'string' || Token.isUnresolved(p.name)) invalidProp(scope, `${prop}.name`, p?.name, 'a literal string');
    masker(scope, `${prop}.name`, p.name, () => checkCustomPatternName(p.name, 'name'), CUSTOM_PATTERN_NAME_RULE);
    if (names.has(p.name)) invalidProp(scope, `${prop}.name`, p.name, 'a name no other custom pattern of this model uses');
    names.add(p.name);
    if (typeof p.pattern !== 'string' || Token.isUnresolved(p.pattern)) {
      invalidProp(scope, `${prop}.pattern`, p.pattern, 'a literal string (it is checked at synth)');
    }
    if (p.pattern.length > PII_CUSTOM_PATTERN_MAX_LENGTH) {
      invalidProp(scope, `${prop}.pattern`, `${p.pattern.length} characters`, `at most ${PII_CUSTOM_PATTERN_MAX_LENGTH} characters`);
    }
    const caseInsensitive = p.caseInsensitive ?? false;
    masker(scope, `${prop}.pattern`, p.pattern, () => compileCustomPattern(p.pattern, caseInsensitive, 'pattern'));
    return { name: p.name, pattern: p.pattern, caseInsensitive };
  });
}

/** Runs one of the masker's checks; its refusal becomes a validation error naming the prop, the value and the reason. */
function masker(scope: IConstruct, prop: string, value: unknown, check: () => unknown, rule?: string): void {
  try {
    check();
  } catch (err) {
    if (!(err instanceof PiiConfigError)) throw err;
    const reason = err.message.replace(/^(name|pattern): /, '').replace(/\.$/, '');
    invalidProp(scope, prop, value, rule === undefined ? `what the masker accepts; it refuses this one: ${reason}` : `${rule} (${reason})`);
  }
}
