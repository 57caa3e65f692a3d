import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { Context } from 'aws-lambda';
import { createJsonLogger, type Logger } from '../shared/logger';
import { handleAutoBlockEvent } from './auto-block';
import { parseAutoBlockConfig } from './config';
import { AUTO_BLOCK_CONFIG_ENV } from '../../lib/contracts/waf-auto-block';
import { PRESENCE_MAX_ENTRIES, PRESENCE_TTL_MS, SERVICE_NAME } from './constants';
import { systemEnv } from './invocation-env';
import { PresenceCache } from './presence-cache';
import type { AutoBlockSummary } from './summary';

export type AutoBlockHandler = (event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>) => Promise<AutoBlockSummary>;

/**
 * Everything a cold start builds, once: the parsed configuration, the AWS
 * clients and the presence cache, all reused by every invocation.
 */
export function createAutoBlockHandler(
  rawConfig: string | undefined,
  logger: Logger = createJsonLogger({ service: SERVICE_NAME }),
): AutoBlockHandler {
  const parsed = parseAutoBlockConfig(rawConfig);
  if (!parsed.success) {
    return async () => {
      // A broken deployment should fail loudly (the function's Errors metric), not drop every batch quietly.
      logger.log('ERROR', 'waf auto-block configuration is invalid', { problems: parsed.errors.join('; ') });
      throw new Error(`${AUTO_BLOCK_CONFIG_ENV} is invalid`);
    };
  }
  const config = parsed.data;
  // WAF allows about one Update call per second per account and Region, so
  // concurrent invocations get throttled: give the SDK's own backoff more attempts.
  const waf = new WAFV2Client({ maxAttempts: 5 });
  const dynamo = new DynamoDBClient({});
  const presence = new PresenceCache(PRESENCE_TTL_MS, PRESENCE_MAX_ENTRIES);
  return (event, context) => {
    const env = systemEnv(() => context.getRemainingTimeInMillis());
    return handleAutoBlockEvent(event, { waf, dynamo, config, env, presence }, logger);
  };
}
