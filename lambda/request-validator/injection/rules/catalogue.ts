import { EXTRACTION_RULES } from './extraction';
import { EXFILTRATION_RULES } from './exfiltration';
import { INDIRECT_RULES } from './indirect';
import { JAILBREAK_RULES } from './jailbreak';
import { EXFILTRATION_TEXT_RULES, MARKUP_RULES } from './markup';
import { OVERRIDE_RULES } from './override';
import type { TextRule, WordRule } from './rule';
import { SCRIPT_RULES } from './scripts';

/** Every word rule, in one list the matcher indexes once per process. */
export const WORD_RULES: readonly WordRule[] = [
  ...OVERRIDE_RULES,
  ...EXTRACTION_RULES,
  ...JAILBREAK_RULES,
  ...EXFILTRATION_RULES,
  ...INDIRECT_RULES,
];

export const TEXT_RULES: readonly TextRule[] = [...MARKUP_RULES, ...EXFILTRATION_TEXT_RULES, ...SCRIPT_RULES];
