/**
 * Log helpers over the in-memory log (entries after the snapshot). All are
 * O(1) or O(log n), except the ones that copy a bounded batch. Terms never
 * decrease along a log, which is what makes the binary searches valid.
 */
import { fail } from '../../core/assert';
import type { RaftEntry, RaftState } from './types';

export function lastIndex(s: RaftState): number {
  return s.snapshotIndex + s.log.length;
}

export function lastTerm(s: RaftState): number {
  return s.log.length > 0 ? s.log[s.log.length - 1].term : s.snapshotTerm;
}

/** Term of the entry at `index`; -1 if it is compacted away (below the snapshot) or beyond the log. */
export function termAt(s: RaftState, index: number): number {
  if (index === s.snapshotIndex) return s.snapshotTerm;
  if (index < s.snapshotIndex || index > s.snapshotIndex + s.log.length) return -1;
  return s.log[index - s.snapshotIndex - 1].term;
}

export function entryAt(s: RaftState, index: number): RaftEntry {
  if (!(index > s.snapshotIndex && index <= lastIndex(s))) fail(`entry ${index} outside the log (${s.snapshotIndex}, ${lastIndex(s)}]`);
  return s.log[index - s.snapshotIndex - 1];
}

/** §5.4.1: a log ending (lastLogTerm, lastLogIndex) is at least as up to date as ours. */
export function isUpToDate(s: RaftState, lastLogIndex: number, lastLogTerm: number): boolean {
  const myTerm = lastTerm(s);
  return lastLogTerm > myTerm || (lastLogTerm === myTerm && lastLogIndex >= lastIndex(s));
}

/** Entries (from, through], at most `max` of them; a bounded copy. */
export function entriesAfter(s: RaftState, from: number, through: number, max: number): RaftEntry[] {
  if (!(from >= s.snapshotIndex)) fail(`entries after ${from} are compacted (snapshot ${s.snapshotIndex})`);
  const end = Math.min(through, from + max, lastIndex(s));
  if (end <= from) return [];
  return s.log.slice(from - s.snapshotIndex, end - s.snapshotIndex);
}

/**
 * Fast backup, follower side: the first index in our log holding `term`
 * (which we know is the term at `atIndex`). Returns at least snapshotIndex + 1.
 */
export function firstIndexOfTerm(s: RaftState, term: number, atIndex: number): number {
  let lo = s.snapshotIndex + 1;
  let hi = atIndex;
  // Smallest index in [lo, hi] whose term is ≥ `term`.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.log[mid - s.snapshotIndex - 1].term >= term) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Fast backup, leader side: the last index ≤ `atMost` whose term is ≤ `term`,
 * or snapshotIndex when every such entry is compacted. The caller compares
 * the term found there with the follower's conflict term.
 */
export function lastIndexWithTermAtMost(s: RaftState, term: number, atMost: number): number {
  let lo = s.snapshotIndex;
  let hi = Math.min(atMost, lastIndex(s));
  if (hi <= lo) return lo;
  // Largest index in [lo, hi] whose term is ≤ `term` (lo qualifies by convention).
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (s.log[mid - s.snapshotIndex - 1].term <= term) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Drop entries through `index` (which must be in the log or the snapshot) from memory. */
export function discardThrough(s: RaftState, index: number): void {
  const count = index - s.snapshotIndex;
  if (!(count >= 0 && count <= s.log.length)) fail(`discard through ${index} outside (${s.snapshotIndex}, ${lastIndex(s)}]`);
  s.log.splice(0, count);
}

/** Terms of the newest `tail` entries (for the view). */
export function tailTerms(s: RaftState, tail: number): number[] {
  const from = Math.max(0, s.log.length - tail);
  const out = new Array<number>(s.log.length - from);
  for (let i = from; i < s.log.length; i++) out[i - from] = s.log[i].term;
  return out;
}
