/**
 * The replicated log of Sequence Paxos: helpers over the in-memory entries
 * after `logStart`, each persisting what it changes. All are O(1) or copy a
 * bounded batch, except the syncs (which copy the suffix they must send) and
 * trimming (which drops a prefix once per trim).
 *
 * Two rules hold everywhere: a decided entry is never removed or replaced
 * (overwrites start at or after the decided index), and the log only shrinks
 * from the front up to an index that is both decided and in the snapshot.
 */
import { fail } from '../../core/assert';
import type { StepContext } from '../contract';
import { persistAppend, persistDecided, persistDiscard, persistLogReset, persistSnapshot, persistTruncate } from './storage';
import type { OmniEntry, OmniPaxosMessage, OmniSnapshot, SpState } from './types';

type Ctx = StepContext<OmniPaxosMessage>;

export function lastIndex(sp: SpState): number {
  return sp.logStart + sp.log.length;
}

export function entryAt(sp: SpState, index: number): OmniEntry {
  if (!(index > sp.logStart && index <= lastIndex(sp))) fail(`entry ${index} outside the log (${sp.logStart}, ${lastIndex(sp)}]`);
  return sp.log[index - sp.logStart - 1];
}

/** Ballot number of the entry at `index` (0 for index 0; logStartN at logStart). */
export function ballotNAt(sp: SpState, index: number): number {
  if (index === sp.logStart) return sp.logStartN;
  return entryAt(sp, index).n;
}

/** Entries (from, through], at most `max`; a bounded copy. */
export function entriesAfter(sp: SpState, from: number, through: number, max: number): OmniEntry[] {
  if (!(from >= sp.logStart)) fail(`entries after ${from} were trimmed (log starts after ${sp.logStart})`);
  const end = Math.min(through, from + max, lastIndex(sp));
  if (end <= from) return [];
  return sp.log.slice(from - sp.logStart, end - sp.logStart);
}

/**
 * This configuration's log is sealed: its last entry is a StopSign for a later
 * configuration (decided or not), so nothing may follow it. (The StopSign that
 * started our own configuration is where our log continues from.)
 */
export function endsWithStopSign(sp: SpState): boolean {
  if (sp.log.length === 0) return false;
  const last = sp.log[sp.log.length - 1].stopSign;
  return last !== null && last.configId > sp.configId;
}

export function appendEntries(sp: SpState, ctx: Ctx, entries: readonly OmniEntry[]): void {
  if (entries.length === 0) return;
  for (let i = 0; i < entries.length; i++) sp.log.push(entries[i]);
  persistAppend(sp, ctx, entries);
}

/**
 * Make the log equal to the sender's through `syncIdx + suffix.length`: keep
 * the prefix through `syncIdx` and replace what follows with `suffix`. The
 * part of the suffix at or below our decided index is skipped: decided
 * entries are equal everywhere, and never rewritten.
 */
export function overwriteFrom(sp: SpState, ctx: Ctx, syncIdx: number, suffix: readonly OmniEntry[]): void {
  let at = syncIdx;
  let skip = 0;
  if (at < sp.decidedIdx) {
    skip = Math.min(suffix.length, sp.decidedIdx - at);
    at += skip;
    if (at < sp.decidedIdx) return;
  }
  if (!(at <= lastIndex(sp))) fail(`sync after ${at} leaves a gap after our last index ${lastIndex(sp)}`);
  if (!(at >= sp.logStart)) fail(`sync after ${at} below the trimmed prefix ${sp.logStart}`);
  if (at < lastIndex(sp)) {
    sp.log.length = at - sp.logStart;
    persistTruncate(sp, ctx, sp.log.length);
  }
  appendEntries(sp, ctx, skip === 0 ? suffix : suffix.slice(skip));
}

function sameEntry(a: OmniEntry, b: OmniEntry): boolean {
  if (a === b) return true;
  if (a.n !== b.n) return false;
  if (a.command !== null || b.command !== null) return a.command !== null && b.command !== null && a.command.id === b.command.id;
  return (a.stopSign?.configId ?? -1) === (b.stopSign?.configId ?? -1);
}

