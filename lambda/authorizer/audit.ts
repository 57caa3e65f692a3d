/**
 * One structured line per decision. The WAF auto-block function reads
 * `decision`, `reason` and `sourceIp` from these lines, so those names are
 * fixed. Nothing here may carry a token or a claim that identifies a person;
 * `principalId` is the pseudonymous `sub`, and only once it was verified.
 */
import type { LogFields, Logger } from '../shared/logger';
import { Decision, type Reason } from './reason-codes';

export const AUDIT_MESSAGE = 'authorization decision';

export interface AuditRecord {
  readonly decision: Decision;
  readonly reason: Reason;
  readonly principalId?: string;
  /** Only a configured model name, never raw path text. */
  readonly model?: string;
  readonly latencyMs: number;
  readonly cached: boolean;
  /** With reason INTERNAL_ERROR: the class name of what failed (see safeErrorName), never its message. */
  readonly errorName?: string;
}

/** The parts of the event worth logging; anything unexpected is dropped, not echoed. */
export interface RequestFacts {
  readonly sourceIp?: string;
  readonly requestId?: string;
}

const IP_TEXT = /^[0-9A-Fa-f:.]{2,45}$/;
const REQUEST_ID_TEXT = /^[A-Za-z0-9-]{1,64}$/;

export function requestFacts(event: unknown): RequestFacts {
  const context = (event as { requestContext?: { requestId?: unknown; identity?: { sourceIp?: unknown } } } | null)?.requestContext;
  const sourceIp = context?.identity?.sourceIp;
  const requestId = context?.requestId;
  return {
    sourceIp: typeof sourceIp === 'string' && IP_TEXT.test(sourceIp) ? sourceIp : undefined,
    requestId: typeof requestId === 'string' && REQUEST_ID_TEXT.test(requestId) ? requestId : undefined,
  };
}

export function audit(logger: Logger, event: unknown, record: AuditRecord): void {
  try {
    const facts = requestFacts(event);
    const fields: LogFields = {
      decision: record.decision,
      reason: record.reason,
      principalId: record.principalId,
      model: record.model,
      latencyMs: Math.round(record.latencyMs * 1000) / 1000,
      sourceIp: facts.sourceIp,
      requestId: facts.requestId,
      cached: record.cached,
      errorName: record.errorName,
    };
    logger.log(record.decision === Decision.ALLOW ? 'INFO' : 'WARN', AUDIT_MESSAGE, fields);
  } catch {
    // A failing log sink must not turn a decision into a crash; the decision stands.
  }
}
