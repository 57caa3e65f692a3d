import { PiiConfigError, maskPii } from '../../../lambda/pii-masking';

describe('allowlist', () => {
  it('keeps allowed values and e-mail domains (with subdomains) unmasked', () => {
    const r = maskPii('Write support@acme.com, ops@eu.acme.com or jane@gmail.com; hotline +1 800 555 0199, mine +1 415 555 0123.', {
      allow: { domains: ['acme.com'], values: ['+1 800 555 0199'] },
    });
    expect(r.text).toBe('Write support@acme.com, ops@eu.acme.com or [EMAIL]; hotline +1 800 555 0199, mine [PHONE].');
  });

  it('compares allowed values case-insensitively and ignores surrounding space', () => {
    expect(maskPii('SUPPORT@ACME.COM', { allow: { values: ['  support@acme.com '] } }).findings).toEqual([]);
  });

  it('does not treat a look-alike domain as allowed', () => {
    expect(maskPii('x@notacme.com', { allow: { domains: ['acme.com'] } }).findings).toHaveLength(1);
  });

  it('rejects an allowlist that is not a list of domains', () => {
    expect(() => maskPii('x', { allow: { domains: ['not a domain'] } })).toThrow(PiiConfigError);
    expect(() => maskPii('x', { allow: { values: [''] } })).toThrow(PiiConfigError);
  });
});
