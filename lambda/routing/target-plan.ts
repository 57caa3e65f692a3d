/**
 * The order in which one call tries a version's targets: the highest
 * priority group that has an available target (breaker not open) first,
 * weighted at random among its available targets; then the rest of that
 * group, each next one again weighted among those left; then the lower
 * groups the same way. Targets whose breaker is open are left out: they are
 * skipped without a call.
 */
export interface PlannedTarget {
  readonly weight: number;
  available(now: number): boolean;
}

/** `groups` from the highest priority down. Allocates only the returned list. */
export function planTargets<T extends PlannedTarget>(groups: readonly (readonly T[])[], now: number, random: () => number): T[] {
  const plan: T[] = [];
  for (const group of groups) {
    const start = plan.length;
    let total = 0;
    for (const target of group) {
      if (target.available(now)) {
        plan.push(target);
        total += target.weight;
      }
    }
    // Weighted order without replacement: a draw picks the next target among those not yet placed.
    for (let i = start; i < plan.length - 1; i++) {
      let point = random() * total;
      let j = i;
      while (j < plan.length - 1 && point >= plan[j].weight) {
        point -= plan[j].weight;
        j++;
      }
      const picked = plan[j];
      plan[j] = plan[i];
      plan[i] = picked;
      total -= picked.weight;
    }
  }
  return plan;
}
