import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { Context } from 'aws-lambda';
import { createJsonLogger } from '../shared/logger';
import { handleAutoBlockEvent } from './auto-block';
import { parseAutoBlockConfig } from './config';
import { CONFIG_ENV_VAR, PRESENCE_MAX_ENTRIES, PRESENCE_TTL_MS, SERVICE_NAME } from './constants';
import { systemEnv } from './invocation-env';
import { PresenceCache } from './presence-cache';
import type { AutoBlockSummary } from './summary';

const logger = createJsonLogger({ service: SERVICE_NAME });
const parsed = parseAutoBlockConfig(process.env[CONFIG_ENV_VAR]);
// CloudFront-scoped WAF resources are managed through us-east-1 only. WAF allows
// about one Update call per second per account and Region, so concurrent
// invocations get throttled: give the SDK's own backoff more attempts.
const waf = new WAFV2Client({
  maxAttempts: 5,
  ...(parsed.success && parsed.data.ipv4IpSet.scope === 'CLOUDFRONT' ? { region: 'us-east-1' } : {}),
});
const dynamo = new DynamoDBClient({});
const presence = new PresenceCache(PRESENCE_TTL_MS, PRESENCE_MAX_ENTRIES);

export async function handler(event: unknown, context: Context): Promise<AutoBlockSummary> {
  if (!parsed.success) {
    // A broken deployment should fail loudly (the function's Errors metric), not drop every batch quietly.
    logger.log('ERROR', 'waf auto-block configuration is invalid', { problems: parsed.errors.join('; ') });
    throw new Error(`${CONFIG_ENV_VAR} is invalid`);
  }
  const env = systemEnv(() => context.getRemainingTimeInMillis());
  return handleAutoBlockEvent(event, { waf, dynamo, config: parsed.data, env, presence }, logger);
}
