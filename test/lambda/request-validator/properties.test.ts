import fc from 'fast-check';
import { createValidationPolicy, detectPromptInjection, Reason, validateRequest, type ValidationResult } from '../../../lambda/request-validator';
import { SECRET_MARKER } from './helpers';

const policy = createValidationPolicy({ maxBodyBytes: 8192, maxPromptLength: 2000, injectionAction: 'block' });
const STATUSES = new Set([400, 413, 415, 422]);
const REASONS = new Set<string>(Object.values(Reason));
const RUNS = { numRuns: 100 };

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 300 }));
const headers = fc.oneof(
  fc.constant({ 'Content-Type': 'application/json' }),
  fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 })),
  fc.constant(null),
);

function wellFormed(result: ValidationResult): boolean {
  return result.ok ? typeof result.value.payload.prompt === 'string' : STATUSES.has(result.error.status) && typeof result.error.message === 'string';
}

describe('validateRequest on arbitrary input', () => {
  it('never throws and always answers with a known status for any text body', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), headers, (body, isBase64Encoded, h) => wellFormed(validateRequest({ headers: h, body, isBase64Encoded }, policy))),
      RUNS,
    );
  });

  it('never throws for any bytes sent as base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) =>
        wellFormed(validateRequest(
          { headers: { 'content-type': 'application/json' }, body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true },
          policy,
        )),
      ),
      RUNS,
    );
  });

  it('never throws for any JSON value as the body', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), (body) => wellFormed(validateRequest({ headers: { 'Content-Type': 'application/json' }, body }, policy))),
      RUNS,
    );
  });

  it('never throws for payload-shaped bodies with arbitrary strings and numbers', () => {
    const payload = fc.record(
      {
        prompt: anyText,
        parameters: fc.record(
          {
            maxTokens: fc.oneof(fc.integer(), fc.double()),
            temperature: fc.double(),
            topP: fc.double(),
            stopSequences: fc.array(anyText, { maxLength: 6 }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(payload, (p) => wellFormed(validateRequest({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(p) }, policy))),
      RUNS,
    );
  });

  it('never repeats input in an error, wherever the input puts it', () => {
    const bodies = fc.oneof(
      anyText.map((t) => `${t}${SECRET_MARKER}`),
      anyText.map((t) => JSON.stringify({ prompt: `${t} ${SECRET_MARKER}`, [SECRET_MARKER]: t })),
      anyText.map((t) => JSON.stringify({ [SECRET_MARKER]: t })),
      anyText.map((t) => JSON.stringify({ prompt: t, parameters: { [SECRET_MARKER]: 1, stopSequences: [SECRET_MARKER.repeat(10)] } })),
      anyText.map((t) => `{"prompt": "${t}", "${SECRET_MARKER}": ${SECRET_MARKER}}`),
    );
    fc.assert(
      fc.property(bodies, headers, (body, h) => {
        const result = validateRequest({ headers: h, body }, policy);
        return result.ok || !JSON.stringify(result.error).includes(SECRET_MARKER);
      }),
      RUNS,
    );
  });
});

describe('detectPromptInjection on arbitrary input', () => {
  it('never throws, keeps the score in 0..1 and flags exactly at the threshold', () => {
    fc.assert(
      fc.property(anyText, fc.double({ min: 0.01, max: 1, noNaN: true }), (text, threshold) => {
        const result = detectPromptInjection(text, { threshold });
        return result.score >= 0 && result.score <= 1 && result.flagged === result.score >= threshold && result.reasons.every((r) => REASONS.has(r));
      }),
      RUNS,
    );
  });

  it('never throws on text built from attack fragments, separators and encodings', () => {
    const fragment = fc.constantFrom(
      'ignore', 'previous', 'instructions', 'system', 'prompt', '<|im_start|>', '[INST]', '![x](http://a/?q=', 'DAN', 'base64',
      '\u200b', '\u202e', 'і', '0', '!', '-', ' ', '\n', '"', "'", 'SWdub3Jl', '\\u0069', '%69', '&#105;', '\u{E0069}', '🏴',
    );
    fc.assert(fc.property(fc.array(fragment, { maxLength: 80 }), (parts) => detectPromptInjection(parts.join('')).score <= 1), RUNS);
  });
});
