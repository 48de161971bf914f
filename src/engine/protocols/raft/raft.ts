/**
 * The Raft replica's entry points: create (first boot or restart from durable
 * storage), step (one input) and compact (the service snapshotted). Rules
 * shared by every role run first (term comparison, Figure 2 "all servers"),
 * then the message goes to the handler of its kind.
 */
import { fail } from '../../core/assert';
import type { Durable, NodeId, ProtocolInput, StepContext } from '../contract';
import { inLease, noteRejection, onPreVote, onPreVoteResponse, onRequestVote, onRequestVoteResponse } from './election';
import { onAppendEntries, onInstallSnapshot, onTimeoutNow } from './follower';
import { discardThrough, termAt } from './log';
import { leaderCheck, onPropose, startTransfer } from './leader';
import { onAppendEntriesResponse, onHeartbeatTick, onInstallSnapshotResponse } from './replication';
import { armElectionTimer, becomeCandidate, becomeFollower, becomePreCandidate, drawElectionTimeout, resetElectionDeadline } from './roles';
import { estimateBytes, persistSnapshot, recover, send, syncIfNeeded } from './storage';
import { RejectReason, RoleCode, TimerId, type RaftMessage, type RaftOptions, type RaftState } from './types';

type Ctx = StepContext<RaftMessage>;

export function defaultRaftOptions(): RaftOptions {
  return {
    electionTimeoutUs: 300_000,
    heartbeatIntervalUs: 100_000,
    preVote: false,
    checkQuorum: false,
    maxEntriesPerAppend: 64,
    maxInflightAppends: 8,
  };
}

function checkOptions(o: RaftOptions): void {
  if (!(Number.isInteger(o.electionTimeoutUs) && o.electionTimeoutUs >= 2)) fail(`electionTimeoutUs must be a whole number ≥ 2, got ${o.electionTimeoutUs}`);
  if (!(Number.isInteger(o.heartbeatIntervalUs) && o.heartbeatIntervalUs >= 1)) fail(`heartbeatIntervalUs must be a whole number ≥ 1, got ${o.heartbeatIntervalUs}`);
  if (!(o.maxEntriesPerAppend >= 1)) fail(`maxEntriesPerAppend must be ≥ 1, got ${o.maxEntriesPerAppend}`);
  if (!(o.maxInflightAppends >= 1)) fail(`maxInflightAppends must be ≥ 1, got ${o.maxInflightAppends}`);
}

export function createRaft(nodeId: NodeId, nodeCount: number, options: RaftOptions, durable: Durable | null, ctx: Ctx): RaftState {
  const o: RaftOptions = { ...defaultRaftOptions(), ...options };
  checkOptions(o);
  const r = recover(durable);
  const fill = <T>(v: T): T[] => new Array<T>(nodeCount).fill(v);
  const s: RaftState = {
    nodeId,
    nodeCount,
    options: o,
    role: RoleCode.follower,
    currentTerm: r.term,
    votedFor: r.vote,
    leaderId: null,
    log: r.log,
    snapshotIndex: r.snapshot?.index ?? 0,
    snapshotTerm: r.snapshot?.term ?? 0,
    snapshotData: r.snapshot?.data ?? null,
    snapshotBytes: r.snapshot?.bytes ?? 0,
    commitIndex: r.snapshot?.index ?? 0,
    lastApplied: r.snapshot?.index ?? 0,
    electionTimeoutUs: o.electionTimeoutUs,
    electionDeadlineUs: 0,
    electionTimerDueUs: -1,
    leaderContactUs: -1,
    votes: fill(0),
    nextIndex: fill(1),
    matchIndex: fill(0),
    progressMode: fill(0),
    inflight: Array.from({ length: nodeCount }, () => [] as number[]),
    probeSent: fill(false),
    respondedSinceTick: fill(false),
    progressSinceTick: fill(false),
    recentActive: fill(false),
    snapshotSentUs: fill(-1),
    transferTarget: null,
    transferDeadlineUs: 0,
    unsynced: false,
  };
  // The service starts from the durable snapshot; entries after it are re-applied as commitIndex becomes known.
  if (r.snapshot !== null) ctx.restoreSnapshot(r.snapshot.index, r.snapshot.term, r.snapshot.data);
  drawElectionTimeout(s, ctx);
  resetElectionDeadline(s, ctx);
  ctx.note('role', RoleCode.follower, s.currentTerm);
  return s;
}

export function stepRaft(s: RaftState, input: ProtocolInput<RaftMessage>, ctx: Ctx): void {
  switch (input.kind) {
    case 'message':
      onMessage(s, ctx, input.from, input.msg);
      break;
    case 'timer':
      onTimer(s, ctx, input.timerId);
      break;
    case 'propose':
      onPropose(s, ctx, input.command);
      break;
    case 'control':
      onControl(s, ctx, input.action, input.target);
      break;
  }
  syncIfNeeded(s, ctx);
}

