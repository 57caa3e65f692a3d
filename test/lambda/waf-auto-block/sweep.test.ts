import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetIPSetCommand, UpdateIPSetCommand, WAFNonexistentItemException } from '@aws-sdk/client-wafv2';
import { handleAutoBlockEvent } from '../../../lambda/waf-auto-block/auto-block';
import { RETRY } from '../../../lambda/waf-auto-block/constants';
import { logsEvent, scheduledEvent, wafLog } from './support/events';
import { harness, V4_SET_ID, V6_SET_ID } from './support/harness';

const NOW_SECONDS = 1_700_000_000;

describe('scheduled sweep', () => {
  it('removes only the addresses whose block has expired', async () => {
    const h = harness();
    h.ipSets.create(V4_SET_ID, ['192.0.2.1/32', '192.0.2.2/32', '192.0.2.3/32', '10.0.0.0/8', '192.0.2.4/32']);
    h.table.setBlock('192.0.2.1/32', NOW_SECONDS - 1);
    h.table.setBlock('192.0.2.2/32', NOW_SECONDS + 60);
    h.table.setBlock('192.0.2.4/32', NOW_SECONDS);
    // 192.0.2.3 has no record (added by hand); 10.0.0.0/8 is a range.
    const result = await handleAutoBlockEvent(scheduledEvent(), h.deps, h.logger);
    expect(result).toMatchObject({ trigger: 'sweep', expired: 2, removed: 2, unmanaged: 1 });
    expect(result.removedAddresses).toEqual(['192.0.2.1/32', '192.0.2.4/32']);
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual(['192.0.2.2/32', '192.0.2.3/32', '10.0.0.0/8']);
  });

  it('removes an expired IPv6 entry whatever spelling the set holds it in', async () => {
    const h = harness();
    h.ipSets.create(V6_SET_ID, ['2001:0DB8:0000:0000:0000:0000:0000:0001/128', '2001:db8::2/128']);
    h.table.setBlock('2001:db8::1/128', NOW_SECONDS - 10);
    h.table.setBlock('2001:db8::2/128', NOW_SECONDS + 10);
    await handleAutoBlockEvent(scheduledEvent(), h.deps, h.logger);
    expect(h.ipSets.addresses(V6_SET_ID)).toEqual(['2001:db8::2/128']);
  });

  it('sends no UpdateIPSet when nothing has expired', async () => {
    const h = harness();
    h.ipSets.create(V4_SET_ID, ['192.0.2.2/32']);
    h.table.setBlock('192.0.2.2/32', NOW_SECONDS + 60);
    const result = await handleAutoBlockEvent(scheduledEvent(), h.deps, h.logger);
    expect(result).toMatchObject({ expired: 0, removed: 0 });
    expect(h.wafMock.commandCalls(UpdateIPSetCommand)).toHaveLength(0);
  });

  it('unblocks an address after its block time, and blocks it again when it offends again', async () => {
    const h = harness({ threshold: 1, blockSeconds: 600 });
    await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')]), h.deps, h.logger);
    h.env.nowMs += 599_000;
    await handleAutoBlockEvent(scheduledEvent(), h.deps, h.logger);
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual(['203.0.113.9/32']);
    h.env.nowMs += 1_000;
    await handleAutoBlockEvent(scheduledEvent(), h.deps, h.logger);
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual([]);
    const again = await handleAutoBlockEvent(logsEvent([wafLog('203.0.113.9')], h.env.nowMs), h.deps, h.logger);
    expect(again).toMatchObject({ newBlocks: 1, added: 1 });
  });

  it("keeps another writer's concurrent addition when its removal loses the lock once", async () => {
    const h = harness();
    h.ipSets.create(V4_SET_ID, ['192.0.2.1/32']);
    h.table.setBlock('192.0.2.1/32', NOW_SECONDS - 1);
    h.ipSets.interfere(1, (addresses) => [...addresses, '198.51.100.8/32']);
    const result = await handleAutoBlockEvent(scheduledEvent(), h.deps, h.logger);
    expect(result).toMatchObject({ removed: 1, lockRetries: 1 });
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual(['198.51.100.8/32']);
  });

  it('gives up cleanly after the attempt bound under constant lock conflicts and leaves the set as it was', async () => {
    const h = harness();
    h.ipSets.create(V4_SET_ID, ['192.0.2.1/32']);
    h.table.setBlock('192.0.2.1/32', NOW_SECONDS - 1);
    h.ipSets.interfere(100);
    const result = await handleAutoBlockEvent(scheduledEvent(), h.deps, h.logger);
    expect(result).toMatchObject({ removed: 0, lockExhausted: 1, lockRetries: RETRY.maxAttempts - 1 });
    expect(h.wafMock.commandCalls(UpdateIPSetCommand)).toHaveLength(RETRY.maxAttempts);
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual(['192.0.2.1/32']);
    expect(JSON.parse(h.lines.at(-1)!)).toMatchObject({ level: 'WARN', lockExhausted: 1 });
  });

  it('reads block records in batches of at most 100 keys', async () => {
    const h = harness();
    const hosts = Array.from({ length: 250 }, (_, i) => `198.51.${i >> 8}.${i & 0xff}/32`);
    h.ipSets.create(V4_SET_ID, hosts);
    hosts.forEach((host, i) => h.table.setBlock(host, i % 2 === 0 ? NOW_SECONDS - 1 : NOW_SECONDS + 1));
    const result = await handleAutoBlockEvent(scheduledEvent(), h.deps, h.logger);
    expect(h.dynamoMock.commandCalls(BatchGetItemCommand)).toHaveLength(3);
    expect(result).toMatchObject({ expired: 125, removed: 125 });
    expect(h.ipSets.addresses(V4_SET_ID)).toEqual(hosts.filter((_, i) => i % 2 === 1));
  });

  it('retries unprocessed keys, and leaves addresses it could not read for the next sweep', async () => {
    const retried = harness();
    retried.ipSets.create(V4_SET_ID, ['192.0.2.1/32']);
    retried.table.setBlock('192.0.2.1/32', NOW_SECONDS - 1);
    retried.table.unprocessedBatchGets = 2;
    expect(await handleAutoBlockEvent(scheduledEvent(), retried.deps, retried.logger)).toMatchObject({ removed: 1, unread: 0 });

    const starved = harness();
    starved.ipSets.create(V4_SET_ID, ['192.0.2.1/32']);
    starved.table.setBlock('192.0.2.1/32', NOW_SECONDS - 1);
    starved.table.unprocessedBatchGets = 100;
    const result = await handleAutoBlockEvent(scheduledEvent(), starved.deps, starved.logger);
    expect(result).toMatchObject({ removed: 0, unread: 1, unmanaged: 0 });
    expect(starved.dynamoMock.commandCalls(BatchGetItemCommand)).toHaveLength(RETRY.maxAttempts);
    expect(starved.ipSets.addresses(V4_SET_ID)).toEqual(['192.0.2.1/32']);
  });

  it('counts a failing IP set by error name and still sweeps the other one', async () => {
    const h = harness();
    h.ipSets.create(V6_SET_ID, ['2001:db8::1/128']);
    h.table.setBlock('2001:db8::1/128', NOW_SECONDS - 1);
    h.wafMock.on(GetIPSetCommand, { Id: V4_SET_ID }).rejects(new WAFNonexistentItemException({ message: 'no such set', $metadata: {} }));
    const result = await handleAutoBlockEvent(scheduledEvent(), h.deps, h.logger);
    expect(result).toMatchObject({ removed: 1, errors: { WAFNonexistentItemException: 1 } });
    expect(h.ipSets.addresses(V6_SET_ID)).toEqual([]);
  });
});
