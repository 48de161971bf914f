/**
 * The leader's side of log replication (§5.3), with etcd's flow control: each
 * follower is probed (one append in flight) until its match index is known,
 * then fed pipelined batches (at most `maxEntriesPerAppend` entries each, at
 * most `maxInflightAppends` unacknowledged), or sent the snapshot when its
 * next entry was compacted away (§7). Heartbeats carry the commit index.
 * Work per message is bounded by the batch size, never by the log length.
 */
import type { NodeId, StepContext } from '../contract';
import { maybeAdvanceCommit } from './commit';
import { entriesAfter, lastIndex, lastIndexWithTermAtMost, termAt } from './log';
import { send } from './storage';
import {
  ProgressMode,
  RoleCode,
  type AppendEntriesResponseMessage,
  type InstallSnapshotResponseMessage,
  type RaftMessage,
  type RaftState,
} from './types';

type Ctx = StepContext<RaftMessage>;

function sendSnapshot(s: RaftState, ctx: Ctx, to: NodeId): void {
  s.progressMode[to] = ProgressMode.snapshot;
  s.inflight[to].length = 0;
  s.probeSent[to] = false;
  s.snapshotSentUs[to] = ctx.nowUs;
  send(s, ctx, to, {
    type: 'InstallSnapshot',
    term: s.currentTerm,
    snapshotIndex: s.snapshotIndex,
    snapshotTerm: s.snapshotTerm,
    data: s.snapshotData,
    bytes: s.snapshotBytes,
  });
}

/**
 * Send `to` what it needs next, if flow control allows. `allowEmpty` sends a
 * heartbeat when there is nothing new; `withEntries` false sends an empty probe
 * (to a follower that has been silent, so as not to resend a batch into the void).
 * Returns true if a message carrying entries or a snapshot went out.
 */
export function sendAppend(s: RaftState, ctx: Ctx, to: NodeId, allowEmpty: boolean, withEntries: boolean): boolean {
  const mode = s.progressMode[to];
  if (mode === ProgressMode.snapshot) return false;
  const next = s.nextIndex[to];
  if (next <= s.snapshotIndex) {
    sendSnapshot(s, ctx, to);
    return true;
  }
  if (mode === ProgressMode.probe && s.probeSent[to]) return false;
  if (mode === ProgressMode.replicate && s.inflight[to].length >= s.options.maxInflightAppends) return false;
  const prev = next - 1;
  const entries = withEntries ? entriesAfter(s, prev, lastIndex(s), s.options.maxEntriesPerAppend) : [];
  if (entries.length === 0 && !allowEmpty) return false;
  if (mode === ProgressMode.probe) {
    s.probeSent[to] = true;
  } else if (entries.length > 0) {
    // Replicate mode is optimistic: assume the batch lands and send the next one behind it.
    s.inflight[to].push(prev + entries.length);
    s.nextIndex[to] = prev + entries.length + 1;
  }
  send(s, ctx, to, {
    type: 'AppendEntries',
    term: s.currentTerm,
    prevLogIndex: prev,
    prevLogTerm: termAt(s, prev),
    entries,
    leaderCommit: s.commitIndex,
  });
  return entries.length > 0;
}

/** Send as many batches as flow control allows (bounded by the in-flight window). */
function sendAllowed(s: RaftState, ctx: Ctx, to: NodeId): void {
  for (let i = 0; i <= s.options.maxInflightAppends; i++) {
    if (!sendAppend(s, ctx, to, false, true)) return;
    if (s.progressMode[to] !== ProgressMode.replicate) return;
  }
}

/** After a new entry on the leader: push it to every follower that can take it now. */
export function replicateToAll(s: RaftState, ctx: Ctx): void {
  for (let peer = 0; peer < s.nodeCount; peer++) if (peer !== s.nodeId) sendAppend(s, ctx, peer, false, true);
}

function becomeProbe(s: RaftState, to: NodeId, next: number): void {
  s.progressMode[to] = ProgressMode.probe;
  s.nextIndex[to] = next;
  s.inflight[to].length = 0;
  s.probeSent[to] = false;
}

function becomeReplicate(s: RaftState, to: NodeId): void {
  s.progressMode[to] = ProgressMode.replicate;
  s.nextIndex[to] = s.matchIndex[to] + 1;
  s.inflight[to].length = 0;
  s.probeSent[to] = false;
}

/** Leadership transfer (thesis §3.10): once the target holds our whole log, tell it to campaign. */
export function maybeSendTimeoutNow(s: RaftState, ctx: Ctx, to: NodeId): void {
  if (s.transferTarget !== to || s.matchIndex[to] !== lastIndex(s)) return;
  ctx.note('timeout-now', to, s.currentTerm);
  send(s, ctx, to, { type: 'TimeoutNow', term: s.currentTerm });
}

