/**
 * Properties of version selection, target plans and the circuit breaker,
 * over generated routes, callers and clocks (fast-check, fixed seed).
 */
import fc from 'fast-check';
import { DEFAULT_BREAKER, type CircuitBreakerConfig } from '../../../lib/contracts/model-proxy';
import { callerOf, type Caller } from '../../../lambda/routing/caller';
import { CircuitBreaker, type BreakerChange } from '../../../lambda/routing/circuit-breaker';
import { planTargets } from '../../../lambda/routing/target-plan';
import { drawFor, selectVersion, type WeightedVersion } from '../../../lambda/routing/version-selector';
import { seededRandom } from '../../helpers/seeded-random';

const SEED = 20_240_614;
const params = { seed: SEED, numRuns: 60 };

const versionArb = fc.uniqueArray(
  fc.record({ name: fc.constantFrom('v1', 'v2', 'v3', 'canary', 'rc-1'), weight: fc.integer({ min: 0, max: 100 }), restricted: fc.boolean() }),
  { minLength: 1, maxLength: 5, selector: (v) => v.name },
).filter((vs) => vs.some((v) => v.weight > 0 && !v.restricted));

const callerArb = fc.record({
  principal: fc.option(fc.string({ minLength: 1, maxLength: 24 }), { nil: undefined }),
  versions: fc.subarray(['v1', 'v2', 'v3', 'canary', 'rc-1']).map((l) => new Set(l)),
});

describe('version selection', () => {
  test('restricted versions are never chosen for callers that do not list them, weight 0 never at all', () => {
    fc.assert(fc.property(versionArb, callerArb, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (versions, caller, draw) => {
      const chosen = selectVersion(versions, caller, draw)!;
      expect(chosen).toBeDefined();
      expect(chosen.weight).toBeGreaterThan(0);
      if (chosen.restricted) expect(caller.versions.has(chosen.name)).toBe(true);
    }), params);
  });

  test('weights are honoured within four standard deviations over 20 000 draws', () => {
    fc.assert(fc.property(versionArb, (versions) => {
      const random = seededRandom(SEED);
      const caller: Caller = { principal: undefined, versions: new Set() };
      const usable = versions.filter((v) => v.weight > 0 && !v.restricted);
      const total = usable.reduce((sum, v) => sum + v.weight, 0);
      const n = 20_000;
      const counts = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const v = selectVersion(versions, caller, drawFor(caller, 3600, 0, random))!;
        counts.set(v.name, (counts.get(v.name) ?? 0) + 1);
      }
      for (const v of usable) {
        const p = v.weight / total;
        const sd = Math.sqrt(n * p * (1 - p));
        expect(Math.abs((counts.get(v.name) ?? 0) - n * p)).toBeLessThanOrEqual(4 * sd + 1);
      }
      expect([...counts.keys()].every((name) => usable.some((v) => v.name === name))).toBe(true);
    }), { seed: SEED, numRuns: 15 });
  });

  test('sticky: the same principal keeps its version for a period, whatever the random source says', () => {
    fc.assert(fc.property(versionArb, fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 86_400 }),
      fc.integer({ min: 0, max: 2 ** 40 }), (versions, principal, stickiness, now) => {
        const caller: Caller = { principal, versions: new Set() };
        const periodMs = stickiness * 1000;
        // 50 instants across one period: at most one change of draw (its bucket boundary), so the choices form at most two runs.
        const drawAt = (i: number) => drawFor(caller, stickiness, now + Math.floor(i * periodMs / 50), Math.random);
        const chosen = Array.from({ length: 50 }, (_, i) => selectVersion(versions, caller, drawAt(i))!);
        let runs = 1;
        for (let i = 1; i < chosen.length; i++) if (chosen[i] !== chosen[i - 1]) runs++;
        expect(runs).toBeLessThanOrEqual(2);
        expect(drawFor(caller, stickiness, now, Math.random)).toBe(drawFor(caller, stickiness, now, Math.random));
      }), params);
  });

  test('sticky draws spread principals over the versions as the weights say', () => {
    const versions: WeightedVersion[] = [{ name: 'v1', weight: 90, restricted: false }, { name: 'v2', weight: 10, restricted: false }];
    let v2 = 0;
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      const caller: Caller = { principal: `user-${i}`, versions: new Set() };
      if (selectVersion(versions, caller, drawFor(caller, 3600, 1_700_000_000_000, Math.random))!.name === 'v2') v2++;
    }
    expect(Math.abs(v2 - 1000)).toBeLessThan(4 * Math.sqrt(n * 0.1 * 0.9));
  });

  test('the authorizer context lists versions comma-separated; names that are not version ids are dropped', () => {
    expect(callerOf({ principalId: 'u1', versions: 'v2, canary,BAD NAME,,-x' })).toEqual({ principal: 'u1', versions: new Set(['v2', 'canary']) });
    expect(callerOf(undefined)).toEqual({ principal: undefined, versions: new Set() });
    // The JWT authorizer qualifies each grant with its model: another model's grant never opens this model's version.
    expect(callerOf({ principalId: 'u1', versions: 'claims-triage:v2,other:v3,claims-triage:BAD,:v4' }, 'claims-triage'))
      .toEqual({ principal: 'u1', versions: new Set(['v2']) });
    expect(callerOf({ principalId: 'u1', versions: 'claims-triage:v2' })).toEqual({ principal: 'u1', versions: new Set() });
    expect(callerOf({ principalId: 42, versions: ['v2'] })).toEqual({ principal: undefined, versions: new Set() });
  });
});

