/**
 * The DynamoDB client of the budget table, built once per execution
 * environment. Short timeouts and one retry: a table that does not answer
 * quickly is treated as unreachable (fail closed, or open by configuration)
 * rather than eating the call's time budget.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { ModelProxyConfig } from '../../lib/contracts/model-proxy';
import { type BudgetEngine, createBudgetEngine } from './budget-engine';

export const BUDGET_CLIENT_DEFAULTS: DynamoDBClientConfig = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 500, requestTimeout: 1000 },
};

/** The route's engine, or undefined when it has no budget. */
export function budgetEngineFor(config: ModelProxyConfig, overrides: DynamoDBClientConfig = {}): BudgetEngine | undefined {
  if (config.budget === undefined) return undefined;
  const client = new DynamoDBClient({ ...BUDGET_CLIENT_DEFAULTS, ...overrides });
  return createBudgetEngine({ config: config.budget, model: config.model, client });
}
