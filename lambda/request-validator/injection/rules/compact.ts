import { Reason } from '../reasons';

/**
 * Key phrases with the spaces taken out, for words spelled letter by letter
 * ("i g n o r e  a l l") or run together ("IgnoreAllPreviousInstructions").
 * Applied only to such runs, never to ordinary text.
 */
export interface CompactRule {
  readonly reason: Reason;
  readonly weight: number;
  readonly pattern: RegExp;
}

export const COMPACT_RULES: readonly CompactRule[] = [
  {
    reason: Reason.INSTRUCTION_OVERRIDE, weight: 0.75,
    pattern: /(?:ignore|disregard|forget|bypass|override|ignora|ignoriere|vergiss|oublie|olvida|esqueca|dimentica)(?:all|any|every|the|your|of|todas|alle|toutes|tutte|tudo|todo){0,3}(?:previous|prior|above|earlier|preceding|original|initial|system|safety|anteriores|vorherigen|precedentes|precedenti)?(?:instructions?|prompts?|rules|guidelines|directives|commands|instrucciones|anweisungen|consignes|istruzioni|instrucoes|regeln|regles|reglas)/,
  },
  { reason: Reason.INSTRUCTION_OVERRIDE, weight: 0.5, pattern: /ignorethe(?:above|previous)|forgeteverything|newinstructions/ },
  {
    reason: Reason.SYSTEM_PROMPT_EXTRACTION, weight: 0.75,
    pattern: /(?:reveal|show|print|repeat|output|display|tellme|leak|dump|giveme|whatis|whatare)(?:me)?(?:your|the)(?:full|entire|initial|original|hidden|secret|system)?(?:systemprompt|prompt|instructions?|systemmessage|rules)/,
  },
  { reason: Reason.SYSTEM_PROMPT_EXTRACTION, weight: 0.4, pattern: /systemprompt|initialprompt|hiddeninstructions/ },
  { reason: Reason.ROLE_PLAY_JAILBREAK, weight: 0.6, pattern: /doanythingnow|developermode(?:enabled|activated|on)|(?:no|without)(?:any)?(?:restrictions|filters|rules|limits|censorship|guidelines)|jailbreak(?:mode)?|unfiltered(?:ai|mode|assistant)|uncensored(?:ai|mode|assistant)|godmode/ },
  { reason: Reason.FORCED_OUTPUT, weight: 0.6, pattern: /(?:ihavebeen|ivebeen|youhavebeen)?pwn(?:e|3)?d/ },
  { reason: Reason.EXFILTRATION, weight: 0.5, pattern: /(?:send|post|upload|forward|leak|exfiltrate)(?:the|all|this|your)?(?:conversation|chathistory|history|data|password|secrets?|apikey|credentials|systemprompt)/ },
];