function afterProgress(s: RaftState, ctx: Ctx, from: NodeId): void {
  maybeAdvanceCommit(s, ctx);
  maybeSendTimeoutNow(s, ctx, from);
  sendAllowed(s, ctx, from);
}

export function onAppendEntriesResponse(s: RaftState, ctx: Ctx, from: NodeId, m: AppendEntriesResponseMessage): void {
  if (s.role !== RoleCode.leader) return;
  s.recentActive[from] = true;
  s.respondedSinceTick[from] = true;
  const mode = s.progressMode[from];
  if (m.success) {
    const updated = m.index > s.matchIndex[from];
    if (updated) {
      s.matchIndex[from] = m.index;
      s.progressSinceTick[from] = true;
      if (s.nextIndex[from] <= m.index) s.nextIndex[from] = m.index + 1;
      const inflight = s.inflight[from];
      let freed = 0;
      while (freed < inflight.length && inflight[freed] <= m.index) freed++;
      if (freed > 0) inflight.splice(0, freed);
    }
    if (mode === ProgressMode.probe && (updated || m.index === s.matchIndex[from])) becomeReplicate(s, from);
    else if (mode === ProgressMode.snapshot && updated && s.matchIndex[from] >= s.snapshotIndex) becomeReplicate(s, from);
    else if (!updated) return;
    afterProgress(s, ctx, from);
    return;
  }
  // A rejection. Ignore stale ones: answers to appends sent before we last reset this follower.
  if (mode === ProgressMode.snapshot) return;
  if (mode === ProgressMode.replicate && m.index <= s.matchIndex[from]) return;
  if (mode === ProgressMode.probe && m.index !== s.nextIndex[from] - 1) return;
  // Fast backup: skip the follower's whole conflicting term in one round trip.
  let next: number;
  if (m.conflictTerm > 0) {
    const j = lastIndexWithTermAtMost(s, m.conflictTerm, m.index);
    next = termAt(s, j) === m.conflictTerm ? j + 1 : m.conflictIndex;
  } else {
    next = m.conflictIndex;
  }
  next = Math.max(Math.min(next, m.index), s.matchIndex[from] + 1);
  becomeProbe(s, from, next);
  sendAppend(s, ctx, from, true, true);
}

export function onInstallSnapshotResponse(s: RaftState, ctx: Ctx, from: NodeId, m: InstallSnapshotResponseMessage): void {
  if (s.role !== RoleCode.leader) return;
  s.recentActive[from] = true;
  s.respondedSinceTick[from] = true;
  if (m.index > s.matchIndex[from]) {
    s.matchIndex[from] = m.index;
    s.progressSinceTick[from] = true;
  }
  if (s.progressMode[from] === ProgressMode.snapshot) becomeReplicate(s, from);
  else if (s.nextIndex[from] <= s.matchIndex[from]) s.nextIndex[from] = s.matchIndex[from] + 1;
  afterProgress(s, ctx, from);
}

/** An empty AppendEntries at a point the follower is known to hold: keeps its election timer quiet, carries the commit index. */
function sendHeartbeat(s: RaftState, ctx: Ctx, to: NodeId, prev: number): void {
  send(s, ctx, to, {
    type: 'AppendEntries',
    term: s.currentTerm,
    prevLogIndex: prev,
    prevLogTerm: termAt(s, prev),
    entries: [],
    leaderCommit: s.commitIndex,
  });
}

/**
 * Every heartbeatIntervalUs, for each follower:
 * - probe: a fresh probe (with entries only if the follower answered lately,
 *   so that a batch is not resent into the void);
 * - replicate: a heartbeat; but if appends are in flight and none was
 *   acknowledged since the last tick, assume one was lost and probe again;
 * - snapshot: a heartbeat, or the snapshot again after an election timeout
 *   without an answer.
 */
export function onHeartbeatTick(s: RaftState, ctx: Ctx): void {
  for (let peer = 0; peer < s.nodeCount; peer++) {
    if (peer === s.nodeId) continue;
    const responded = s.respondedSinceTick[peer];
    const progressed = s.progressSinceTick[peer];
    s.respondedSinceTick[peer] = false;
    s.progressSinceTick[peer] = false;
    switch (s.progressMode[peer]) {
      case ProgressMode.probe:
        s.probeSent[peer] = false;
        sendAppend(s, ctx, peer, true, responded);
        break;
      case ProgressMode.replicate:
        if (s.inflight[peer].length === 0) sendAppend(s, ctx, peer, true, true);
        else if (progressed) sendHeartbeat(s, ctx, peer, s.matchIndex[peer]);
        else {
          becomeProbe(s, peer, s.matchIndex[peer] + 1);
          sendAppend(s, ctx, peer, true, responded);
        }
        break;
      case ProgressMode.snapshot:
        if (ctx.nowUs - s.snapshotSentUs[peer] >= s.options.electionTimeoutUs) sendSnapshot(s, ctx, peer);
        else sendHeartbeat(s, ctx, peer, s.snapshotIndex);
        break;
    }
  }
}
