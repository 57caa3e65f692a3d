/**
 * The chat completions function of one model (OpenAI Chat Completions API,
 * buffered or streamed) behind an API Gateway STREAM integration. Lambda's
 * Node.js runtime provides the `awslambda` global: `streamifyResponse` marks
 * the handler as streaming and `HttpResponseStream.from` writes the status
 * and headers API Gateway reads before the body. Everything is built once per
 * execution environment; the logic lives in chat-proxy.ts.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createChatBackend } from '../chat/backends/create-chat-backend';
import { createBudgetMetrics } from '../budget/budget-metrics';
import { createJsonLogger } from '../shared/logger';
import { createChatProxyFromEnvironment } from './bootstrap';
import { createChatGuards } from './chat-guards';
import { createChatMetrics } from './chat-metrics';
import { lambdaResponseSink } from './response-sink';

if (typeof awslambda === 'undefined') throw new Error('The chat proxy runs only where the Lambda Node.js runtime provides awslambda.streamifyResponse.');

const logger = createJsonLogger({ service: 'chat-proxy' });
const proxy = createChatProxyFromEnvironment(process.env, {
  logger,
  guards: createChatGuards,
  backend: (spec) => createChatBackend(spec),
  metrics: createChatMetrics(),
  budgetMetrics: createBudgetMetrics(),
});

export const handler = awslambda.streamifyResponse<APIGatewayProxyEvent>(async (event, responseStream, context) => {
  logger.addContext?.(context);
  await proxy(event, lambdaResponseSink(responseStream, (stream, prelude) => awslambda.HttpResponseStream.from(stream, prelude)), context);
});