/**
 * Merge decided entries (the first at `fromIdx` ≤ decidedIdx + 1) into the
 * log: entries we hold that agree stay; our tail goes from the first entry
 * that differs (in Sequence Paxos an entry that differs from the decided one,
 * and all after it, were never counted in a decision).
 */
export function mergeDecided(sp: SpState, ctx: Ctx, fromIdx: number, decided: readonly OmniEntry[]): void {
  if (!(fromIdx <= sp.decidedIdx + 1)) fail(`decided entries from ${fromIdx} leave a gap after decided index ${sp.decidedIdx}`);
  let k = Math.max(0, sp.decidedIdx + 1 - fromIdx);
  const last = lastIndex(sp);
  while (k < decided.length && fromIdx + k <= last && sameEntry(entryAt(sp, fromIdx + k), decided[k])) k++;
  if (k >= decided.length) return;
  const at = fromIdx + k - 1;
  if (at < last) {
    sp.log.length = at - sp.logStart;
    persistTruncate(sp, ctx, sp.log.length);
  }
  appendEntries(sp, ctx, decided.slice(k));
}

/**
 * Replace everything through `snap.index` with a snapshot of the decided
 * prefix sent by another server; the service restores from it. Only moves
 * forward: the snapshot must be beyond our decided index.
 */
export function installSnapshot(sp: SpState, ctx: Ctx, snap: OmniSnapshot): void {
  if (!(snap.index > sp.decidedIdx)) fail(`snapshot at ${snap.index} is not beyond decided index ${sp.decidedIdx}`);
  sp.log = [];
  sp.logStart = snap.index;
  sp.logStartN = snap.n;
  sp.snapshot = snap;
  sp.decidedIdx = snap.index;
  sp.committedIdx = snap.index;
  persistLogReset(sp, ctx);
  persistSnapshot(sp, ctx);
  persistDecided(sp, ctx);
  ctx.restoreSnapshot(snap.index, snap.n, snap.data);
  ctx.note('snapshot-install', snap.index, snap.n);
}

/**
 * Drop entries from the front, up to what the leader allowed (accepted by
 * every server), what is decided, and what the service's snapshot covers.
 */
export function trimLog(sp: SpState, ctx: Ctx): void {
  const snapshotIdx = sp.snapshot === null ? 0 : sp.snapshot.index;
  const upTo = Math.min(sp.trimAllowedIdx, sp.decidedIdx, snapshotIdx);
  if (upTo <= sp.logStart) return;
  const count = upTo - sp.logStart;
  const n = entryAt(sp, upTo).n;
  sp.log.splice(0, count);
  sp.logStart = upTo;
  sp.logStartN = n;
  persistDiscard(sp, ctx, count);
  ctx.note('trim', upTo, n);
}

/** Store the service's snapshot of the decided prefix through `index` (≤ committed). */
export function takeSnapshot(sp: SpState, ctx: Ctx, index: number, data: unknown, bytes: number): void {
  if (!(index <= sp.committedIdx)) fail(`snapshot through ${index} beyond what the service applied (${sp.committedIdx})`);
  if (sp.snapshot !== null && index <= sp.snapshot.index) return;
  if (index <= sp.logStart) return;
  sp.snapshot = Object.freeze({ index, n: ballotNAt(sp, index), data, bytes });
  persistSnapshot(sp, ctx);
  ctx.note('snapshot', index, sp.snapshot.n);
  trimLog(sp, ctx);
}

/** Ballot numbers of the newest `tail` entries (for the view). */
export function tailBallotNs(sp: SpState, tail: number): number[] {
  const from = Math.max(0, sp.log.length - tail);
  const out = new Array<number>(sp.log.length - from);
  for (let i = from; i < sp.log.length; i++) out[i - from] = sp.log[i].n;
  return out;
}
