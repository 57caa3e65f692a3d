import type * as Dynamo from '@aws-sdk/client-dynamodb';
import type * as Waf from '@aws-sdk/client-wafv2';
import type { Context } from 'aws-lambda';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { scheduledEvent } from './support/events';
import { BASE_CONFIG, V4_SET_ID } from './support/harness';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const context = { getRemainingTimeInMillis: () => 60_000 } as unknown as Context;
const EMPTY_SET = { IPSet: { Name: 'n', Id: V4_SET_ID, ARN: 'a', IPAddressVersion: 'IPV4' as const, Addresses: [] }, LockToken: 't' };

/**
 * Loads handler.ts afresh with `AUTO_BLOCK_CONFIG` set, as a cold start would.
 * The SDK modules load afresh with it, so the mocks are made on those copies;
 * both clients are mocked so that nothing can reach the network.
 */
function loadHandler(config: string | undefined) {
  if (config === undefined) delete process.env.AUTO_BLOCK_CONFIG;
  else process.env.AUTO_BLOCK_CONFIG = config;
  let loaded: { handler: Handler; waf: typeof Waf; wafMock: AwsClientStub<Waf.WAFV2Client>; dynamoMock: AwsClientStub<Dynamo.DynamoDBClient> } | undefined;
  jest.isolateModules(() => {
    const waf = require('@aws-sdk/client-wafv2') as typeof Waf;
    const dynamo = require('@aws-sdk/client-dynamodb') as typeof Dynamo;
    const wafMock = mockClient(waf.WAFV2Client);
    const dynamoMock = mockClient(dynamo.DynamoDBClient);
    const { handler } = require('../../../lambda/waf-auto-block/handler') as { handler: Handler };
    loaded = { handler, waf, wafMock, dynamoMock };
  });
  mocks.push(loaded!.wafMock, loaded!.dynamoMock);
  return loaded!;
}

const mocks: Array<{ restore(): void }> = [];

describe('handler', () => {
  const savedConfig = process.env.AUTO_BLOCK_CONFIG;
  const savedRegion = process.env.AWS_REGION;
  let written: string[];

  beforeEach(() => {
    process.env.AWS_REGION = 'eu-west-1';
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    mocks.splice(0).forEach((m) => m.restore());
    jest.restoreAllMocks();
    if (savedConfig === undefined) delete process.env.AUTO_BLOCK_CONFIG;
    else process.env.AUTO_BLOCK_CONFIG = savedConfig;
    if (savedRegion === undefined) delete process.env.AWS_REGION;
    else process.env.AWS_REGION = savedRegion;
  });

  it('runs a sweep with the configuration from AUTO_BLOCK_CONFIG', async () => {
    const { handler, waf, wafMock } = loadHandler(JSON.stringify(BASE_CONFIG));
    wafMock.on(waf.GetIPSetCommand).resolves(EMPTY_SET);
    const summary = await handler(scheduledEvent(), context);
    expect(summary).toMatchObject({ trigger: 'sweep', removed: 0 });
    expect((summary as { errors: object }).errors).toEqual({});
    expect(wafMock.commandCalls(waf.GetIPSetCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'auto-block-v4', Id: V4_SET_ID, Scope: 'REGIONAL' },
      { Name: 'auto-block-v6', Id: BASE_CONFIG.ipv6IpSetId, Scope: 'REGIONAL' },
    ]);
    expect(written).toHaveLength(1);
  });

  it('manages CloudFront-scoped IP sets through us-east-1', async () => {
    const { handler, waf, wafMock } = loadHandler(JSON.stringify({ ...BASE_CONFIG, ipSetScope: 'CLOUDFRONT' }));
    let region: string | undefined;
    wafMock.on(waf.GetIPSetCommand).callsFake(async (_input: unknown, getClient: () => unknown) => {
      region = await (getClient() as Waf.WAFV2Client).config.region();
      return EMPTY_SET;
    });
    await handler(scheduledEvent(), context);
    expect(region).toBe('us-east-1');
  });

  it.each([undefined, 'not json', JSON.stringify({ ...BASE_CONFIG, threshold: 0, tableName: 'x' })])(
    'fails loudly when AUTO_BLOCK_CONFIG is %j, naming the problems but no values',
    async (config) => {
      const { handler, wafMock, dynamoMock } = loadHandler(config);
      await expect(handler(scheduledEvent(), context)).rejects.toThrow('AUTO_BLOCK_CONFIG is invalid');
      expect(written).toHaveLength(1);
      expect(JSON.parse(written[0])).toMatchObject({ level: 'ERROR', message: 'waf auto-block configuration is invalid' });
      expect(written[0]).not.toContain(BASE_CONFIG.ipSetId);
      expect(wafMock.calls()).toHaveLength(0);
      expect(dynamoMock.calls()).toHaveLength(0);
    },
  );
});
