/**
 * OpenAI Chat Completions request bodies, checked field by field into a
 * ChatRequest. The body arrives already decoded and JSON-parsed by the request
 * validator (size, UTF-8, depth, duplicate keys). Everything the proxy does
 * not implement is refused with a 400 that names the field, so a client
 * never believes a setting took effect when it did not; messages name fields
 * of our own vocabulary only and never repeat a value.
 */
import { ErrorCode } from '../../lib/contracts/error-codes';
import { isJsonRecord } from '../shared/json-record';
import { CHAT_ROLES, type ChatParameters, type ChatRequest, type ChatRole, type ChatTurn } from './chat-request';
import {
  MAX_CONTENT_PARTS, MAX_MESSAGES, MAX_STOP, MAX_STOP_LENGTH, MAX_USER_LENGTH, PART_SEPARATOR, TEMPERATURE_RANGE, TOP_P_RANGE,
} from './limits';

export interface ChatRequestLimits {
  /** The route's model: `model` in the body may be left out or must equal it. */
  readonly model: string;
  /** Characters of all turns together (the route's prompt length limit). */
  readonly maxTotalChars: number;
  /** Largest `max_tokens` / `max_completion_tokens`. */
  readonly maxOutputTokens: number;
}

/** Why a body was refused: always a 400, with the field at fault as OpenAI's `param`. */
export interface ChatRequestIssue {
  readonly status: 400;
  readonly code: typeof ErrorCode.INVALID_BODY;
  readonly message: string;
  /** The field, in our words (`messages[2].content`), or null for the body as a whole. */
  readonly param: string | null;
}

export type ChatRequestParse = { readonly success: true; readonly data: ChatRequest } | { readonly success: false; readonly error: ChatRequestIssue };

const TOP_LEVEL = new Set([
  'model', 'messages', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'stop', 'stream', 'stream_options', 'user',
]);
const MESSAGE_FIELDS = new Set(['role', 'content']);
const TEXT_PART_FIELDS = new Set(['type', 'text']);
const ROLES: ReadonlySet<string> = new Set(CHAT_ROLES);
/** A field name the client sent is repeated only in the shape of OpenAI's own (lower-case snake case), never as free text. */
const PRINTABLE_FIELD = /^[a-z][a-z0-9_]{0,63}$/;

class Refusal {
  public constructor(public readonly message: string, public readonly param: string | null) {}
}

function refuse(message: string, param: string | null): never {
  throw new Refusal(message, param);
}

function fieldName(name: string, parent: string): string {
  const safe = PRINTABLE_FIELD.test(name) ? name : '(a field name outside [a-z0-9_])';
  return parent === '' ? safe : `${parent}.${safe}`;
}

function refuseUnknown(record: Record<string, unknown>, known: ReadonlySet<string>, parent: string): void {
  for (const key of Object.keys(record)) {
    if (!known.has(key)) {
      const field = fieldName(key, parent);
      refuse(`${field} is not supported by this API.`, PRINTABLE_FIELD.test(key) ? field : parent || null);
    }
  }
}

/** Absent and null both mean "not set", as OpenAI treats its optional fields. */
function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function numberIn(value: unknown, field: string, range: { readonly min: number; readonly max: number }): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    refuse(`${field} must be a number from ${range.min} to ${range.max}.`, field);
  }
  return value;
}

function tokenCount(value: unknown, field: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    refuse(`${field} must be an integer from 1 to ${max}.`, field);
  }
  return value;
}

function parseContent(content: unknown, field: string): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) refuse(`${field} must be a string or an array of text parts.`, field);
  if (content.length === 0 || content.length > MAX_CONTENT_PARTS) refuse(`${field} must hold 1 to ${MAX_CONTENT_PARTS} text parts.`, field);
  const texts: string[] = [];
  content.forEach((part, j) => {
    const at = `${field}[${j}]`;
    if (!isJsonRecord(part)) refuse(`${at} must be an object {"type":"text","text":...}.`, at);
    // The type first: an image part is refused as such, not for its image_url field.
    if (part.type !== 'text') refuse(`${at}.type must be "text": only text content is supported.`, `${at}.type`);
    refuseUnknown(part, TEXT_PART_FIELDS, at);
    if (typeof part.text !== 'string') refuse(`${at}.text must be a string.`, `${at}.text`);
    texts.push(part.text);
  });
  return texts.join(PART_SEPARATOR);
}

