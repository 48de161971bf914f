/**
 * Persistence (Figure 2, "persistent state on all servers") and the rule that
 * keeps it honest: every durable write is synced before any message leaves
 * the node, and at the end of every step. So no reply can reveal a vote, a
 * term or an accepted entry that a crash could take back.
 *
 * Durable keys: value `term`, value `vote`, value `snapshot`
 * ({ index, term, data, bytes }), list `log` (the entries after the snapshot).
 */
import type { Durable, NodeId, StepContext } from '../contract';
import type { RaftEntry, RaftMessage, RaftState } from './types';

export const DurableKey = { term: 'term', vote: 'vote', snapshot: 'snapshot', log: 'log' } as const;

export interface DurableSnapshot {
  readonly index: number;
  readonly term: number;
  readonly data: unknown;
  readonly bytes: number;
}

type Ctx = StepContext<RaftMessage>;

export function persistTermAndVote(s: RaftState, ctx: Ctx): void {
  ctx.write(DurableKey.term, s.currentTerm);
  ctx.write(DurableKey.vote, s.votedFor);
  s.unsynced = true;
}

export function persistVote(s: RaftState, ctx: Ctx): void {
  ctx.write(DurableKey.vote, s.votedFor);
  s.unsynced = true;
}

export function persistAppend(s: RaftState, ctx: Ctx, entries: readonly RaftEntry[]): void {
  ctx.append(DurableKey.log, entries);
  s.unsynced = true;
}

/** Keep only the first `length` entries after the snapshot. */
export function persistTruncate(s: RaftState, ctx: Ctx, length: number): void {
  ctx.truncate(DurableKey.log, length);
  s.unsynced = true;
}

/** Persist the current snapshot fields, and drop `discarded` entries from the front of the durable log. */
export function persistSnapshot(s: RaftState, ctx: Ctx, discarded: number): void {
  const record: DurableSnapshot = Object.freeze({ index: s.snapshotIndex, term: s.snapshotTerm, data: s.snapshotData, bytes: s.snapshotBytes });
  ctx.write(DurableKey.snapshot, record);
  if (discarded > 0) ctx.discardPrefix(DurableKey.log, discarded);
  s.unsynced = true;
}

export function syncIfNeeded(s: RaftState, ctx: Ctx): void {
  if (!s.unsynced) return;
  ctx.sync();
  s.unsynced = false;
}

/** Every message goes out through here: durable state first, then the send. */
export function send(s: RaftState, ctx: Ctx, to: NodeId, msg: RaftMessage): void {
  if (s.unsynced) syncIfNeeded(s, ctx);
  ctx.send(to, msg);
}

export interface Recovered {
  term: number;
  vote: NodeId | null;
  snapshot: DurableSnapshot | null;
  log: RaftEntry[];
}

/** What a restarting node rebuilds from: only what was synced before the crash. */
export function recover(durable: Durable | null): Recovered {
  if (durable === null) return { term: 0, vote: null, snapshot: null, log: [] };
  const term = durable.values[DurableKey.term];
  const vote = durable.values[DurableKey.vote];
  const snapshot = durable.values[DurableKey.snapshot];
  const log = durable.lists[DurableKey.log];
  return {
    term: typeof term === 'number' ? term : 0,
    vote: typeof vote === 'number' ? vote : null,
    snapshot: snapshot === undefined || snapshot === null ? null : (snapshot as DurableSnapshot),
    // A fresh array: the replica mutates its log in place.
    log: log === undefined ? [] : (log.slice() as RaftEntry[]),
  };
}

export { estimateBytes } from '../../core/size';
