import { DEFAULT_MODES, PiiConfigError, maskPii } from '../../../lambda/pii-masking';

const TEXT = 'Jane Doe <jane.doe@example.com>, card 4111 1111 1111 1111, SSN 123-45-6789, IBAN DE89 3704 0044 0532 0130 00';

describe('mask modes', () => {
  it('masks with the documented per-type defaults when no options are given', () => {
    expect(maskPii(TEXT).text).toBe('[PERSON] <[EMAIL]>, card **** **** **** 1111, SSN ***-**-6789, IBAN **** **** **** **** **30 00');
    expect(DEFAULT_MODES.CREDIT_CARD).toBe('mask');
    expect(DEFAULT_MODES.API_SECRET).toBe('redact');
  });

  it('redacts every type with defaultMode redact', () => {
    expect(maskPii(TEXT, { defaultMode: 'redact' }).text).toBe('[PERSON] <[EMAIL]>, card [CREDIT_CARD], SSN [US_SSN], IBAN [IBAN]');
  });

  it('stars names and addresses completely in mask mode, since their tail identifies them', () => {
    expect(maskPii('Dear Jody Jast, write to jody@x.org', { defaultMode: 'mask' }).text).toBe('Dear **** ****, write to ****@*.***');
  });

  it('hashes with HMAC-SHA256, stable per value and key, different across keys', () => {
    const a = maskPii('mail a@b.io and a@b.io', { defaultMode: 'hash', hashKey: 'k'.repeat(32) }).text;
    const b = maskPii('mail a@b.io', { defaultMode: 'hash', hashKey: 'q'.repeat(32) }).text;
    const [h1, h2] = a.match(/\[EMAIL#[0-9a-f]{16}\]/g) ?? [];
    expect(h1).toBeDefined();
    expect(h1).toBe(h2);
    expect(b).not.toContain(h1 as string);
  });

  it('fails when hash mode is chosen without a key', () => {
    expect(() => maskPii('x', { modes: { EMAIL: 'hash' } })).toThrow(PiiConfigError);
    expect(() => maskPii('x', { defaultMode: 'hash', hashKey: 'short' })).toThrow(/at least 16 bytes/);
  });

  it('rejects unknown modes and types with a configuration error', () => {
    expect(() => maskPii('x', { defaultMode: 'erase' as never })).toThrow(PiiConfigError);
    expect(() => maskPii('x', { types: ['NAME' as never] })).toThrow(PiiConfigError);
    expect(() => maskPii('x', { modes: { NAME: 'redact' } as never })).toThrow(PiiConfigError);
  });

  it('detects only the types asked for', () => {
    const r = maskPii(TEXT, { types: ['EMAIL'] });
    expect(r.findings.map((f) => f.type)).toEqual(['EMAIL']);
    expect(r.text).toContain('4111 1111 1111 1111');
  });

  it('does not let a switched-off type turn into another one', () => {
    expect(maskPii('SSN 123-45-6789', { types: ['PHONE'] }).findings).toEqual([]);
  });
});