interface T {
  readonly id: string;
  readonly weight: number;
  readonly up: boolean;
  available(now: number): boolean;
}
const target = (id: string, weight: number, up: boolean): T => ({ id, weight, up, available: () => up });

const groupsArb = fc.array(fc.array(fc.record({ weight: fc.integer({ min: 1, max: 1000 }), up: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  { minLength: 1, maxLength: 3 }).map((gs) => gs.map((g, gi) => g.map((t, ti) => target(`g${gi}t${ti}`, t.weight, t.up))));

describe('target plans', () => {
  test('priorities: available targets only, every one once, groups in order (highest first)', () => {
    fc.assert(fc.property(groupsArb, fc.integer(), (groups, seed) => {
      const plan = planTargets(groups, 0, seededRandom(seed));
      const expected = groups.flat().filter((t) => t.up);
      expect(new Set(plan)).toEqual(new Set(expected));
      expect(plan).toHaveLength(expected.length);
      const groupOf = (t: T) => groups.findIndex((g) => g.includes(t));
      for (let i = 1; i < plan.length; i++) expect(groupOf(plan[i])).toBeGreaterThanOrEqual(groupOf(plan[i - 1]));
    }), params);
  });

  test('the first target is drawn by weight among the highest group with an available target', () => {
    const groups = [[target('down', 500, false)], [target('a', 300, true), target('b', 100, true)], [target('low', 1000, true)]];
    const random = seededRandom(SEED);
    const firsts = new Map<string, number>();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const id = planTargets(groups, 0, random)[0].id;
      firsts.set(id, (firsts.get(id) ?? 0) + 1);
    }
    expect([...firsts.keys()].sort()).toEqual(['a', 'b']);
    expect(Math.abs(firsts.get('a')! - 0.75 * n)).toBeLessThan(4 * Math.sqrt(n * 0.75 * 0.25));
  });
});

describe('circuit breaker', () => {
  const config: CircuitBreakerConfig = { windowMs: 10_000, minimumCalls: 4, failureRate: 0.5, consecutiveFailures: 3, coolDownMs: 5000, halfOpenProbes: 1 };

  test('closed → open on consecutive failures → half-open after the cool-down → closed on a probe success, or open again', () => {
    const changes: BreakerChange[] = [];
    const on = (c: BreakerChange) => changes.push(c);
    const b = new CircuitBreaker(config);
    let now = 1000;
    for (let i = 0; i < 3; i++) b.failure(now, on);
    expect(b.state).toBe('open');
    expect(b.acquire(now + 4000, on)).toBe(false);
    expect(b.available(now + 4999)).toBe(false);
    now += 5000;
    expect(b.acquire(now, on)).toBe(true);
    expect(b.state).toBe('halfOpen');
    expect(b.acquire(now, on)).toBe(false);
    b.failure(now, on);
    expect(b.state).toBe('open');
    now += 5000;
    expect(b.acquire(now, on)).toBe(true);
    b.success(now, on);
    expect(b.state).toBe('closed');
    expect(changes.map((c) => `${c.from}>${c.to}:${c.reason}`)).toEqual([
      'closed>open:consecutiveFailures', 'open>halfOpen:coolDown', 'halfOpen>open:probeFailed', 'open>halfOpen:coolDown', 'halfOpen>closed:probeSucceeded',
    ]);
  });

  test('opens on the failure rate only once the window holds minimumCalls, and forgets calls older than the window', () => {
    fc.assert(fc.property(fc.array(fc.record({ gap: fc.integer({ min: 0, max: 4000 }), failed: fc.boolean() }), { maxLength: 80 }), (calls) => {
      const b = new CircuitBreaker({ ...config, consecutiveFailures: 100 });
      const history: { at: number; failed: boolean }[] = [];
      let now = 0;
      for (const call of calls) {
        now += call.gap;
        if (b.state !== 'closed') return;
        history.push({ at: now, failed: call.failed });
        if (call.failed) b.failure(now);
        else b.success(now);
        // Reference: the window is the current bucket and the nine before it (a tenth of the window each), so it
        // never counts a call older than windowMs and always counts those of the last 0.9 windowMs.
        const bucket = (t: number) => Math.floor(t / (config.windowMs / 10));
        const inWindow = history.filter((h) => bucket(h.at) > bucket(now) - 10);
        expect(inWindow.every((h) => h.at > now - config.windowMs)).toBe(true);
        const shouldOpen = call.failed && inWindow.length >= config.minimumCalls && inWindow.filter((h) => h.failed).length >= 0.5 * inWindow.length;
        expect(b.state).toBe(shouldOpen ? 'open' : 'closed');
      }
    }), { seed: SEED, numRuns: 200 });
  });

  test('a release gives the half-open probe back; the defaults of the contract make a working breaker', () => {
    const b = new CircuitBreaker(DEFAULT_BREAKER);
    for (let i = 0; i < DEFAULT_BREAKER.consecutiveFailures; i++) b.failure(0);
    expect(b.state).toBe('open');
    expect(b.acquire(DEFAULT_BREAKER.coolDownMs)).toBe(true);
    expect(b.acquire(DEFAULT_BREAKER.coolDownMs)).toBe(false);
    b.release();
    expect(b.acquire(DEFAULT_BREAKER.coolDownMs)).toBe(true);
  });
});
