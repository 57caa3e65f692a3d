/**
 * PII masking of an answer while it streams. Text is held back until the
 * next independent cut (stream-cuts.ts) and each piece between cuts is
 * masked whole, with the same options and the same placeholder map as the
 * buffered path, so for any text and any split of it into chunks the
 * concatenated output equals `maskPii(whole text).text` and the map ends up
 * holding the same entries in the same order. Nothing is emitted that the
 * masker has not read in full context; what is held back is the current
 * paragraph and at most AT_LOOK_AHEAD characters after it.
 *
 * Fail closed: should the masker fail on a piece, nothing of that piece is
 * returned, the masker stays failed and every later call throws, so the
 * caller ends the stream with an error event.
 */
import { maskPii, PiiConfigError, validateMaskOptions, type MaskOptions, type MaskResult } from '../pii-masking';
import { CutFinder } from './stream-cuts';

export class StreamMaskingError extends Error {
  public constructor() {
    super('PII masking of the streamed answer failed');
    this.name = 'StreamMaskingError';
  }
}

export type MaskFunction = (text: string, options: MaskOptions) => MaskResult;

export class StreamingMasker {
  private readonly cuts = new CutFinder();
  private pending = '';
  /** Stream offset of `pending[0]`. */
  private pendingStart = 0;
  private failed = false;
  private readonly counts: Record<string, number> = {};

  /**
   * @param options the buffered path's options (its placeholder map included). Custom patterns are refused:
   *   their `^` and `$` anchor at the ends of the text, which a cut would move.
   * @param mask the masker; tests pass a failing one.
   */
  public constructor(private readonly options: MaskOptions, private readonly mask: MaskFunction = maskPii) {
    if (options.customPatterns !== undefined && options.customPatterns.length > 0) {
      throw new PiiConfigError('InvalidCustomPattern', 'customPatterns cannot be used on streamed answers.');
    }
    validateMaskOptions(options);
  }

  /** Takes the next chunk of the answer; returns the masked text that is now safe to send (often empty). */
  public push(chunk: string): string {
    this.assertUsable();
    this.pending += chunk;
    this.cuts.push(chunk);
    const cut = this.cuts.cut;
    if (cut <= this.pendingStart) return '';
    const length = cut - this.pendingStart;
    const piece = this.pending.slice(0, length);
    this.pending = this.pending.slice(length);
    this.pendingStart = cut;
    return this.maskPiece(piece);
  }

  /** The answer ended: the rest, masked. */
  public flush(): string {
    this.assertUsable();
    this.cuts.end();
    const piece = this.pending;
    this.pendingStart += piece.length;
    this.pending = '';
    return this.maskPiece(piece);
  }

  /** Characters received and not yet released. */
  public get heldChars(): number {
    return this.pending.length;
  }

  /** Findings so far by type; never the values. */
  public get findings(): Readonly<Record<string, number>> {
    return { ...this.counts };
  }

  private maskPiece(piece: string): string {
    if (piece === '') return '';
    let result: MaskResult;
    try {
      result = this.mask(piece, this.options);
    } catch {
      result = { text: '', findings: [], failedClosed: true };
    }
    if (result.failedClosed === true || typeof result.text !== 'string') {
      this.failed = true;
      throw new StreamMaskingError();
    }
    for (const f of result.findings) this.counts[f.type] = (this.counts[f.type] ?? 0) + 1;
    return result.text;
  }

  private assertUsable(): void {
    if (this.failed) throw new StreamMaskingError();
  }
}
