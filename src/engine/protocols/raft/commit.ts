/**
 * Commitment and application. A leader commits an index once a majority
 * holds it AND the entry there is from its current term (§5.4.2, Figure 8:
 * counting replicas of an older term's entry is not enough). Every node then
 * hands committed entries to the service in index order, once per lifetime.
 */
import type { StepContext } from '../contract';
import { entryAt, lastIndex, termAt } from './log';
import type { RaftMessage, RaftState } from './types';

/** Reused by every call (a step runs to completion before the next begins): no array per acknowledgement. */
const scratch: number[] = [];

/**
 * The highest index held by a majority: the ⌈(n+1)/2⌉-th largest of the
 * followers' match indexes and the leader's own last index. `matchIndex[self]`
 * is ignored. Insertion sort: n is small and this runs on every ack.
 */
export function quorumMatchIndex(matchIndex: readonly number[], self: number, selfLastIndex: number): number {
  const n = matchIndex.length;
  const sorted = scratch;
  for (let i = 0; i < n; i++) {
    const v = i === self ? selfLastIndex : matchIndex[i];
    let j = i - 1;
    while (j >= 0 && sorted[j] < v) {
      sorted[j + 1] = sorted[j];
      j--;
    }
    sorted[j + 1] = v;
  }
  return sorted[(n >> 1)];
}

/** Leader: advance commitIndex if a majority holds a newer entry of the current term. */
export function maybeAdvanceCommit(s: RaftState, ctx: StepContext<RaftMessage>): boolean {
  const candidate = quorumMatchIndex(s.matchIndex, s.nodeId, lastIndex(s));
  if (candidate <= s.commitIndex) return false;
  // Figure 8: only an entry of the leader's own term is committed by counting.
  if (termAt(s, candidate) !== s.currentTerm) return false;
  s.commitIndex = candidate;
  applyCommitted(s, ctx);
  return true;
}

/** Hand entries (lastApplied, commitIndex] to the service. */
export function applyCommitted(s: RaftState, ctx: StepContext<RaftMessage>): void {
  while (s.lastApplied < s.commitIndex) {
    const index = s.lastApplied + 1;
    const entry = entryAt(s, index);
    s.lastApplied = index;
    ctx.commit({ index, term: entry.term, command: entry.command });
  }
}
