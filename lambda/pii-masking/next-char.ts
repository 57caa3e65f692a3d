/**
 * Where a character next occurs, found with the native `indexOf` and
 * remembered. Questions that move forward through the text cost linear time
 * overall: a native search only starts past the last occurrence found, so
 * the stretches searched never overlap. A question that starts behind the
 * remembered stretch reads the range asked about with a plain loop, whose
 * length the caller bounds.
 */
export class NextChar {
  /** No search yet while `from` is -1; else `at` is the first occurrence at or after `from` (-1: none). */
  private from = -1;
  private at = -1;
  private readonly code: number;

  public constructor(
    private readonly s: string,
    private readonly ch: string,
  ) {
    this.code = ch.charCodeAt(0);
  }

  /** The first occurrence in [start, end), or -1. */
  public firstIn(start: number, end: number): number {
    if (start >= end) return -1;
    if (this.from < 0 || (start >= this.from && this.at >= 0 && start > this.at)) {
      this.from = start;
      this.at = this.s.indexOf(this.ch, start);
    } else if (start < this.from) {
      const stop = Math.min(end, this.from);
      for (let i = start; i < stop; i++) if (this.s.charCodeAt(i) === this.code) return i;
      if (end <= this.from) return -1;
    }
    return this.at >= 0 && this.at < end ? this.at : -1;
  }
}
