import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import type { AutoBlockConfig, AutoBlockConfigJson } from '../../../../lambda/waf-auto-block/config';
import { parseAutoBlockConfig } from '../../../../lambda/waf-auto-block/config';
import type { AutoBlockDeps } from '../../../../lambda/waf-auto-block/deps';
import { PRESENCE_MAX_ENTRIES, PRESENCE_TTL_MS } from '../../../../lambda/waf-auto-block/constants';
import type { InvocationEnv } from '../../../../lambda/waf-auto-block/invocation-env';
import { PresenceCache } from '../../../../lambda/waf-auto-block/presence-cache';
import { createJsonLogger, type Logger } from '../../../../lambda/shared/logger';
import { FakeIpSets } from './fake-ip-sets';
import { FakeTable } from './fake-table';

export const V4_SET_ID = '11111111-2222-3333-4444-555555555555';
export const V6_SET_ID = '66666666-7777-8888-9999-000000000000';

export const BASE_CONFIG: AutoBlockConfigJson = {
  ipSetName: 'auto-block-v4',
  ipSetId: V4_SET_ID,
  ipv6IpSetName: 'auto-block-v6',
  ipv6IpSetId: V6_SET_ID,
  tableName: 'auto-block-state',
  threshold: 3,
  windowSeconds: 300,
  blockSeconds: 3600,
  allowlist: [],
};

export function config(overrides: Partial<AutoBlockConfigJson> = {}): AutoBlockConfig {
  const parsed = parseAutoBlockConfig(JSON.stringify({ ...BASE_CONFIG, ...overrides }));
  if (!parsed.success) throw new Error(parsed.errors.join('; '));
  return parsed.data;
}

/** A deterministic invocation environment: a settable clock, instant sleeps that are recorded. */
export class TestEnv implements InvocationEnv {
  public nowMs = 1_700_000_000_000;
  public remaining = 60_000;
  public readonly sleeps: number[] = [];
  public randomValue = 0.5;

  public now(): number {
    return this.nowMs;
  }

  public remainingMs(): number {
    return this.remaining;
  }

  public async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
  }

  public random(): number {
    return this.randomValue;
  }
}

/** Mocked AWS clients backed by the fakes, a test env and a logger that keeps its lines. */
export function harness(overrides: Partial<AutoBlockConfigJson> = {}) {
  // Instances, not classes, are mocked: nothing leaks into other tests.
  const waf = new WAFV2Client({ region: 'eu-west-1' });
  const dynamo = new DynamoDBClient({ region: 'eu-west-1' });
  const wafMock = mockClient(waf);
  const dynamoMock = mockClient(dynamo);
  const table = new FakeTable();
  const ipSets = new FakeIpSets();
  table.install(dynamoMock);
  ipSets.install(wafMock);
  ipSets.create(V4_SET_ID);
  ipSets.create(V6_SET_ID);
  const env = new TestEnv();
  const lines: string[] = [];
  const logger: Logger = createJsonLogger({ service: 'waf-auto-block', write: (line) => lines.push(line) });
  const deps: AutoBlockDeps = {
    waf,
    dynamo,
    config: config(overrides),
    env,
    presence: new PresenceCache(PRESENCE_TTL_MS, PRESENCE_MAX_ENTRIES),
  };
  return { deps, env, table, ipSets, wafMock, dynamoMock, lines, logger };
}
