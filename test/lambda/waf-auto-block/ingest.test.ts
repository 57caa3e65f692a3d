import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetIPSetCommand, UpdateIPSetCommand } from '@aws-sdk/client-wafv2';
import { handleAutoBlockEvent } from '../../../lambda/waf-auto-block/auto-block';
import { PRESENCE_TTL_MS } from '../../../lambda/waf-auto-block/constants';
import { authorizerLine, logsEvent, wafLog } from './support/events';
import { harness, V4_SET_ID, V6_SET_ID } from './support/harness';

const NOW_SECONDS = 1_700_000_000;
const WINDOW_START = NOW_SECONDS - (NOW_SECONDS % 300);

function repeat<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

describe('log ingestion', () => {
  it('blocks an address when its count crosses the threshold across two invocations', async () => {
    const h = harness({ threshold: 3 });
    const first = await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9'), wafLog('203.0.113.9')]), h.deps, h.logger);
    expect(first).toMatchObject({ offenses: 2, candidates: 0, added: 0 });
    expect(h.table.number(`count#203.0.113.9/32#${WINDOW_START}`, 'hits')).toBe(2);
    expect(h.wafMock.commandCalls(GetIPSetCommand)).toHaveLength(0);

    const second = await handleAutoBlockEvent(logsEvent([authorizerLine('203.0.113.9', 'Unauthorized')]), h.deps, h.logger);
    expect(second).toMatchObject({ offenses: 1, candidates: 1, newBlocks: 1, added: 1, addedAddresses: ['203.0.113.9/32'] });
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual(['203.0.113.9/32']);
    expect(h.table.number('block#203.0.113.9/32', 'blockedUntil')).toBe(NOW_SECONDS + 3600);
    expect(h.table.number('block#203.0.113.9/32', 'ttl')).toBeGreaterThan(NOW_SECONDS + 3600);
  });

  it('counts in one write per address and window, with a TTL after the window', async () => {
    const h = harness({ threshold: 100 });
    await handleAutoBlockEvent(logsEvent(repeat(50, () => wafLog('203.0.113.9'))), h.deps, h.logger);
    expect(h.dynamoMock.commandCalls(UpdateItemCommand)).toHaveLength(1);
    expect(h.table.number(`count#203.0.113.9/32#${WINDOW_START}`, 'ttl')).toBeGreaterThan(WINDOW_START + 300);
  });

  it('counts offenses in the window of their own timestamp', async () => {
    const h = harness({ threshold: 2, windowSeconds: 60 });
    const messages = [wafLog('203.0.113.9')];
    await handleAutoBlockEvent(logsEvent(messages, (NOW_SECONDS - 120) * 1000), h.deps, h.logger);
    const result = await handleAutoBlockEvent(logsEvent(messages, NOW_SECONDS * 1000), h.deps, h.logger);
    expect(result.candidates).toBe(0);
  });

  it('counts WAF blocks and authorizer denials, and not allowed, counted or challenged requests', async () => {
    const h = harness({ threshold: 1000 });
    const result = await handleAutoBlockEvent(logsEvent([
      wafLog('192.0.2.1', 'BLOCK'), wafLog('192.0.2.1', 'ALLOW'), wafLog('192.0.2.1', 'COUNT'),
      wafLog('192.0.2.1', 'CAPTCHA'), wafLog('192.0.2.1', 'CHALLENGE'),
      authorizerLine('192.0.2.1', 'Deny'), authorizerLine('192.0.2.1', 'Unauthorized'), authorizerLine('192.0.2.1', 'Allow'),
    ]), h.deps, h.logger);
    expect(result).toMatchObject({ events: 8, offenses: 3, malformed: 0 });
    expect(h.table.number(`count#192.0.2.1/32#${WINDOW_START}`, 'hits')).toBe(3);
  });

  it('treats every spelling of an IPv6 address as one address and adds it once as /128', async () => {
    const h = harness({ threshold: 3 });
    const result = await handleAutoBlockEvent(logsEvent([
      wafLog('2001:db8::1'), wafLog('2001:0DB8:0000:0000:0000:0000:0000:0001'), authorizerLine('2001:db8:0:0::1'),
    ]), h.deps, h.logger);
    expect(result).toMatchObject({ candidates: 1, added: 1 });
    expect(h.ipSets.addresses(V6_SET_ID)).toEqual(['2001:db8::1/128']);
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual([]);
  });

  it('counts an IPv4-mapped IPv6 client as the IPv4 address and blocks it in the IPv4 set', async () => {
    const h = harness({ threshold: 2 });
    await handleAutoBlockEvent(logsEvent([wafLog('::ffff:198.51.100.4'), authorizerLine('198.51.100.4')]), h.deps, h.logger);
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual(['198.51.100.4/32']);
    expect(h.ipSets.addresses(V6_SET_ID)).toEqual([]);
  });

  it('never counts or blocks allowlisted addresses, IPv4 or IPv6', async () => {
    const h = harness({ threshold: 1, allowlist: ['10.0.0.0/8', '2001:db8:ab::/48'] });
    const result = await handleAutoBlockEvent(logsEvent([
      wafLog('10.20.30.40'), wafLog('::ffff:10.1.1.1'), wafLog('2001:db8:ab:cd::9'), wafLog('2001:DB8:AB::1'), wafLog('192.0.2.5'),
    ]), h.deps, h.logger);
    expect(result).toMatchObject({ skippedAllowlisted: 4, offenses: 1, added: 1 });
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual(['192.0.2.5/32']);
    expect(h.ipSets.addresses(V6_SET_ID)).toEqual([]);
    expect([...h.table.items.keys()].filter((k) => k.includes('10.') || k.includes('2001'))).toEqual([]);
  });

  it('adds an address that is already blocked and present without sending an UpdateIPSet', async () => {
    const h = harness({ threshold: 1 });
    await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')]), h.deps, h.logger);
    const again = await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')]), h.deps, h.logger);
    expect(again).toMatchObject({ candidates: 1, newBlocks: 0, added: 0, alreadyPresent: 1 });
    expect(h.wafMock.commandCalls(UpdateIPSetCommand)).toHaveLength(1);
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual(['203.0.113.9/32']);
  });

  it('checks a running block against the IP set again only once the presence cache has expired', async () => {
    const h = harness({ threshold: 1 });
    await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')]), h.deps, h.logger);
    expect(h.wafMock.commandCalls(GetIPSetCommand)).toHaveLength(1);
    h.env.nowMs += PRESENCE_TTL_MS - 1;
    await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')], h.env.nowMs), h.deps, h.logger);
    expect(h.wafMock.commandCalls(GetIPSetCommand)).toHaveLength(1);
    h.env.nowMs += 1;
    const later = await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')], h.env.nowMs), h.deps, h.logger);
    expect(h.wafMock.commandCalls(GetIPSetCommand)).toHaveLength(2);
    expect(later).toMatchObject({ alreadyPresent: 1, added: 0 });
    expect(h.wafMock.commandCalls(UpdateIPSetCommand)).toHaveLength(1);
  });

  it('heals a running block lost from the IP set once the presence cache has expired', async () => {
    const h = harness({ threshold: 1 });
    await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')]), h.deps, h.logger);
    h.ipSets.create(V4_SET_ID, []);
    h.env.nowMs += PRESENCE_TTL_MS;
    const healed = await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')], h.env.nowMs), h.deps, h.logger);
    expect(healed).toMatchObject({ newBlocks: 0, added: 1 });
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual(['203.0.113.9/32']);
  });

  it('does not extend a running block when the address keeps offending', async () => {
    const h = harness({ threshold: 1, blockSeconds: 600 });
    await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')]), h.deps, h.logger);
    h.env.nowMs += 120_000;
    await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')], h.env.nowMs), h.deps, h.logger);
    expect(h.table.number('block#203.0.113.9/32', 'blockedUntil')).toBe(NOW_SECONDS + 600);
  });

  it('re-offers a running block whose earlier IP set update failed', async () => {
    const h = harness({ threshold: 1 });
    h.ipSets.interfere(100);
    const failed = await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')]), h.deps, h.logger);
    expect(failed).toMatchObject({ newBlocks: 1, added: 0, lockExhausted: 1 });
    h.ipSets.stopInterfering();
    const later = await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')]), h.deps, h.logger);
    expect(later).toMatchObject({ newBlocks: 0, added: 1 });
  });

  it('starts one block when two invocations race for the same address', async () => {
    const h = harness({ threshold: 1 });
    const [a, b] = await Promise.all([
      handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')]), h.deps, h.logger),
      handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')]), h.deps, h.logger),
    ]);
    expect(a.newBlocks + b.newBlocks).toBe(1);
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual(['203.0.113.9/32']);
  });

  it('fills the set up to 10,000 addresses, worst offenders first, and counts the rest as skipped', async () => {
    const h = harness({ threshold: 1 });
    const existing = Array.from({ length: 9_999 }, (_, i) => `10.0.${i >> 8}.${i & 0xff}/32`);
    h.ipSets.create(V4_SET_ID, existing);
    const result = await handleAutoBlockEvent(logsEvent([
      wafLog('192.0.2.1'), wafLog('192.0.2.2'), wafLog('192.0.2.2'), wafLog('192.0.2.3'),
    ]), h.deps, h.logger);
    expect(result).toMatchObject({ candidates: 3, added: 1, skippedFull: 2, addedAddresses: ['192.0.2.2/32'] });
    expect(result.skippedFullAddresses).toEqual(['192.0.2.1/32', '192.0.2.3/32']);
    const addresses = h.ipSets.addresses(V4_SET_ID);
    expect(addresses).toHaveLength(10_000);
    expect(addresses.slice(0, 9_999)).toEqual(existing);
    expect(JSON.parse(h.lines.at(-1)!)).toMatchObject({ level: 'WARN', skippedFull: 2 });

    // Room frees up: a skipped address gets in on its next offense, without waiting for a cache.
    h.ipSets.create(V4_SET_ID, []);
    const next = await handleAutoBlockEvent(logsEvent([wafLog('192.0.2.1')]), h.deps, h.logger);
    expect(next).toMatchObject({ added: 1, newBlocks: 0 });
  });

  it('skips IPv6 offenders when no IPv6 set is configured', async () => {
    const h = harness({ threshold: 1, ipv6IpSetName: undefined, ipv6IpSetId: undefined });
    const result = await handleAutoBlockEvent(logsEvent([wafLog('2001:db8::1'), wafLog('192.0.2.1')]), h.deps, h.logger);
    expect(result).toMatchObject({ skippedNoIpSet: 1, offenses: 1, added: 1 });
    expect(h.wafMock.commandCalls(GetIPSetCommand).map((c) => c.args[0].input.Id)).toEqual([V4_SET_ID]);
  });

  it('does not count blocks by an ignored rule', async () => {
    const h = harness({ threshold: 1, ignoredRuleIds: ['auto-block'] });
    const result = await handleAutoBlockEvent(logsEvent([wafLog('192.0.2.1', 'BLOCK', 'auto-block')]), h.deps, h.logger);
    expect(result).toMatchObject({ ignoredRule: 1, offenses: 0, candidates: 0 });
  });
});

