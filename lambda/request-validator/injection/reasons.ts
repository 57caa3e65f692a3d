/**
 * Stable reason codes of the injection guard. Clients and dashboards may key
 * on them; add new ones, never rename.
 */
export const Reason = {
  INSTRUCTION_OVERRIDE: 'instruction_override',
  SYSTEM_PROMPT_EXTRACTION: 'system_prompt_extraction',
  SECRET_EXTRACTION: 'secret_extraction',
  ROLE_PLAY_JAILBREAK: 'role_play_jailbreak',
  SAFETY_BYPASS: 'safety_bypass',
  CHAT_MARKUP_SPOOFING: 'chat_markup_spoofing',
  EXFILTRATION: 'exfiltration',
  TOOL_INVOCATION: 'tool_invocation',
  INDIRECT_INJECTION: 'indirect_injection',
  HIDDEN_TEXT: 'hidden_text',
  STEALTH_INSTRUCTION: 'stealth_instruction',
  FORCED_OUTPUT: 'forced_output',
  AUTHORITY_CLAIM: 'authority_claim',
  ENCODED_INSTRUCTIONS: 'encoded_instructions',
  INVISIBLE_CHARACTERS: 'invisible_characters',
  BIDI_CONTROLS: 'bidi_controls',
  HIDDEN_UNICODE_TAGS: 'hidden_unicode_tags',
  HOMOGLYPHS: 'homoglyphs',
  LEETSPEAK: 'leetspeak',
  SPACED_LETTERS: 'spaced_letters',
  BASE64_PAYLOAD: 'base64_payload',
  HEX_PAYLOAD: 'hex_payload',
  ROT13_PAYLOAD: 'rot13_payload',
  REVERSED_TEXT: 'reversed_text',
  ESCAPED_PAYLOAD: 'escaped_payload',
  PAYLOAD_SPLITTING: 'payload_splitting',
} as const;

export type Reason = (typeof Reason)[keyof typeof Reason];
