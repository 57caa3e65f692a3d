/**
 * The chat route's request checks, cheapest and most decisive first, as the
 * invoke route's validator orders them: media type (415), size and encoding
 * (413/400), JSON structure (400), then the Chat Completions fields (400
 * naming the field) and Unicode hygiene. Turns come out normalised the way the
 * invoke route normalises its prompt; the raw text is kept for the
 * injection guard, which needs the hidden characters normalisation removes.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ErrorCode } from '../../lib/contracts/error-codes';
import { MAX_CONTENT_PARTS, MAX_MESSAGES, MAX_STOP } from '../chat/limits';
import type { ChatRequest, ChatTurn } from '../chat/chat-request';
import { parseChatRequest } from '../chat/parse-chat-request';
import { decodeBody } from '../request-validator/body-decoding';
import { hasJsonContentType } from '../request-validator/content-type';
import { inspectJsonStructure } from '../request-validator/json-structure';
import { Rejections, type Rejection } from '../request-validator/rejection';
import { hasLoneSurrogate, normalizeText } from '../request-validator/unicode';
import { HandlerError } from '../shared/errors';

export interface ChatRequestPolicy {
  readonly model: string;
  readonly maxBodyBytes: number;
  /** Characters of all turns together. */
  readonly maxTotalChars: number;
  readonly maxOutputTokens: number;
}

/** A request that passed, with each turn's text as the caller sent it (for the injection guard). */
export interface CheckedChatRequest {
  readonly request: ChatRequest;
  readonly rawTurns: readonly ChatTurn[];
}

/** A refusal: the error to answer with and OpenAI's `param` (the field at fault), never a value. */
export interface ChatRequestRefusal {
  readonly error: HandlerError;
  readonly param: string | null;
}

export type ChatRequestCheck = { readonly ok: true; readonly value: CheckedChatRequest } | { readonly ok: false; readonly refusal: ChatRequestRefusal };

/** A body nests at most: body → messages → message → content → part. */
const MAX_DEPTH = 6;
/** Every key a largest valid body can hold, with room for the top-level fields. */
const MAX_KEYS = 32 + MAX_MESSAGES * (2 + 2 * MAX_CONTENT_PARTS) + MAX_STOP;

const STRUCTURE: Readonly<Record<string, Rejection>> = {
  depth: Rejections.tooDeep,
  keys: Rejections.tooManyKeys,
  duplicateKey: Rejections.duplicateKey,
};

function refuse(rejection: Rejection, param: string | null = null): ChatRequestCheck {
  return { ok: false, refusal: { error: new HandlerError(rejection.status, rejection.code, rejection.message), param } };
}

export function readChatRequest(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded' | 'headers'>, policy: ChatRequestPolicy): ChatRequestCheck {
  if (!hasJsonContentType(event.headers)) return refuse(Rejections.unsupportedMediaType);
  const body = decodeBody(event.body, event.isBase64Encoded === true, policy.maxBodyBytes);
  if (!body.ok) return refuse(body.error);
  const problem = inspectJsonStructure(body.text, { maxDepth: MAX_DEPTH, maxKeys: MAX_KEYS });
  if (problem) return refuse(STRUCTURE[problem]);
  let data: unknown;
  try {
    data = JSON.parse(body.text);
  } catch {
    return refuse(Rejections.invalidJson);
  }
  const parsed = parseChatRequest(data, { model: policy.model, maxTotalChars: policy.maxTotalChars, maxOutputTokens: policy.maxOutputTokens });
  if (!parsed.success) {
    return { ok: false, refusal: { error: new HandlerError(parsed.error.status, parsed.error.code, parsed.error.message), param: parsed.error.param } };
  }
  const raw = parsed.data;
  const lone = raw.turns.findIndex((turn) => hasLoneSurrogate(turn.text));
  if (lone >= 0) return refuse(Rejections.loneSurrogate, `messages[${lone}].content`);
  if (raw.parameters.stopSequences?.some(hasLoneSurrogate)) return refuse(Rejections.loneSurrogate, 'stop');
  let total = 0;
  const turns = raw.turns.map((turn) => {
    const text = normalizeText(turn.text).text;
    total += text.length;
    return { role: turn.role, text };
  });
  // Normalising can lengthen text (NFKC expands some characters): the limit holds for what the model gets too.
  if (total > policy.maxTotalChars) {
    const error = new HandlerError(400, ErrorCode.INVALID_BODY, `messages hold more than ${policy.maxTotalChars} characters in all.`);
    return { ok: false, refusal: { error, param: 'messages' } };
  }
  return { ok: true, value: { request: { ...raw, turns }, rawTurns: raw.turns } };
}
