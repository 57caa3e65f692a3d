/**
 * The guards of the chat route, built once per execution environment from
 * the model's configuration: the injection guard over every user and system
 * turn, and PII masking with one placeholder map per conversation.
 *
 * Every turn (and stop sequence) is masked like the invoke route's prompt
 * (normalised view, replacements put back into the text). The map is then
 * sealed: the answer is masked with the same options and map, buffered or
 * streamed, and restoring gives back only what the caller sent.
 */
import type { ModelProxyConfig } from '../../lib/contracts/model-proxy';
import { createPlaceholderMap, maskPii, restorePlaceholders, type MaskOptions } from '../pii-masking';
import { detectPromptInjection } from '../request-validator';
import { StreamingMasker } from '../chat/streaming-masker';
import { PlaceholderRestorer } from '../chat/placeholder-stream';
import type { ChatRole } from '../chat/chat-request';
import { proxyMaskOptions } from '../model-proxy/guard-wiring';
import { maskNormalized, MaskingFailedError, type ProxyMaskOptions } from '../model-proxy/normalized-masking';

export interface MaskedString {
  readonly text: string;
  readonly findings: Readonly<Record<string, number>>;
}

/** Masks a streamed answer: text in, text safe to send out (often empty until a cut). */
export interface AnswerMasker {
  push(chunk: string): string;
  flush(): string;
  readonly findings: Readonly<Record<string, number>>;
}

/** Puts the caller's own values back, across chunk boundaries. */
export interface AnswerRestorer {
  push(chunk: string): string;
  flush(): string;
}

/** The masking of one conversation. */
export interface ChatPiiCall {
  /** A string the model will get. Only before the answer's masking starts. */
  maskRequest(text: string): MaskedString;
  /** The whole answer (buffered calls). Seals the map. */
  maskAnswer(text: string): MaskedString;
  /** A masker for a streamed answer. Seals the map. */
  answerMasker(): AnswerMasker;
  /** Whether answers get the caller's own values back. */
  readonly restores: boolean;
  restore(text: string): string;
  restorer(): AnswerRestorer;
}

export interface InjectionVerdict {
  readonly flagged: boolean;
}

export interface ChatGuards {
  /** 'off' skips the guard; 'flag' records; 'block' refuses with 422. */
  readonly injectionAction: ModelProxyConfig['injectionAction'];
  /** The guard's verdict on one turn as the caller sent it. */
  inspect(text: string, role: ChatRole): InjectionVerdict;
  startCall(): ChatPiiCall;
}

/** The roles whose turns the injection guard reads: what a caller writes. Assistant turns are the model's own words. */
export const SCREENED_ROLES: ReadonlySet<ChatRole> = new Set<ChatRole>(['system', 'user']);

export function createChatGuards(config: ModelProxyConfig): ChatGuards {
  const options = proxyMaskOptions(config.piiMasking);
  const threshold = config.injectionThreshold;
  return {
    injectionAction: config.injectionAction,
    inspect: (text) => ({ flagged: detectPromptInjection(text, { threshold }).flagged }),
    startCall: () => startChatCall(options, config.restorePlaceholders),
  };
}

function countByType(findings: readonly { readonly type: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.type] = (counts[f.type] ?? 0) + 1;
  return counts;
}

function startChatCall(options: ProxyMaskOptions, restores: boolean): ChatPiiCall {
  const map = createPlaceholderMap();
  let sealed = false;
  const answerOptions = (): MaskOptions => {
    if (!sealed) {
      map.seal();
      sealed = true;
    }
    return { ...options, placeholders: map };
  };
  return {
    restores,
    maskRequest(text) {
      if (sealed) throw new MaskingFailedError();
      const result = maskNormalized(text, map, options);
      return { text: result.text, findings: countByType(result.findings) };
    },
    maskAnswer(text) {
      const result = maskPii(text, answerOptions());
      if (result.failedClosed === true) throw new MaskingFailedError();
      return { text: result.text, findings: countByType(result.findings) };
    },
    answerMasker() {
      const maskOptions = answerOptions();
      return maskOptions.customPatterns !== undefined && maskOptions.customPatterns.length > 0
        ? new WholeAnswerMasker(maskOptions)
        : new StreamingMasker(maskOptions);
    },
    restore: (text) => restorePlaceholders(text, map),
    restorer: () => (restores ? new PlaceholderRestorer(map) : passThrough()),
  };
}

function passThrough(): AnswerRestorer {
  return { push: (chunk) => chunk, flush: () => '' };
}

/**
 * Custom patterns may anchor at the ends of the text (`^`, `$`), which a cut
 * would move: with them, a streamed answer is masked whole when it ends.
 * Nothing is sent before that, so nothing unmasked can be.
 */
class WholeAnswerMasker implements AnswerMasker {
  private text = '';
  private counts: Record<string, number> = {};

  public constructor(private readonly options: MaskOptions) {}

  public push(chunk: string): string {
    this.text += chunk;
    return '';
  }

  public flush(): string {
    const result = maskPii(this.text, this.options);
    this.text = '';
    if (result.failedClosed === true) throw new MaskingFailedError();
    this.counts = countByType(result.findings);
    return result.text;
  }

  public get findings(): Readonly<Record<string, number>> {
    return { ...this.counts };
  }
}

