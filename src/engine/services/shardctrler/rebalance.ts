/**
 * Rebalancing shards over replica groups after a Join or a Leave: every
 * group ends with ⌊n/k⌋ or ⌈n/k⌉ of the n shards (max − min ≤ 1; with more
 * groups than shards, n groups get one and the rest none), and as few shards
 * as possible change owner. The result depends only on the current
 * assignment and the set of live gids, never on the order in which anything
 * was iterated, so every replica computes the same configuration.
 *
 * Why the result moves as few shards as possible (the lower bound, and that
 * it is reached). Write c(g) for the shards group g owns now, U for the
 * shards owned by no live group (gid 0, or a group that just left), and t(g)
 * for the count g owns afterwards.
 *
 * 1. Every one of the U shards must change owner: its owner is not live.
 *    A live group g that ends with t(g) shards keeps at most t(g) of its c(g),
 *    so at least max(0, c(g) − t(g)) of its shards change owner. These sets
 *    are disjoint, hence for any final assignment with counts t:
 *        moves ≥ U + Σ_g max(0, c(g) − t(g)).
 * 2. A balanced assignment of n shards to k groups has counts in
 *    {b, b+1} with b = ⌊n/k⌋, exactly e = n − k·b groups at b+1 (b = 0,
 *    e = n when k > n). Only the choice of which e groups get b+1 is free.
 *    Giving the extra shard to g lowers max(0, c(g) − t(g)) by one when
 *    c(g) ≥ b+1 and by nothing otherwise, so the bound is smallest when the
 *    extras go to the groups with the most shards: the lower bound over all
 *    balanced assignments is U + Σ_g max(0, c(g) − t*(g)) with t* that choice.
 * 3. The algorithm uses exactly t* (largest c first, ties by smaller gid),
 *    lets each group keep min(c(g), t*(g)) of its shards and hands out only
 *    the U orphans plus the max(0, c − t*) surplus. The pool is exactly as big
 *    as the groups' total shortfall Σ max(0, t* − c) (both equal
 *    n − Σ min(c, t*)), so every shard finds a group and nothing else moves:
 *    the number of moves equals the bound.
 *
 * The dumb twin in rebalanceTwin.ts computes the same minimum by brute force,
 * without this argument, and the tests check one against the other.
 */
import { noGroup, type Gid } from './types';

/** The target count of every live gid: ⌊n/k⌋, plus one for the e groups holding the most shards (ties: smaller gid). */
export function balancedTargets(shards: readonly Gid[], liveGids: readonly Gid[]): Map<Gid, number> {
  const gids = uniqueSorted(liveGids);
  const targets = new Map<Gid, number>();
  if (gids.length === 0) return targets;
  const current = currentCounts(shards, gids);
  const base = Math.floor(shards.length / gids.length);
  const extra = shards.length - base * gids.length;
  const byLoad = gids.slice().sort((a, b) => (current.get(b) as number) - (current.get(a) as number) || a - b);
  byLoad.forEach((gid, rank) => targets.set(gid, base + (rank < extra ? 1 : 0)));
  return targets;
}

/**
 * The new owner of every shard, given the current owners and the gids that
 * are members now (in any order; duplicates ignored). With no live group,
 * every shard goes to 0.
 */
export function rebalance(shards: readonly Gid[], liveGids: readonly Gid[]): Gid[] {
  const targets = balancedTargets(shards, liveGids);
  if (targets.size === 0) return shards.map(() => noGroup);
  const result = shards.slice();
  const kept = new Map<Gid, number>();
  const pool: number[] = [];
  // Shards in ascending order: a group keeps its lowest-numbered shards up to its target.
  for (let s = 0; s < shards.length; s++) {
    const gid = shards[s];
    const target = targets.get(gid);
    const have = kept.get(gid) ?? 0;
    if (target !== undefined && have < target) {
      kept.set(gid, have + 1);
    } else {
      pool.push(s);
    }
  }
  // Orphans and surplus go, lowest shard first, to the groups short of their target, smallest gid first.
  let next = 0;
  for (const gid of Array.from(targets.keys()).sort((a, b) => a - b)) {
    for (let have = kept.get(gid) ?? 0; have < (targets.get(gid) as number); have++) result[pool[next++]] = gid;
  }
  return result;
}

/** Shards whose owner differs between two assignments. */
export function countMoves(before: readonly Gid[], after: readonly Gid[]): number {
  let moves = 0;
  for (let s = 0; s < before.length; s++) if (before[s] !== after[s]) moves++;
  return moves;
}

/** Max − min shards per live gid (0 with no live gid). */
export function imbalance(shards: readonly Gid[], liveGids: readonly Gid[]): number {
  const gids = uniqueSorted(liveGids);
  if (gids.length === 0) return 0;
  const counts = Array.from(currentCounts(shards, gids).values());
  return Math.max(...counts) - Math.min(...counts);
}

function currentCounts(shards: readonly Gid[], gids: readonly Gid[]): Map<Gid, number> {
  const counts = new Map<Gid, number>();
  for (const gid of gids) counts.set(gid, 0);
  for (const gid of shards) {
    const have = counts.get(gid);
    if (have !== undefined) counts.set(gid, have + 1);
  }
  return counts;
}

/** The live gids once each, ascending; 0 is never a group. */
function uniqueSorted(gids: readonly Gid[]): Gid[] {
  return Array.from(new Set(gids))
    .filter((gid) => gid !== noGroup)
    .sort((a, b) => a - b);
}
