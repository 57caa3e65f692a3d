/**
 * The model-proxy Lambda function: API Gateway proxy integration of one model
 * route. Everything is built once per execution environment; the logic lives
 * in proxy.ts and the modules it takes as dependencies.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createBudgetMetrics } from '../budget/budget-metrics';
import { createJsonLogger } from '../shared/logger';
import { createProxyFromEnvironment } from './bootstrap';
import { createGuards } from './guard-wiring';
import { createProxyMetrics } from './metrics';

const logger = createJsonLogger({ service: 'model-proxy' });
const proxy = createProxyFromEnvironment(process.env, { logger, guards: createGuards, metrics: createProxyMetrics(), budgetMetrics: createBudgetMetrics() });

export function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  logger.addContext?.(context);
  return proxy(event, context);
}
