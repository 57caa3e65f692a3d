import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ErrorAnswer, errorResponses, gatewayAnswersFor } from './catalog-errors';
import { CATALOG_EXTENSION, compact, JsonObject } from './catalog-json';
import { operationSecurity, SecurityContext } from './catalog-security';
import { RecordedExemption } from './exemptions';
import { requestValidatorOf, validatorChecks } from './method-rules';
import { MODEL_PROXY_ANSWER_SCHEMA, MODEL_PROXY_ERRORS } from '../model/proxy-answers';
import { intrinsicText } from '../private/intrinsic-text';

/** Throttling as the catalog shows it. */
export interface Throttle {
  readonly rateLimit: unknown;
  readonly burstLimit: unknown;
}

/** One tier's limits on one operation. */
export interface TierLimits extends Throttle {
  readonly tier: string;
  readonly quota?: JsonObject;
}

/** Everything one operation of the catalog is built from. */
export interface OperationInput {
  readonly method: apigateway.Method;
  readonly model?: string;
  readonly security: SecurityContext;
  readonly validators: readonly apigateway.CfnRequestValidator[];
  readonly models: readonly apigateway.CfnModel[];
  readonly stageThrottle?: Throttle;
  readonly tiers: readonly TierLimits[];
  readonly behindWebAcl: boolean;
  readonly exemptions: readonly RecordedExemption[];
  /** Whether a model-proxy function serves the operation. */
  readonly proxied?: boolean;
  /** Whether the operation is the model's chat completions route (OpenAI Chat Completions API). */
  readonly chat?: boolean;
}

export interface Operation {
  /** The key of the operation in its path item: `post`, or `x-amazon-apigateway-any-method` for ANY. */
  readonly key: string;
  readonly operation: JsonObject;
  readonly schemes: string[];
  /** Request schemas to put in `components.schemas`, by name. */
  readonly schemas: JsonObject;
}

const PARAMETER_LOCATIONS: Readonly<Record<string, string>> = { header: 'header', querystring: 'query', path: 'path' };

export function operationId(method: apigateway.Method, model: string | undefined, chat = false): string {
  if (model !== undefined) return `${chat ? 'chat' : 'invoke'}-${model}`;
  const segments = method.resource.path.split('/').filter(Boolean).map((s) => s.replace(/[{}+]/g, ''));
  return [method.httpMethod.toLowerCase(), ...segments.length > 0 ? segments : ['root']].join('-');
}

export function buildOperation(input: OperationInput): Operation {
  const { method, model } = input;
  const chat = input.chat === true;
  const cfn = method.node.defaultChild as apigateway.CfnMethod;
  const stack = Stack.of(cfn);
  const validator = requestValidatorOf(cfn, input.validators);
  const checks = validator ? validatorChecks(validator) : { body: false, parameters: false };
  const security = operationSecurity(input.security, cfn, model);
  const apiKeyRequired = stack.resolve(cfn.apiKeyRequired) === true;
  const body = requestBody(cfn, input.models, model, checks.body);

  const answers: ErrorAnswer[] = [
    ...integrationErrors(cfn),
    ...input.proxied && !chat ? MODEL_PROXY_ERRORS : [],
    ...gatewayAnswersFor({
      authorized: security.authorized,
      iamAuthorized: security.iamAuthorized,
      validatesBody: checks.body,
      validatesParameters: checks.parameters,
      apiKeyRequired,
      behindWebAcl: input.behindWebAcl,
    }),
  ];
  const operation = compact({
    operationId: operationId(method, model, chat),
    summary: model === undefined ? undefined : chat ? `Chat completions (OpenAI API) with the model ${model}` : `Invoke the model ${model}`,
    parameters: parameters(cfn, method.resource.path),
    requestBody: body?.requestBody,
    responses: { ...successResponses(cfn), ...input.proxied ? (chat ? chatSuccess() : proxySuccess()) : {}, ...errorResponses(answers) },
    security: security.requirements,
    [CATALOG_EXTENSION]: compact({
      model,
      responseTransferMode: chat ? 'STREAM' : undefined,
      authorization: security.authorization,
      apiKeyRequired,
      requestValidation: { body: checks.body, parameters: checks.parameters },
      throttling: compact({ stage: input.stageThrottle, tiers: input.tiers.length > 0 ? input.tiers : undefined }),
      webAcl: input.behindWebAcl,
      exemptions: input.exemptions.length > 0 ? input.exemptions.map((e) => ({ rules: e.rules, reason: e.reason })) : undefined,
    }),
  });
  const key = method.httpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : method.httpMethod.toLowerCase();
  const schemas = { ...body?.schemas, ...input.proxied && !chat ? { [PROXY_ANSWER_SCHEMA_NAME]: MODEL_PROXY_ANSWER_SCHEMA } : {} };
  return { key, operation, schemes: security.schemes, schemas };
}

