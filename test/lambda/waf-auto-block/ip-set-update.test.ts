import { GetIPSetCommand, UpdateIPSetCommand, WAFNonexistentItemException, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import type { IpSetRef } from '../../../lambda/waf-auto-block/config';
import { RETRY } from '../../../lambda/waf-auto-block/constants';
import { parseIp } from '../../../lambda/waf-auto-block/ip-address';
import { planAdditions } from '../../../lambda/waf-auto-block/ip-set-plan';
import { updateIpSet } from '../../../lambda/waf-auto-block/ip-set-update';
import { FakeIpSets } from './support/fake-ip-sets';
import { TestEnv, V4_SET_ID } from './support/harness';

const REF: IpSetRef = { name: 'auto-block-v4', id: V4_SET_ID, scope: 'REGIONAL' };
const OFFENDER = parseIp('203.0.113.9')!;

function setup(addresses: string[] = []) {
  const waf = new WAFV2Client({ region: 'eu-west-1' });
  const mock = mockClient(waf);
  const sets = new FakeIpSets();
  sets.install(mock);
  sets.create(V4_SET_ID, addresses, 'blocked by the gateway');
  const env = new TestEnv();
  const add = (current: readonly string[]) => planAdditions(current, [OFFENDER], 10_000);
  return { waf, mock, sets, env, add };
}

describe('updateIpSet', () => {
  it('writes with the lock token it read and keeps the description', async () => {
    const { waf, mock, sets, env, add } = setup(['192.0.2.1/32']);
    const result = await updateIpSet(waf, REF, add, env);
    expect(result).toMatchObject({ outcome: 'updated', lockRetries: 0 });
    expect(sets.addresses(V4_SET_ID)).toEqual(['192.0.2.1/32', '203.0.113.9/32']);
    expect(sets.description(V4_SET_ID)).toBe('blocked by the gateway');
    expect(mock.commandCalls(UpdateIPSetCommand)[0].args[0].input).toMatchObject({ Name: REF.name, Id: REF.id, Scope: 'REGIONAL', LockToken: '1' });
  });

  it('re-reads and re-plans after a lock conflict, keeping the other writer\'s change', async () => {
    const { waf, mock, sets, env, add } = setup();
    sets.interfere(1, (addresses) => [...addresses, '198.51.100.50/32']);
    const result = await updateIpSet(waf, REF, add, env);
    expect(result).toMatchObject({ outcome: 'updated', lockRetries: 1 });
    expect(sets.addresses(V4_SET_ID)).toEqual(['198.51.100.50/32', '203.0.113.9/32']);
    expect(mock.commandCalls(GetIPSetCommand)).toHaveLength(2);
    expect(env.sleeps).toHaveLength(1);
  });

  it('gives up cleanly after the attempt bound when every write loses the lock', async () => {
    const { waf, mock, sets, env, add } = setup();
    sets.interfere(100);
    const result = await updateIpSet(waf, REF, add, env);
    expect(result).toEqual({ outcome: 'lockExhausted', lockRetries: RETRY.maxAttempts - 1 });
    expect(mock.commandCalls(UpdateIPSetCommand)).toHaveLength(RETRY.maxAttempts);
    expect(sets.addresses(V4_SET_ID)).toEqual([]);
  });

  it('backs off with jitter under an exponential ceiling capped at the maximum delay', async () => {
    const { waf, sets, env, add } = setup();
    sets.interfere(100);
    env.randomValue = 0.999;
    await updateIpSet(waf, REF, add, env);
    const ceilings = env.sleeps.map((_, i) => Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** (i + 1)));
    env.sleeps.forEach((delay, i) => {
      expect(delay).toBeLessThan(ceilings[i]);
      expect(delay).toBeGreaterThanOrEqual(Math.floor(0.999 * ceilings[i]));
    });
    const low = setup();
    low.sets.interfere(1);
    low.env.randomValue = 0;
    await updateIpSet(low.waf, REF, low.add, low.env);
    expect(low.env.sleeps).toEqual([0]);
  });

  it('gives up without waiting when the invocation has too little time left for a retry', async () => {
    const { waf, mock, sets, env, add } = setup();
    sets.interfere(100);
    env.remaining = RETRY.reserveMs;
    const result = await updateIpSet(waf, REF, add, env);
    expect(result).toEqual({ outcome: 'lockExhausted', lockRetries: 0 });
    expect(mock.commandCalls(UpdateIPSetCommand)).toHaveLength(1);
    expect(env.sleeps).toEqual([]);
  });

  it('sends no UpdateIPSet when the plan changes nothing', async () => {
    const { waf, mock, env, add } = setup(['203.0.113.9/32']);
    const result = await updateIpSet(waf, REF, add, env);
    expect(result).toMatchObject({ outcome: 'unchanged', detail: { alreadyPresent: 1 } });
    expect(mock.commandCalls(UpdateIPSetCommand)).toHaveLength(0);
  });

  it('lets errors other than a lock conflict propagate', async () => {
    const { waf, mock, env, add } = setup();
    mock.on(GetIPSetCommand).rejects(new WAFNonexistentItemException({ message: 'gone', $metadata: {} }));
    await expect(updateIpSet(waf, REF, add, env)).rejects.toThrow(WAFNonexistentItemException);
  });
});
