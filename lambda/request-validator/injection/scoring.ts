import type { Reason } from './reasons';

/** Score at or above which a prompt counts as flagged. */
export const DEFAULT_INJECTION_THRESHOLD = 0.5;

/**
 * Weight of each reason's strongest evidence, combined as independent
 * signals (noisy-OR): one strong signal flags on its own, two weak ones
 * together may.
 */
export class Evidence {
  private readonly weights = new Map<Reason, number>();

  public add(reason: Reason, weight: number): void {
    if (weight > (this.weights.get(reason) ?? 0)) this.weights.set(reason, weight);
  }

  /** True when `reason` already has at least `weight`, so a rule that cannot raise it may be skipped. */
  public has(reason: Reason, weight = 0): boolean {
    return (this.weights.get(reason) ?? -1) >= weight;
  }

  public weight(reason: Reason): number {
    return this.weights.get(reason) ?? 0;
  }

  public get size(): number {
    return this.weights.size;
  }

  public entries(): IterableIterator<[Reason, number]> {
    return this.weights.entries();
  }

  public score(): number {
    let miss = 1;
    for (const w of this.weights.values()) miss *= 1 - w;
    return Math.round((1 - miss) * 1000) / 1000;
  }

  /** Reason codes, strongest first. */
  public reasons(): Reason[] {
    return [...this.weights.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r]) => r);
  }
}