function parseMessages(value: unknown, maxTotalChars: number): ChatTurn[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_MESSAGES) {
    refuse(`messages must be an array of 1 to ${MAX_MESSAGES} messages.`, 'messages');
  }
  let total = 0;
  let users = 0;
  const turns = value.map((message, i): ChatTurn => {
    const at = `messages[${i}]`;
    if (!isJsonRecord(message)) refuse(`${at} must be an object with role and content.`, at);
    refuseUnknown(message, MESSAGE_FIELDS, at);
    if (typeof message.role !== 'string' || !ROLES.has(message.role)) {
      refuse(`${at}.role must be one of ${CHAT_ROLES.join(', ')}.`, `${at}.role`);
    }
    const role = message.role as ChatRole;
    const text = parseContent(message.content, `${at}.content`);
    if (text.length === 0) refuse(`${at}.content must not be empty.`, `${at}.content`);
    total += text.length;
    if (total > maxTotalChars) refuse(`messages hold more than ${maxTotalChars} characters in all.`, 'messages');
    if (role === 'user') users++;
    return { role, text };
  });
  if (users === 0) refuse('messages must hold at least one user message.', 'messages');
  return turns;
}

function parseStop(value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length > MAX_STOP) refuse(`stop must be a string or an array of at most ${MAX_STOP} strings.`, 'stop');
  return list.map((item, i) => {
    if (typeof item !== 'string' || item.length === 0 || item.length > MAX_STOP_LENGTH) {
      const field = typeof value === 'string' ? 'stop' : `stop[${i}]`;
      refuse(`${field} must be a string of 1 to ${MAX_STOP_LENGTH} characters.`, field);
    }
    return item;
  });
}

function parseParameters(body: Record<string, unknown>, maxOutputTokens: number): ChatParameters {
  const parameters: { -readonly [K in keyof ChatParameters]: ChatParameters[K] } = {};
  const legacy = given(body.max_tokens);
  const current = given(body.max_completion_tokens);
  if (legacy && current) refuse('Give max_tokens or max_completion_tokens, not both.', 'max_tokens');
  if (legacy) parameters.maxTokens = tokenCount(body.max_tokens, 'max_tokens', maxOutputTokens);
  if (current) parameters.maxTokens = tokenCount(body.max_completion_tokens, 'max_completion_tokens', maxOutputTokens);
  if (given(body.temperature)) parameters.temperature = numberIn(body.temperature, 'temperature', TEMPERATURE_RANGE);
  if (given(body.top_p)) parameters.topP = numberIn(body.top_p, 'top_p', TOP_P_RANGE);
  if (given(body.stop)) {
    const stop = parseStop(body.stop);
    if (stop.length > 0) parameters.stopSequences = stop;
  }
  return parameters;
}

function parseStreamOptions(body: Record<string, unknown>, stream: boolean): boolean {
  if (!given(body.stream_options)) return false;
  if (!stream) refuse('stream_options is only allowed when stream is true.', 'stream_options');
  const options = body.stream_options;
  if (!isJsonRecord(options)) refuse('stream_options must be an object.', 'stream_options');
  refuseUnknown(options, new Set(['include_usage']), 'stream_options');
  if (!given(options.include_usage)) return false;
  if (typeof options.include_usage !== 'boolean') refuse('stream_options.include_usage must be a boolean.', 'stream_options.include_usage');
  return options.include_usage;
}

function parse(body: unknown, limits: ChatRequestLimits): ChatRequest {
  if (!isJsonRecord(body)) refuse('The request body must be a JSON object.', null);
  refuseUnknown(body, TOP_LEVEL, '');
  if (given(body.model) && body.model !== limits.model) {
    refuse('model must be left out or name the model of this route.', 'model');
  }
  const turns = parseMessages(body.messages, limits.maxTotalChars);
  const parameters = parseParameters(body, limits.maxOutputTokens);
  if (given(body.stream) && typeof body.stream !== 'boolean') refuse('stream must be a boolean.', 'stream');
  const stream = body.stream === true;
  const includeUsage = parseStreamOptions(body, stream);
  let user: string | undefined;
  if (given(body.user)) {
    if (typeof body.user !== 'string' || body.user.length > MAX_USER_LENGTH) refuse(`user must be a string of at most ${MAX_USER_LENGTH} characters.`, 'user');
    user = body.user;
  }
  return { model: limits.model, turns, parameters, stream, includeUsage, ...(user === undefined ? {} : { user }) };
}

export function parseChatRequest(body: unknown, limits: ChatRequestLimits): ChatRequestParse {
  try {
    return { success: true, data: parse(body, limits) };
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    return { success: false, error: Object.freeze({ status: 400, code: ErrorCode.INVALID_BODY, message: err.message, param: err.param }) };
  }
}
