/**
 * The receiving side of replication: AppendEntries (§5.3, with the fast
 * backup hint), InstallSnapshot (§7) and TimeoutNow (thesis §3.10). Each is
 * called after the shared term rules, so the message's term equals ours.
 */
import { fail } from '../../core/assert';
import type { NodeId, StepContext } from '../contract';
import { applyCommitted } from './commit';
import { discardThrough, firstIndexOfTerm, lastIndex, termAt } from './log';
import { becomeCandidate, becomeFollower, resetElectionDeadline } from './roles';
import { persistAppend, persistSnapshot, persistTruncate, send } from './storage';
import { RoleCode, type AppendEntriesMessage, type InstallSnapshotMessage, type RaftMessage, type RaftState, type TimeoutNowMessage } from './types';

type Ctx = StepContext<RaftMessage>;

/** A message from this term's leader: follow it and restart the election clock. */
function acceptLeader(s: RaftState, ctx: Ctx, from: NodeId): void {
  if (!(s.role !== RoleCode.leader)) fail(`two leaders in term ${s.currentTerm}: n${s.nodeId + 1} and n${from + 1}`);
  if (s.role !== RoleCode.follower) becomeFollower(s, ctx, s.currentTerm, from);
  else if (s.leaderId !== from) {
    s.leaderId = from;
    ctx.note('leader', from, s.currentTerm);
  }
  s.leaderContactUs = ctx.nowUs;
  resetElectionDeadline(s, ctx);
}

/** The consistency check failed at `prev`: note it (a = prevLogIndex, b = our term there, 0 if beyond our log) and give the fast-backup hint. */
function reject(s: RaftState, ctx: Ctx, to: NodeId, prev: number, conflictTerm: number, conflictIndex: number): void {
  ctx.note('reject-append', prev, conflictTerm);
  send(s, ctx, to, { type: 'AppendEntriesResponse', term: s.currentTerm, success: false, index: prev, conflictTerm, conflictIndex });
}

export function onAppendEntries(s: RaftState, ctx: Ctx, from: NodeId, m: AppendEntriesMessage): void {
  acceptLeader(s, ctx, from);
  const prev = m.prevLogIndex;
  const last = lastIndex(s);
  if (prev > last) {
    reject(s, ctx, from, prev, 0, last + 1);
    return;
  }
  // Below our snapshot everything is committed, hence equal to the leader's log.
  if (prev >= s.snapshotIndex) {
    const myTerm = termAt(s, prev);
    if (myTerm !== m.prevLogTerm) {
      reject(s, ctx, from, prev, myTerm, firstIndexOfTerm(s, myTerm, prev));
      return;
    }
  }
  const entries = m.entries;
  for (let k = 0; k < entries.length; k++) {
    const index = prev + 1 + k;
    if (index <= s.snapshotIndex) continue;
    if (index <= lastIndex(s)) {
      if (s.log[index - s.snapshotIndex - 1].term === entries[k].term) continue;
      // §5.3: a conflicting entry and all that follow it go. Never a committed one.
      if (!(index > s.commitIndex)) fail(`n${s.nodeId + 1} asked to overwrite committed index ${index} (commit ${s.commitIndex})`);
      s.log.length = index - s.snapshotIndex - 1;
      persistTruncate(s, ctx, s.log.length);
    }
    for (let j = k; j < entries.length; j++) s.log.push(entries[j]);
    persistAppend(s, ctx, k === 0 ? entries : entries.slice(k));
    break;
  }
  const matched = prev + entries.length;
  const newCommit = Math.min(m.leaderCommit, matched);
  if (newCommit > s.commitIndex) {
    s.commitIndex = newCommit;
    applyCommitted(s, ctx);
  }
  send(s, ctx, from, {
    type: 'AppendEntriesResponse',
    term: s.currentTerm,
    success: true,
    index: Math.max(matched, s.snapshotIndex),
    conflictTerm: 0,
    conflictIndex: 0,
  });
}

export function onInstallSnapshot(s: RaftState, ctx: Ctx, from: NodeId, m: InstallSnapshotMessage): void {
  acceptLeader(s, ctx, from);
  if (m.snapshotIndex <= s.commitIndex) {
    // Nothing new: our committed prefix already matches the leader's log.
    send(s, ctx, from, { type: 'InstallSnapshotResponse', term: s.currentTerm, index: s.commitIndex });
    return;
  }
  let discarded = 0;
  if (m.snapshotIndex <= lastIndex(s) && termAt(s, m.snapshotIndex) === m.snapshotTerm) {
    // §7: our log extends the snapshot consistently; keep the entries after it.
    discarded = m.snapshotIndex - s.snapshotIndex;
    discardThrough(s, m.snapshotIndex);
  } else {
    s.log.length = 0;
    persistTruncate(s, ctx, 0);
  }
  s.snapshotIndex = m.snapshotIndex;
  s.snapshotTerm = m.snapshotTerm;
  s.snapshotData = m.data;
  s.snapshotBytes = m.bytes;
  persistSnapshot(s, ctx, discarded);
  s.commitIndex = m.snapshotIndex;
  if (s.lastApplied < m.snapshotIndex) {
    s.lastApplied = m.snapshotIndex;
    ctx.restoreSnapshot(m.snapshotIndex, m.snapshotTerm, m.data);
  }
  ctx.note('install-snapshot', m.snapshotIndex, m.snapshotTerm);
  send(s, ctx, from, { type: 'InstallSnapshotResponse', term: s.currentTerm, index: m.snapshotIndex });
}

/** Leadership transfer: campaign now, skipping PreVote; the RequestVote says so, to pass CheckQuorum leases. */
export function onTimeoutNow(s: RaftState, ctx: Ctx, from: NodeId, m: TimeoutNowMessage): void {
  if (s.role === RoleCode.leader) return;
  ctx.note('timeout-now-received', from, m.term);
  becomeCandidate(s, ctx, true);
}
