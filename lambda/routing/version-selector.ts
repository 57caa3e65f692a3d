/**
 * Which version of a model serves a call. Versions the caller may use are
 * the unrestricted ones plus the restricted ones its authorizer context lists;
 * among them a version's share is its weight (weight 0: never chosen). With
 * stickiness, the draw is a hash of the principal and a time bucket, so the
 * same caller keeps its version for `stickinessSeconds` in every instance;
 * each principal's buckets are shifted by its own offset, so callers do not
 * all move at the same instant.
 */
import type { Caller } from './caller';
import { stableFraction } from './stable-hash';

export interface WeightedVersion {
  readonly name: string;
  readonly weight: number;
  readonly restricted: boolean;
}

export function drawFor(caller: Caller, stickinessSeconds: number, nowMs: number, random: () => number): number {
  if (stickinessSeconds <= 0 || caller.principal === undefined) return random();
  const periodMs = stickinessSeconds * 1000;
  const offset = Math.floor(stableFraction(`offset:${caller.principal}`) * periodMs);
  const bucket = Math.floor((nowMs + offset) / periodMs);
  return stableFraction(`${caller.principal}\u0000${bucket}`);
}

/** The chosen version, or undefined when the caller may use none with weight (validation rules that out). */
export function selectVersion<V extends WeightedVersion>(versions: readonly V[], caller: Caller, draw: number): V | undefined {
  let total = 0;
  for (const v of versions) if (usable(v, caller)) total += v.weight;
  if (total <= 0) return undefined;
  let point = draw * total;
  let last: V | undefined;
  for (const v of versions) {
    if (!usable(v, caller)) continue;
    last = v;
    if (point < v.weight) return v;
    point -= v.weight;
  }
  return last;
}

function usable(version: WeightedVersion, caller: Caller): boolean {
  return version.weight > 0 && (!version.restricted || caller.versions.has(version.name));
}
