import type { LogFields } from '../shared/logger';
import type { PiiCounts } from './guards';
import type { ModelFailureDetail } from './model-client';

export const AUDIT_MESSAGE = 'model invocation';

/** The proxy's steps, in order; each has a latency in the audit line. */
export type ProxyStep = 'validate' | 'maskPrompt' | 'budget' | 'invoke' | 'extract' | 'maskResponse';

/**
 * The audit record of one call: ids, codes, counts and timings only. The
 * prompt, the answer and any PII never get here; neither do backend messages.
 */
export class AuditRecord {
  public status = 500;
  public code: string | undefined;
  public failedStep: ProxyStep | undefined;
  public errorName: string | undefined;
  public attempts = 0;
  public backend: ModelFailureDetail = {};
  public injectionSuspected = false;
  public piiPrompt: PiiCounts = {};
  public piiResponse: PiiCounts = {};
  public promptChars = 0;
  public outputChars = 0;
  public readonly latencyMs: Record<string, number> = {};
  /** Routed models: the version and target that served the call, the targets tried and the failovers. */
  public routing: LogFields = {};
  /** Routes with a budget: the reservation, its settlement and any refusing limit (lambda/budget/budget-call.ts). */
  public budget: LogFields = {};

  public constructor(
    private readonly model: string,
    /** The kind of backend called: the configured one, or the routed target's. */
    public backendType: string,
    private readonly requestId: string,
    private readonly invocationId: string,
    private readonly principalId: string | null,
  ) {}

  public fields(): LogFields {
    return {
      requestId: this.requestId,
      invocationId: this.invocationId,
      principalId: this.principalId,
      model: this.model,
      backend: this.backendType,
      status: this.status,
      code: this.code,
      failedStep: this.failedStep,
      errorName: this.errorName,
      attempts: this.attempts,
      backendStatus: this.backend.backendStatus,
      backendCode: this.backend.backendCode,
      injectionSuspected: this.injectionSuspected,
      piiPrompt: { ...this.piiPrompt },
      piiResponse: { ...this.piiResponse },
      promptChars: this.promptChars,
      outputChars: this.outputChars,
      latencyMs: { ...this.latencyMs },
      ...this.routing,
      ...this.budget,
    };
  }
}


/** Finding counts as the guard reported them, keeping only sane entity names and counts. */
export function safeCounts(findings: unknown): PiiCounts {
  if (findings === null || typeof findings !== 'object') return {};
  const counts: Record<string, number> = {};
  for (const [type, count] of Object.entries(findings as Record<string, unknown>)) {
    if (/^[A-Za-z][A-Za-z0-9_-]{0,39}$/.test(type) && typeof count === 'number' && Number.isFinite(count)) counts[type] = count;
  }
  return counts;
}