describe('malformed input', () => {
  it('skips and counts malformed log events and still processes the good ones', async () => {
    const h = harness({ threshold: 2 });
    const result = await handleAutoBlockEvent(logsEvent([
      'START RequestId: abc Version: $LATEST',
      '{"truncated": ',
      JSON.stringify({ action: 'BLOCK', httpRequest: {} }),
      JSON.stringify({ decision: 'Deny' }),
      wafLog('not-an-ip'),
      wafLog('192.0.2.1'),
      authorizerLine('192.0.2.1'),
    ]), h.deps, h.logger);
    expect(result).toMatchObject({ events: 7, malformed: 4, invalidIp: 1, offenses: 2, added: 1 });
  });

  it.each([
    ['bad base64', { awslogs: { data: '%%%' } }],
    ['bad gzip', { awslogs: { data: Buffer.from('hello').toString('base64') } }],
    ['no data', { awslogs: {} }],
  ])('counts a payload with %s as malformed and does not throw', async (_, event) => {
    const h = harness();
    const result = await handleAutoBlockEvent(event, h.deps, h.logger);
    expect(result).toMatchObject({ trigger: 'logs', malformed: 1, events: 0 });
    expect(h.dynamoMock.calls()).toHaveLength(0);
  });

  it('counts a DynamoDB failure by error name and does not fail the batch', async () => {
    const h = harness({ threshold: 1 });
    h.dynamoMock.on(UpdateItemCommand).rejects(
      Object.assign(new Error('Requested resource not found: table auto-block-state'), { name: 'ResourceNotFoundException' }),
    );
    const result = await handleAutoBlockEvent(logsEvent([wafLog('192.0.2.1')]), h.deps, h.logger);
    expect(result).toMatchObject({ errors: { ResourceNotFoundException: 1 }, candidates: 0 });
    expect(h.lines.at(-1)).not.toContain('Requested resource');
  });

  it('does not add an address to the IP set when its block could not be recorded', async () => {
    const h = harness({ threshold: 1 });
    h.dynamoMock.on(PutItemCommand).rejects(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));
    const result = await handleAutoBlockEvent(logsEvent([wafLog('192.0.2.1')]), h.deps, h.logger);
    expect(result).toMatchObject({ candidates: 1, added: 0, errors: { ProvisionedThroughputExceededException: 1 } });
    expect(h.wafMock.calls()).toHaveLength(0);
  });
});
