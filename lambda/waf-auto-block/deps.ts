import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { AutoBlockConfig } from './config';
import type { InvocationEnv } from './invocation-env';
import type { PresenceCache } from './presence-cache';

/** Everything the auto-block logic works with; the handler builds it once per cold start. */
export interface AutoBlockDeps {
  readonly waf: WAFV2Client;
  readonly dynamo: DynamoDBClient;
  readonly config: AutoBlockConfig;
  readonly env: InvocationEnv;
  /** Lives as long as the function instance, like the clients. */
  readonly presence: PresenceCache;
}
