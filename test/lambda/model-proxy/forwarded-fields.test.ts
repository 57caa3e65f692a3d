/**
 * Every string field of the request schema (lib/contracts/prompt-schema.ts, the one
 * source of API Gateway's request model and the function's validator) is
 * found by walking the schema itself, filled with PII, and sent through the
 * proxy with its real guards: the model must get a placeholder, never the
 * value. A string field added to the schema later is part of this walk, so it
 * cannot reach a model unmasked without this test failing.
 */
import { promptPayloadSchema } from '../../../lib/contracts/prompt-schema';
import { REQUEST_FORMATS, type RequestFormatName } from '../../../lib/contracts/model-proxy';
import { createGuards } from '../../../lambda/model-proxy/guard-wiring';
import { createModelProxy } from '../../../lambda/model-proxy/proxy';
import { answer, apiEvent, invocationContext, memoryLogger, proxyConfig, ScriptedModel } from './fakes';

interface Schema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly minimum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
}

/** A step of a path into a payload: a property name, or `*` for an array item. */
type Path = readonly string[];

const SCHEMA = promptPayloadSchema({ maxPromptLength: 1000 }) as Schema;
const PII = 'jane.doe@example.com';

/** Paths of every string the schema allows, at any depth. */
function stringFields(schema: Schema, path: Path = []): Path[] {
  switch (schema.type) {
    case 'string':
      // An enumerated string can only hold one of its listed values, never free text.
      return schema.enum ? [] : [path];
    case 'object':
      return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => stringFields(child, [...path, name]));
    case 'array':
      return schema.items ? stringFields(schema.items, [...path, '*']) : [];
    default:
      return [];
  }
}

/** The smallest valid payload that holds `value` at `path` (and whatever the schema requires around it). */
function payloadWith(schema: Schema, path: Path, value: string): unknown {
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = payloadWith(schema.properties![name], [], 'Summarise the claim.');
      if (path.length > 0) out[path[0]] = payloadWith(schema.properties![path[0]], path.slice(1), value);
      return out;
    }
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, path.length > 0 ? 1 : 0);
      return Array.from({ length: count }, () => payloadWith(schema.items!, path.slice(1), value));
    }
    case 'string':
      if (schema.pattern !== undefined) throw new Error('teach payloadWith to fill a string with a pattern');
      if (value.length < (schema.minLength ?? 0) || value.length > (schema.maxLength ?? Infinity)) throw new Error('the PII does not fit the field');
      return value;
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      throw new Error(`teach payloadWith the schema type ${schema.type}`);
  }
}

async function modelGets(format: RequestFormatName, payload: unknown): Promise<{ status: number; body: string }> {
  const config = proxyConfig({ requestFormat: format, requestModelName: 'm' });
  const model = new ScriptedModel([answer('ok')]);
  const proxy = createModelProxy({ config, guards: createGuards(config), modelClient: model, logger: memoryLogger().logger });
  const res = await proxy(apiEvent(payload), invocationContext());
  return { status: res.statusCode, body: model.requests[0]?.body ?? '' };
}

const FIELDS = stringFields(SCHEMA);

test('the walk finds the schema\'s string fields (at least the prompt and the stop sequences)', () => {
  expect(FIELDS.map((p) => p.join('.'))).toEqual(expect.arrayContaining(['prompt', 'parameters.stopSequences.*']));
});

describe.each(FIELDS.map((p) => [p.join('.'), p] as const))('%s', (_name, path) => {
  test.each(REQUEST_FORMATS.map((f) => [f]))('reaches a %s model masked, never in clear', async (format) => {
    const { status, body } = await modelGets(format, payloadWith(SCHEMA, path, `Reply to ${PII}`));
    expect(status).toBe(200);
    expect(body).not.toContain('jane.doe');
  });

  test('is forwarded at the same place by PASSTHROUGH, as a placeholder', async () => {
    const { body } = await modelGets('PASSTHROUGH', payloadWith(SCHEMA, path, PII));
    let value: unknown = JSON.parse(body);
    for (const step of path) value = step === '*' ? (value as unknown[])[0] : (value as Record<string, unknown>)[step];
    expect(value).toBe('<EMAIL_1>');
  });
});