/** Figure 2, rules for all servers, then dispatch. */
function onMessage(s: RaftState, ctx: Ctx, from: NodeId, m: RaftMessage): void {
  if (m.term > s.currentTerm) {
    if (m.type === 'RequestVote' || m.type === 'PreVote') {
      if (inLease(s, ctx.nowUs, m)) {
        noteRejection(ctx, m.type === 'PreVote', from, m.term, RejectReason.leaderActive);
        return;
      }
    }
    // A pre-vote (or a granted answer to one) carries a term nobody has entered yet.
    const carriesFutureTerm = m.type === 'PreVote' || (m.type === 'PreVoteResponse' && m.granted);
    if (!carriesFutureTerm) {
      const leader = m.type === 'AppendEntries' || m.type === 'InstallSnapshot' ? from : null;
      becomeFollower(s, ctx, m.term, leader);
    }
  } else if (m.term < s.currentTerm) {
    onStaleMessage(s, ctx, from, m);
    return;
  }
  switch (m.type) {
    case 'RequestVote':
      onRequestVote(s, ctx, from, m);
      break;
    case 'RequestVoteResponse':
      onRequestVoteResponse(s, ctx, from, m);
      break;
    case 'PreVote':
      onPreVote(s, ctx, from, m);
      break;
    case 'PreVoteResponse':
      onPreVoteResponse(s, ctx, from, m);
      break;
    case 'AppendEntries':
      onAppendEntries(s, ctx, from, m);
      break;
    case 'AppendEntriesResponse':
      onAppendEntriesResponse(s, ctx, from, m);
      break;
    case 'InstallSnapshot':
      onInstallSnapshot(s, ctx, from, m);
      break;
    case 'InstallSnapshotResponse':
      onInstallSnapshotResponse(s, ctx, from, m);
      break;
    case 'TimeoutNow':
      onTimeoutNow(s, ctx, from, m);
      break;
  }
}

/** A message from an older term: tell a stale leader or candidate our term so it steps down; drop stale answers. */
function onStaleMessage(s: RaftState, ctx: Ctx, from: NodeId, m: RaftMessage): void {
  switch (m.type) {
    case 'AppendEntries':
      send(s, ctx, from, { type: 'AppendEntriesResponse', term: s.currentTerm, success: false, index: m.prevLogIndex, conflictTerm: 0, conflictIndex: 0 });
      break;
    case 'InstallSnapshot':
      send(s, ctx, from, { type: 'InstallSnapshotResponse', term: s.currentTerm, index: 0 });
      break;
    case 'RequestVote':
      noteRejection(ctx, false, from, m.term, RejectReason.staleTerm);
      send(s, ctx, from, { type: 'RequestVoteResponse', term: s.currentTerm, granted: false });
      break;
    case 'PreVote':
      noteRejection(ctx, true, from, m.term, RejectReason.staleTerm);
      send(s, ctx, from, { type: 'PreVoteResponse', term: s.currentTerm, granted: false });
      break;
    default:
      break;
  }
}

function campaign(s: RaftState, ctx: Ctx): void {
  if (s.options.preVote) becomePreCandidate(s, ctx);
  else becomeCandidate(s, ctx, false);
}

function onTimer(s: RaftState, ctx: Ctx, timerId: number): void {
  if (timerId === TimerId.heartbeat) {
    if (s.role !== RoleCode.leader) return;
    onHeartbeatTick(s, ctx);
    ctx.setTimer(TimerId.heartbeat, s.options.heartbeatIntervalUs);
    return;
  }
  if (timerId !== TimerId.election) return;
  s.electionTimerDueUs = -1;
  if (ctx.nowUs < s.electionDeadlineUs) {
    armElectionTimer(s, ctx);
    return;
  }
  if (s.role === RoleCode.leader) leaderCheck(s, ctx);
  else campaign(s, ctx);
}

function onControl(s: RaftState, ctx: Ctx, action: string, target: NodeId | null): void {
  switch (action) {
    case 'campaign':
      if (s.role === RoleCode.leader) ctx.note('campaign-ignored', s.nodeId, s.currentTerm);
      else campaign(s, ctx);
      return;
    case 'transfer-leadership':
      startTransfer(s, ctx, target);
      return;
    default:
      ctx.note('control-ignored', target ?? -1, s.currentTerm);
  }
}

/** The service snapshotted through `index` (≤ lastApplied): drop that prefix of the log (§7). */
export function compactRaft(s: RaftState, index: number, data: unknown, ctx: Ctx): void {
  if (index <= s.snapshotIndex) return;
  if (!(index <= s.lastApplied)) fail(`compact through ${index} beyond lastApplied ${s.lastApplied}`);
  const term = termAt(s, index);
  const discarded = index - s.snapshotIndex;
  discardThrough(s, index);
  s.snapshotIndex = index;
  s.snapshotTerm = term;
  s.snapshotData = data;
  s.snapshotBytes = estimateBytes(data);
  persistSnapshot(s, ctx, discarded);
  syncIfNeeded(s, ctx);
  ctx.note('snapshot', index, term);
}
