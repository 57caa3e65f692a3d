import { parseAutoBlockConfig } from '../../../lambda/waf-auto-block/config';
import { BASE_CONFIG } from './support/harness';

function parse(value: unknown) {
  return parseAutoBlockConfig(JSON.stringify(value));
}

function errorsOf(value: unknown): readonly string[] {
  const result = parse(value);
  if (result.success) throw new Error('expected the configuration to be refused');
  return result.errors;
}

describe('parseAutoBlockConfig', () => {
  it('reads a full configuration', () => {
    const result = parse({ ...BASE_CONFIG, allowlist: ['10.0.0.0/8', '2001:db8::/32'], maxAddresses: 500, ignoredRuleIds: ['auto-block'] });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.ipv4IpSet).toEqual({ name: 'auto-block-v4', id: BASE_CONFIG.ipSetId, scope: 'REGIONAL' });
    expect(result.data.ipv6IpSet).toEqual({ name: 'auto-block-v6', id: BASE_CONFIG.ipv6IpSetId, scope: 'REGIONAL' });
    expect(result.data.allowlist).toHaveLength(2);
    expect(result.data.maxAddresses).toBe(500);
    expect([...result.data.ignoredRuleIds]).toEqual(['auto-block']);
  });

  it('defaults maxAddresses to the WAF quota and has no IPv6 set unless configured', () => {
    const { ipv6IpSetName: _name, ipv6IpSetId: _id, ...v4Only } = BASE_CONFIG;
    const result = parse(v4Only);
    expect(result.success && result.data.maxAddresses).toBe(10_000);
    expect(result.success && result.data.ipv6IpSet).toBeUndefined();
    expect(result.success && result.data.ignoredRuleIds.size).toBe(0);
  });

  it.each([undefined, '', '  ', 'not json', '[]', '42', 'null'])('fails when the variable is %j', (raw) => {
    const result = parseAutoBlockConfig(raw);
    expect(result.success).toBe(false);
  });

  it('fails when required fields are missing, and names each of them', () => {
    const errors = errorsOf({});
    for (const field of ['ipSetName', 'ipSetId', 'tableName', 'threshold', 'windowSeconds', 'blockSeconds', 'allowlist']) {
      expect(errors.some((e) => e.startsWith(field))).toBe(true);
    }
  });

  it('fails when only half of the IPv6 set is given', () => {
    const { ipv6IpSetId: _id, ...half } = BASE_CONFIG;
    expect(errorsOf(half)).toEqual([expect.stringMatching(/^ipv6IpSetId/)]);
  });

  it('fails when maxAddresses exceeds the WAF quota of 10,000', () => {
    expect(errorsOf({ ...BASE_CONFIG, maxAddresses: 10_001 })).toEqual([expect.stringMatching(/^maxAddresses/)]);
  });

  it.each([
    ['threshold', 0], ['threshold', 2.5], ['threshold', '3'], ['windowSeconds', 0], ['windowSeconds', 86_401],
    ['blockSeconds', -1], ['windowSeconds', 59], ['threshold', 1_000_001], ['ipSetId', 'not-an-id'], ['ipSetName', 'has space'], ['tableName', 'ab'],
  ])('fails when %s is %j', (field, value) => {
    expect(errorsOf({ ...BASE_CONFIG, [field]: value })).toEqual([expect.stringMatching(new RegExp(`^${field}`))]);
  });

  it('fails when an allowlist entry is not a CIDR, without echoing it', () => {
    const errors = errorsOf({ ...BASE_CONFIG, allowlist: ['10.0.0.0/8', 'secret-looking-value', 42] });
    expect(errors).toEqual(['allowlist[1]: expected an IPv4 or IPv6 address or CIDR', 'allowlist[2]: expected an IPv4 or IPv6 address or CIDR']);
    expect(errors.join()).not.toContain('secret-looking-value');
  });

  it('fails on the CloudFront scope, which no construct writes: the sets are regional', () => {
    expect(errorsOf({ ...BASE_CONFIG, ipSetScope: 'CLOUDFRONT' })).toEqual(['ipSetScope: unknown field']);
  });

  it('fails on unknown fields, so a misspelt option is not silently ignored', () => {
    expect(errorsOf({ ...BASE_CONFIG, treshold: 5 })).toEqual(['treshold: unknown field']);
  });
});
