/**
 * The audit line of one chat call: ids, codes, counts and timings, never text.
 * It extends the invoke route's line (same message, same fields) with what a
 * conversation and a stream add.
 */
import { AuditRecord } from '../model-proxy/audit';
import type { LogFields } from '../shared/logger';

/** How a call ended: `completed`, or why not. */
export type ChatOutcome =
  | 'completed'
  | 'refused'
  | 'backendError'
  | 'guardError'
  | 'idleTimeout'
  | 'deadline'
  | 'clientDisconnected';

export class ChatAuditRecord extends AuditRecord {
  public readonly route = 'chat' as const;
  public stream = false;
  public turns = 0;
  public outcome: ChatOutcome = 'guardError';
  public promptTokens = 0;
  public completionTokens = 0;
  /** Whether the token counts are our estimate (the backend reported none). */
  public usageEstimated = false;
  /** Milliseconds from the request to the first byte sent on a stream, and to the first answer text. */
  public firstByteMs: number | undefined;
  public firstTextMs: number | undefined;
  /** Milliseconds the stream was open (headers sent to end). */
  public streamMs: number | undefined;
  /** Whether the caller saw a 200 before the failure (the error went in-band). */
  public failedMidStream = false;
  /** With a response cache: how the call used it, why it did not, whether the answer was stored, and cache errors seen. */
  public cache: 'hit' | 'miss' | 'bypass' | undefined;
  public cacheBypass: string | undefined;
  public cacheStored: boolean | undefined;
  public cacheErrors = 0;

  public override fields(): LogFields {
    return {
      ...super.fields(),
      route: this.route,
      stream: this.stream,
      turns: this.turns,
      outcome: this.outcome,
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
      usageEstimated: this.usageEstimated,
      firstByteMs: this.firstByteMs,
      firstTextMs: this.firstTextMs,
      streamMs: this.streamMs,
      failedMidStream: this.failedMidStream,
      ...(this.cache === undefined ? {} : {
        cache: this.cache, cacheBypass: this.cacheBypass, cacheStored: this.cacheStored, cacheErrors: this.cacheErrors,
      }),
    };
  }
}
