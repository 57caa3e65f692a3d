import type { Reason } from './reasons';

/** Score at or above which a prompt counts as flagged. */
export const DEFAULT_INJECTION_THRESHOLD = 0.5;

// Further rules for the same reason count at half weight: corroboration, not independent signals.
const CORROBORATION = 0.5;

/**
 * The weights of the rules that matched, per reason. Within a reason the
 * strongest counts fully and the others at half; across reasons signals
 * combine as independent (noisy-OR): one strong signal flags on its own, two
 * weak ones together may.
 */
export class Evidence {
  private readonly top = new Map<Reason, number[]>();

  public add(reason: Reason, weight: number): void {
    const list = this.top.get(reason);
    if (list) list.push(weight);
    else this.top.set(reason, [weight]);
  }

  /** True when `reason` already has at least `weight`. */
  public has(reason: Reason, weight = 0): boolean {
    return this.weight(reason) >= weight && this.top.has(reason);
  }

  /** The combined weight of one reason. */
  public weight(reason: Reason): number {
    const list = this.top.get(reason);
    if (!list) return 0;
    const strongest = Math.max(...list);
    let miss = 1 - strongest;
    let skipped = false;
    for (const w of list) {
      if (!skipped && w === strongest) skipped = true;
      else miss *= 1 - CORROBORATION * w;
    }
    return 1 - miss;
  }

  public get size(): number {
    return this.top.size;
  }

  public entries(): Array<[Reason, number]> {
    return [...this.top.keys()].map((r) => [r, this.weight(r)]);
  }

  public score(): number {
    let miss = 1;
    for (const r of this.top.keys()) miss *= 1 - this.weight(r);
    return Math.round((1 - miss) * 1000) / 1000;
  }

  /** Reason codes, strongest first. */
  public reasons(): Reason[] {
    return this.entries()
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([r]) => r);
  }
}
