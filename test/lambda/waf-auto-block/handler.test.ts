import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetIPSetCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createJsonLogger } from '../../../lambda/shared/logger';
import { createAutoBlockHandler } from '../../../lambda/waf-auto-block/create-handler';
import { scheduledEvent } from './support/events';
import { BASE_CONFIG, V4_SET_ID } from './support/harness';
import { captureLogLines } from '../../helpers/capture-output';

const context = { getRemainingTimeInMillis: () => 60_000 };
const EMPTY_SET = { IPSet: { Name: 'n', Id: V4_SET_ID, ARN: 'a', IPAddressVersion: 'IPV4' as const, Addresses: [] }, LockToken: 't' };

describe('createAutoBlockHandler', () => {
  const savedRegion = process.env.AWS_REGION;
  let wafMock: AwsClientStub<WAFV2Client>;
  let dynamoMock: AwsClientStub<DynamoDBClient>;
  let lines: string[];
  const logger = createJsonLogger({ service: 'waf-auto-block', write: (line) => lines.push(line) });

  beforeEach(() => {
    process.env.AWS_REGION = 'eu-west-1';
    lines = [];
    // Class-level mocks: the clients are created inside the factory, and nothing may reach the network.
    wafMock = mockClient(WAFV2Client);
    dynamoMock = mockClient(DynamoDBClient);
  });

  afterEach(() => {
    wafMock.restore();
    dynamoMock.restore();
    if (savedRegion === undefined) delete process.env.AWS_REGION;
    else process.env.AWS_REGION = savedRegion;
  });

  it('runs a sweep with the configuration it was given', async () => {
    wafMock.on(GetIPSetCommand).resolves(EMPTY_SET);
    const handler = createAutoBlockHandler(JSON.stringify(BASE_CONFIG), logger);
    const summary = await handler(scheduledEvent(), context);
    expect(summary).toMatchObject({ trigger: 'sweep', removed: 0 });
    expect(summary.errors).toEqual({});
    expect(wafMock.commandCalls(GetIPSetCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'auto-block-v4', Id: V4_SET_ID, Scope: 'REGIONAL' },
      { Name: 'auto-block-v6', Id: BASE_CONFIG.ipv6IpSetId, Scope: 'REGIONAL' },
    ]);
    expect(lines).toHaveLength(1);
  });

  it.each([undefined, 'not json', JSON.stringify({ ...BASE_CONFIG, threshold: 0, tableName: 'x' })])(
    'fails loudly when the configuration is %j, naming the problems but no values',
    async (config) => {
      const handler = createAutoBlockHandler(config, logger);
      await expect(handler(scheduledEvent(), context)).rejects.toThrow('AUTO_BLOCK_CONFIG is invalid');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({ level: 'ERROR', message: 'waf auto-block configuration is invalid' });
      expect(lines[0]).not.toContain(BASE_CONFIG.ipSetId);
      expect(wafMock.calls()).toHaveLength(0);
      expect(dynamoMock.calls()).toHaveLength(0);
    },
  );
});

describe('handler', () => {
  it('reads its configuration from AUTO_BLOCK_CONFIG at cold start', async () => {
    const saved = process.env.AUTO_BLOCK_CONFIG;
    process.env.AUTO_BLOCK_CONFIG = '{"threshold": 0}';
    const { lines: written, restore } = captureLogLines();
    try {
      let handler: ((event: unknown, ctx: typeof context) => Promise<unknown>) | undefined;
      jest.isolateModules(() => {
        ({ handler } = require('../../../lambda/waf-auto-block/handler'));
      });
      await expect(handler!(scheduledEvent(), context)).rejects.toThrow('AUTO_BLOCK_CONFIG is invalid');
      expect(JSON.parse(written[0]).problems).toContain('threshold: expected an integer');
    } finally {
      restore();
      if (saved === undefined) delete process.env.AUTO_BLOCK_CONFIG;
      else process.env.AUTO_BLOCK_CONFIG = saved;
    }
  });
});
