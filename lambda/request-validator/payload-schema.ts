import Ajv, { type ErrorObject } from 'ajv';
import { promptPayloadSchema, type PromptSchemaOptions } from '../../lib/contracts/prompt-schema';
import type { PromptPayload } from './payload';

export type PayloadCheck = { readonly ok: true; readonly payload: PromptPayload } | { readonly ok: false; readonly message: string };

/** A compiled payload check; build it once per process. */
export interface PayloadValidator {
  check(data: unknown): PayloadCheck;
  /** Our message for a field, by instance path (`/prompt`, `/parameters/topP`). */
  fieldMessage(path: string): string;
}

interface FieldSchema {
  readonly type?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly maxItems?: number;
  readonly properties?: Readonly<Record<string, FieldSchema>>;
  readonly items?: FieldSchema;
}

const BODY = 'The request body';
const ITEM = '/*';

function expectation(s: FieldSchema): string {
  switch (s.type) {
    case 'string':
      return `a string of ${s.minLength ?? 0} to ${s.maxLength ?? 'any number of'} characters`;
    case 'integer':
      return `an integer from ${s.minimum} to ${s.maximum}`;
    case 'number':
      return `a number from ${s.minimum} to ${s.maximum}`;
    case 'array':
      return `an array of at most ${s.maxItems} items`;
    default:
      return 'a JSON object';
  }
}

/**
 * Client-facing messages for every place in our schema, keyed by instance
 * path with array indexes as `*`. Written from the schema, never from the
 * input: ajv's own messages and values would repeat what the client sent.
 */
function fieldTable(root: FieldSchema): { messages: Map<string, string>; labels: Map<string, string> } {
  const messages = new Map<string, string>([['', `${BODY} must be a JSON object.`]]);
  const labels = new Map<string, string>([['', BODY]]);
  // Our schema is three levels deep, so a work list is plenty; input never reaches this walk.
  const pending: Array<{ path: string; label: string; schema: FieldSchema }> = [{ path: '', label: '', schema: root }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const [name, child] of Object.entries(next.schema.properties ?? {})) {
      const path = `${next.path}/${name}`;
      const label = next.label ? `${next.label}.${name}` : name;
      labels.set(path, label);
      messages.set(path, `${label} must be ${expectation(child)}.`);
      pending.push({ path, label, schema: child });
      if (child.items) {
        labels.set(path + ITEM, `each of ${label}`);
        messages.set(path + ITEM, `Each of ${label} must be ${expectation(child.items)}.`);
      }
    }
  }
  return { messages, labels };
}

function schemaPath(instancePath: string): string {
  return instancePath.replace(/\/\d+(?=\/|$)/g, ITEM);
}

function messageFor(error: ErrorObject, table: ReturnType<typeof fieldTable>): string {
  const path = schemaPath(error.instancePath);
  if (error.keyword === 'additionalProperties') {
    return `${table.labels.get(path) ?? BODY} has a field that is not allowed.`;
  }
  if (error.keyword === 'required') {
    const missing = table.labels.get(`${path}/${String(error.params.missingProperty)}`);
    return missing ? `${missing} is required.` : `${BODY} lacks a required field.`;
  }
  return table.messages.get(path) ?? `${BODY} does not match the schema.`;
}

/**
 * Compiles the shared payload schema with ajv. The schema is written in
 * draft-04 for API Gateway; it uses only keywords whose meaning is the same
 * in ajv's default draft, so the `$schema` marker is dropped before compiling.
 */
export function compilePayloadValidator(options: PromptSchemaOptions): PayloadValidator {
  const { $schema: _draft, ...schema } = promptPayloadSchema(options);
  const ajv = new Ajv({ allErrors: false, strict: true, coerceTypes: false, useDefaults: false, messages: false });
  const validate = ajv.compile<PromptPayload>(schema);
  const table = fieldTable(schema as FieldSchema);
  return {
    check(data) {
      if (validate(data)) return { ok: true, payload: data };
      const first = validate.errors?.[0];
      return { ok: false, message: first ? messageFor(first, table) : `${BODY} does not match the schema.` };
    },
    fieldMessage: (path) => table.messages.get(path) ?? `${BODY} does not match the schema.`,
  };
}
