/**
 * The deliberately dumb twin of rebalance.ts (STYLE.md): the fewest shard
 * moves any balanced assignment needs, found by brute force instead of by
 * the greedy argument. Used only by the tests, which check that `rebalance`
 * always reaches exactly this minimum.
 */
import { noGroup, type Gid } from './types';

function liveSet(liveGids: readonly Gid[]): Gid[] {
  return Array.from(new Set(liveGids))
    .filter((gid) => gid !== noGroup)
    .sort((a, b) => a - b);
}

/** Is every live group within one shard of every other, and is every shard owned by a live group (or all 0 when none)? */
export function isBalancedAssignment(shards: readonly Gid[], liveGids: readonly Gid[]): boolean {
  const gids = liveSet(liveGids);
  if (gids.length === 0) return shards.every((gid) => gid === noGroup);
  if (!shards.every((gid) => gids.includes(gid))) return false;
  const counts = gids.map((gid) => shards.filter((owner) => owner === gid).length);
  return Math.max(...counts) - Math.min(...counts) <= 1;
}

/**
 * Every assignment of the shards to the live groups (k^n of them), keep the
 * balanced ones, count the owners that differ, take the smallest. Tiny cases only.
 */
export function minimumMovesExhaustive(shards: readonly Gid[], liveGids: readonly Gid[]): number {
  const gids = liveSet(liveGids);
  const n = shards.length;
  if (gids.length === 0) return shards.filter((gid) => gid !== noGroup).length;
  let best = Infinity;
  const digits = new Array<number>(n).fill(0);
  for (;;) {
    const candidate = digits.map((d) => gids[d]);
    if (isBalancedAssignment(candidate, gids)) {
      let moves = 0;
      for (let s = 0; s < n; s++) if (candidate[s] !== shards[s]) moves++;
      best = Math.min(best, moves);
    }
    let i = 0;
    while (i < n && digits[i] === gids.length - 1) digits[i++] = 0;
    if (i === n) return best;
    digits[i]++;
  }
}

/**
 * For every way of choosing which groups get ⌈n/k⌉ shards (every subset of
 * the right size), the moves that target needs are the orphaned shards plus
 * each group's surplus over its target, and that many always suffice (each
 * group keeps min(have, target)); the smallest over all subsets is the answer.
 * C(k, e) choices: fine up to a dozen or so groups.
 */
export function minimumMovesBySubsets(shards: readonly Gid[], liveGids: readonly Gid[]): number {
  const gids = liveSet(liveGids);
  const n = shards.length;
  const k = gids.length;
  if (k === 0) return shards.filter((gid) => gid !== noGroup).length;
  const base = Math.floor(n / k);
  const extra = n - base * k;
  const have = gids.map((gid) => shards.filter((owner) => owner === gid).length);
  const orphans = shards.filter((gid) => !gids.includes(gid)).length;
  let best = Infinity;
  // Every choice of `extra` groups out of k, one group at a time: take it or leave it.
  const choose = (i: number, extrasLeft: number, moves: number): void => {
    if (i === k) {
      if (extrasLeft === 0) best = Math.min(best, moves);
      return;
    }
    if (extrasLeft > 0) choose(i + 1, extrasLeft - 1, moves + Math.max(0, have[i] - (base + 1)));
    if (k - i - 1 >= extrasLeft) choose(i + 1, extrasLeft, moves + Math.max(0, have[i] - base));
  };
  choose(0, extra, orphans);
  return best;
}

/**
 * The lower bound of rebalance.ts's proof in closed form: orphans plus each
 * group's surplus over its target, the ⌈n/k⌉ targets going to the groups
 * holding the most shards. Polynomial, for checks with too many groups to
 * try every choice of targets; the tests hold it to `minimumMovesBySubsets`.
 */
export function minimumMovesByFormula(shards: readonly Gid[], liveGids: readonly Gid[]): number {
  const gids = liveSet(liveGids);
  const n = shards.length;
  const k = gids.length;
  if (k === 0) return shards.filter((gid) => gid !== noGroup).length;
  const base = Math.floor(n / k);
  const extra = n - base * k;
  const have = gids.map((gid) => shards.filter((owner) => owner === gid).length).sort((a, b) => b - a);
  let moves = shards.filter((gid) => !gids.includes(gid)).length;
  have.forEach((count, rank) => (moves += Math.max(0, count - base - (rank < extra ? 1 : 0))));
  return moves;
}

/** The brute-force minimum while it is affordable (≤ 16 groups), the closed form beyond. */
export function minimumMoves(shards: readonly Gid[], liveGids: readonly Gid[]): number {
  return liveSet(liveGids).length <= 16 ? minimumMovesBySubsets(shards, liveGids) : minimumMovesByFormula(shards, liveGids);
}