const PROXY_ANSWER_SCHEMA_NAME = 'InvokeModelResponse';

function proxySuccess(): JsonObject {
  const schema = { $ref: `#/components/schemas/${PROXY_ANSWER_SCHEMA_NAME}` };
  return { 200: { description: 'The model\'s answer, masked.', content: { 'application/json': { schema } } } };
}

/** The chat function answers in the OpenAI Chat Completions shapes, errors included, which the OpenAI clients parse. */
function chatSuccess(): JsonObject {
  return {
    200: {
      description: 'A chat completion (OpenAI Chat Completions API), masked; with "stream": true, server-sent chunk events ending with '
        + 'data: [DONE]. Errors the function answers have the OpenAI error shape; an error after the first byte ends the stream with an error event.',
      content: { 'application/json': { schema: { type: 'object' } }, 'text/event-stream': { schema: { type: 'string' } } },
    },
  };
}

function parameters(cfn: apigateway.CfnMethod, path: string): JsonObject[] | undefined {
  const declared = (Stack.of(cfn).resolve(cfn.requestParameters) ?? {}) as Record<string, unknown>;
  const list: JsonObject[] = [];
  for (const [key, required] of Object.entries(declared)) {
    const match = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(key);
    if (!match) continue;
    const location = PARAMETER_LOCATIONS[match[1]];
    list.push({ name: match[2], in: location, required: location === 'path' || required === true, schema: { type: 'string' } });
  }
  for (const [, name] of path.matchAll(/\{([^}+]+)\+?\}/g)) {
    if (!list.some((p) => p.in === 'path' && p.name === name)) list.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  return list.length > 0 ? list : undefined;
}

/** The request models of the method, as OpenAPI schemas (API Gateway models are JSON Schema draft-04). */
function requestBody(cfn: apigateway.CfnMethod, models: readonly apigateway.CfnModel[], model: string | undefined, validated: boolean):
{ requestBody: JsonObject; schemas: JsonObject } | undefined {
  const stack = Stack.of(cfn);
  const declared = (stack.resolve(cfn.requestModels) ?? {}) as Record<string, unknown>;
  const content: JsonObject = {};
  const schemas: JsonObject = {};
  for (const [contentType, ref] of Object.entries(declared)) {
    const text = intrinsicText(stack, ref);
    const cfnModel = models.find((m) => Stack.of(m) === stack && intrinsicText(stack, m.ref) === text);
    if (!cfnModel) {
      content[contentType] = { schema: {}, [CATALOG_EXTENSION]: { model: text } };
      continue;
    }
    const { $schema: _draft, ...schema } = (stack.resolve(cfnModel.schema) ?? {}) as JsonObject;
    const name = model !== undefined ? `InvokeModelRequest-${model}` : String(stack.resolve(cfnModel.name) ?? stack.resolve(cfnModel.logicalId));
    schemas[name] = schema;
    content[contentType] = { schema: { $ref: `#/components/schemas/${name}` } };
  }
  if (Object.keys(content).length === 0) return undefined;
  return { requestBody: { required: validated, content }, schemas };
}

interface IntegrationResponse {
  readonly statusCode?: string;
  readonly responseTemplates?: Record<string, string>;
}

function integrationResponses(cfn: apigateway.CfnMethod): IntegrationResponse[] {
  const integration = Stack.of(cfn).resolve(cfn.integration) as { integrationResponses?: IntegrationResponse[] } | undefined;
  return integration?.integrationResponses ?? [];
}

/** The error answers an integration gives in the error shape (e.g. the 501 of a route without a backend yet). */
function integrationErrors(cfn: apigateway.CfnMethod): ErrorAnswer[] {
  return integrationResponses(cfn).flatMap((response) => {
    const body = parseErrorTemplate(response.responseTemplates?.['application/json']);
    return body && response.statusCode ? [{ statusCode: response.statusCode, code: body.code, message: body.message }] : [];
  });
}

function parseErrorTemplate(template: string | undefined): { code: string; message: string } | undefined {
  if (template === undefined) return undefined;
  try {
    const parsed = JSON.parse(template) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = parsed.error ?? {};
    return typeof code === 'string' && typeof message === 'string' ? { code, message } : undefined;
  } catch {
    return undefined;
  }
}

/** Method responses that are not errors in the error shape: what the integration answers when it succeeds. */
function successResponses(cfn: apigateway.CfnMethod): JsonObject {
  const declared = (Stack.of(cfn).resolve(cfn.methodResponses) ?? []) as Array<{ statusCode: string }>;
  const errors = new Set(integrationErrors(cfn).map((e) => e.statusCode));
  return Object.fromEntries(declared.filter((r) => !errors.has(r.statusCode)).map((r) => [r.statusCode, { description: 'Answer of the integration.' }]));
}
