/**
 * The rebalancer against its deliberately dumb twin (STYLE.md): over tens of
 * thousands of seeded random assignments and member sets, `rebalance` must
 * end balanced (max − min ≤ 1), give every shard to a live group, and move
 * exactly as few shards as the brute-force minimum. A failure prints the
 * case's seed and the command that replays it alone.
 */
import { describe, expect, it } from 'vitest';
import { deriveRng, nextFloat, nextIntInclusive, type Rng } from '../../core/prng';
import { balancedTargets, countMoves, imbalance, rebalance } from './rebalance';
import { isBalancedAssignment, minimumMovesByFormula, minimumMovesBySubsets, minimumMovesExhaustive } from './rebalanceTwin';
import type { Gid } from './types';

const replaySeed = process.env.LAB_SHARDCTRLER_SEED;
const replayHint = (seed: number) => `LAB_SHARDCTRLER_SEED=${seed} npx vitest run src/engine/services/shardctrler/rebalance.test.ts`;

function seedsFor(count: number, first = 1): number[] {
  return replaySeed === undefined ? Array.from({ length: count }, (_, i) => first + i) : [Number(replaySeed)];
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[nextIntInclusive(rng, 0, items.length - 1)];
}

function randomSubset(rng: Rng, universe: readonly Gid[], maxSize: number): Gid[] {
  const pool = universe.slice();
  const size = nextIntInclusive(rng, 0, Math.min(maxSize, pool.length));
  const chosen: Gid[] = [];
  for (let i = 0; i < size; i++) chosen.push(pool.splice(nextIntInclusive(rng, 0, pool.length - 1), 1)[0]);
  return chosen;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = nextIntInclusive(rng, 0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

interface Case {
  seed: number;
  shards: Gid[];
  live: Gid[];
}

/**
 * Half the cases start the way the controller does (a balanced assignment,
 * perhaps disturbed by a few Moves, then a Join or Leave changes the
 * members); the other half start from any owners at all, including 0 and
 * groups that are gone.
 */
function randomCase(seed: number, maxShards: number, maxGroups: number): Case {
  const rng = deriveRng(seed, 'shardctrler-rebalance');
  const n = nextFloat(rng) < 0.3 ? Math.min(10, maxShards) : nextIntInclusive(rng, 1, maxShards);
  const universe = Array.from({ length: nextIntInclusive(rng, 1, maxGroups + 4) }, (_, i) => i + 1);
  let shards: Gid[];
  let live: Gid[];
  if (nextFloat(rng) < 0.5) {
    const before = randomSubset(rng, universe, maxGroups);
    shards = rebalance(new Array<Gid>(n).fill(0), before);
    if (before.length > 0) for (let moves = nextIntInclusive(rng, 0, 3); moves > 0; moves--) shards[nextIntInclusive(rng, 0, n - 1)] = pick(rng, before);
    const leaving = randomSubset(rng, before, 3);
    const joining = randomSubset(
      rng,
      universe.filter((gid) => !before.includes(gid)),
      3,
    );
    live = before.filter((gid) => !leaving.includes(gid)).concat(joining).slice(0, maxGroups);
  } else {
    shards = Array.from({ length: n }, () => (nextFloat(rng) < 0.15 ? 0 : pick(rng, universe)));
    live = randomSubset(rng, universe, maxGroups);
  }
  return { seed, shards, live: shuffled(rng, live) };
}

function describeCase(c: Case, result: readonly Gid[]): string {
  return `seed ${c.seed}: shards [${c.shards.join(' ')}], live {${c.live.join(', ')}} → [${result.join(' ')}]; replay: ${replayHint(c.seed)}`;
}

/** Everything `rebalance` must satisfy for one case, as a list of broken promises. */
function problemsWith(c: Case, minimum: (shards: readonly Gid[], live: readonly Gid[]) => number): string[] {
  const result = rebalance(c.shards, c.live);
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${what}; ${describeCase(c, result)}`);
  if (result.length !== c.shards.length) say('the shard count changed');
  if (!isBalancedAssignment(result, c.live)) say('not balanced, or a shard is owned by a gid that is not live');
  const min = minimum(c.shards, c.live);
  const moves = countMoves(c.shards, result);
  if (moves !== min) say(`moved ${moves} shards, the twin needs only ${min}`);
  // The order and repetition of the member list must not matter (every replica must agree).
  const rng = deriveRng(c.seed, 'shardctrler-rebalance-order');
  const again = rebalance(c.shards, shuffled(rng, c.live.concat(c.live.slice(0, 2))));
  if (again.join() !== result.join()) say(`another member order gave [${again.join(' ')}]`);
  // A balanced assignment needs no moves, so rebalancing twice changes nothing.
  if (rebalance(result, c.live).join() !== result.join()) say('a second rebalance moved shards');
  return problems;
}

describe('rebalance, worked examples', () => {
  it('with no group every shard goes to 0', () => {
    expect(rebalance([1, 2, 1], [])).toEqual([0, 0, 0]);
    expect(rebalance([0, 0], [])).toEqual([0, 0]);
  });

  it('a first group takes every shard', () => {
    expect(rebalance(new Array(10).fill(0), [7])).toEqual(new Array(10).fill(7));
  });

  it('ten shards over three groups: 4/3/3, the extra shard to the smallest gid when all tie', () => {
    const shards = rebalance(new Array(10).fill(0), [3, 1, 2]);
    expect(shards).toEqual([1, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(imbalance(shards, [1, 2, 3])).toBe(1);
  });

  it('a join takes only the shards it needs, from the most loaded groups', () => {
    const before = [1, 1, 1, 1, 2, 2, 2, 3, 3, 3];
    const after = rebalance(before, [1, 2, 3, 4]);
    // 10 over 4: 3/3/2/2. g1 gives one (its surplus), then g3 — tied with g2 at 3, the larger gid gets the smaller target.
    expect(after).toEqual([1, 1, 1, 4, 2, 2, 2, 3, 3, 4]);
    expect(countMoves(before, after)).toBe(2);
  });

  it('a leave hands the departed group’s shards out and nothing else moves', () => {
    const before = [1, 1, 1, 4, 2, 2, 2, 3, 3, 4];
    const after = rebalance(before, [1, 2, 3]);
    expect(after.filter((gid, s) => gid !== before[s]).length).toBe(2);
    for (let s = 0; s < 10; s++) if (before[s] !== 4) expect(after[s]).toBe(before[s]);
    expect(imbalance(after, [1, 2, 3])).toBe(1);
  });

  it('with more groups than shards the groups that already hold one keep it; the others get none', () => {
    const after = rebalance([5, 0, 5], [1, 2, 3, 4, 5]);
    expect(after.filter((gid) => gid !== 0)).toHaveLength(3);
    expect(after[0]).toBe(5);
    expect(new Set(after).size).toBe(3);
    expect(countMoves([5, 0, 5], after)).toBe(2);
  });

  it('targets: ⌊n/k⌋ each, one more for the groups holding the most (ties by gid)', () => {
    const targets = balancedTargets([2, 2, 2, 2, 2, 3, 3, 3, 0, 0], [3, 2, 9]);
    expect(Array.from(targets.entries()).sort((a, b) => a[0] - b[0])).toEqual([
      [2, 4],
      [3, 3],
      [9, 3],
    ]);
  });

  it('repairs an imbalance left by Moves with the fewest moves', () => {
    const before = [1, 1, 1, 1, 1, 1, 1, 1, 2, 2];
    const after = rebalance(before, [1, 2]);
    expect(countMoves(before, after)).toBe(3);
    expect(imbalance(after, [1, 2])).toBe(0);
  });
});

describe('the dumb twins agree with each other', () => {
  const seeds = seedsFor(4_000, 1_000_001);
  it(`on ${seeds.length} tiny cases (≤ 5 shards, ≤ 4 groups): every balanced assignment tried vs. every choice of targets`, () => {
    const problems: string[] = [];
    for (const seed of seeds) {
      const c = randomCase(seed, 5, 4);
      const exhaustive = minimumMovesExhaustive(c.shards, c.live);
      const bySubsets = minimumMovesBySubsets(c.shards, c.live);
      if (exhaustive !== bySubsets) problems.push(`exhaustive ${exhaustive} ≠ by targets ${bySubsets}; ${describeCase(c, [])}`);
      if (problems.length > 0) break;
    }
    expect(problems, problems[0]).toEqual([]);
  });

  const larger = seedsFor(10_000, 3_000_001);
  it(`on ${larger.length} cases (≤ 16 shards, ≤ 12 groups): every choice of targets vs. the closed-form bound`, () => {
    const problems: string[] = [];
    for (const seed of larger) {
      const c = randomCase(seed, 16, 12);
      const bySubsets = minimumMovesBySubsets(c.shards, c.live);
      const byFormula = minimumMovesByFormula(c.shards, c.live);
      if (byFormula !== bySubsets) problems.push(`formula ${byFormula} ≠ by targets ${bySubsets}; ${describeCase(c, [])}`);
      if (problems.length > 0) break;
    }
    expect(problems, problems[0]).toEqual([]);
  });
});

describe('rebalance against its dumb twin', () => {
  const tiny = seedsFor(6_000, 2_000_001);
  it(`on ${tiny.length} tiny random cases, the minimum found by trying every balanced assignment`, () => {
    const problems: string[] = [];
    for (const seed of tiny) {
      problems.push(...problemsWith(randomCase(seed, 5, 4), minimumMovesExhaustive));
      if (problems.length > 0) break;
    }
    expect(problems, problems[0]).toEqual([]);
  });

  const seeds = seedsFor(40_000, 1);
  it(`on ${seeds.length} random cases (1–16 shards, 0–12 groups): balanced, only live owners, minimal moves, order-independent`, () => {
    const problems: string[] = [];
    let moreGroupsThanShards = 0;
    let orphans = 0;
    let moved = 0;
    for (const seed of seeds) {
      const c = randomCase(seed, 16, 12);
      problems.push(...problemsWith(c, minimumMovesBySubsets));
      if (problems.length > 0) break;
      if (new Set(c.live).size > c.shards.length) moreGroupsThanShards++;
      if (c.shards.some((gid) => !c.live.includes(gid))) orphans++;
      if (countMoves(c.shards, rebalance(c.shards, c.live)) > 0) moved++;
    }
    expect(problems, problems[0]).toEqual([]);
    if (replaySeed === undefined) {
      // The generator must reach the interesting corners, not just the easy middle.
      expect(moreGroupsThanShards).toBeGreaterThan(seeds.length / 50);
      expect(orphans).toBeGreaterThan(seeds.length / 4);
      expect(moved).toBeGreaterThan(seeds.length / 2);
      expect(seeds.length - moved).toBeGreaterThan(seeds.length / 50);
    }
  });
});
