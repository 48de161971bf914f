/**
 * Role transitions, one function each (etcd style), and the election timer.
 *
 * The election timeout is drawn uniformly from [electionTimeoutUs,
 * 2·electionTimeoutUs) at every role transition (§5.2; etcd's
 * randomizedElectionTimeout). Hearing from the leader or granting a vote only
 * moves `electionDeadlineUs`; the one armed timer re-arms itself when it fires
 * before the deadline, so a steady follower sets no timer per heartbeat.
 *
 * Every transition emits `note('role', code, term)`; a term change emits
 * `note('term', term, 0)`.
 */
import { assert, fail } from '../../core/assert';
import { nextIntInclusive } from '../../core/prng';
import type { NodeId, StepContext } from '../contract';
import { maybeAdvanceCommit } from './commit';
import { sendAppend } from './replication';
import { lastIndex, lastTerm } from './log';
import { persistAppend, persistTermAndVote, send, syncIfNeeded } from './storage';
import { ProgressMode, RoleCode, TimerId, type RaftEntry, type RaftMessage, type RaftOptions, type RaftState } from './types';

type Ctx = StepContext<RaftMessage>;

/** The smallest delay ever passed to setTimer: re-arming the election timer is clamped to it. */
export function minTimerDelayUs(options: RaftOptions): number {
  return Math.max(1, Math.floor(Math.min(options.heartbeatIntervalUs, options.electionTimeoutUs) / 4));
}

export function majority(s: RaftState): number {
  return (s.nodeCount >> 1) + 1;
}

export function drawElectionTimeout(s: RaftState, ctx: Ctx): void {
  const base = s.options.electionTimeoutUs;
  s.electionTimeoutUs = nextIntInclusive(ctx.rng, base, 2 * base - 1);
}

export function armElectionTimer(s: RaftState, ctx: Ctx): void {
  const delayUs = Math.max(s.electionDeadlineUs - ctx.nowUs, minTimerDelayUs(s.options));
  ctx.setTimer(TimerId.election, delayUs);
  s.electionTimerDueUs = ctx.nowUs + delayUs;
}

/** Push the election deadline to now + the drawn timeout; set the timer only if it would fire too late. */
export function resetElectionDeadline(s: RaftState, ctx: Ctx): void {
  s.electionDeadlineUs = ctx.nowUs + s.electionTimeoutUs;
  if (s.electionTimerDueUs < 0 || s.electionDeadlineUs < s.electionTimerDueUs) armElectionTimer(s, ctx);
}

/** A leader's periodic check (CheckQuorum, transfer timeout) runs every base election timeout. */
export function resetLeaderCheck(s: RaftState, ctx: Ctx): void {
  s.electionDeadlineUs = ctx.nowUs + s.options.electionTimeoutUs;
  if (s.electionTimerDueUs < 0 || s.electionDeadlineUs < s.electionTimerDueUs) armElectionTimer(s, ctx);
}

function setTerm(s: RaftState, ctx: Ctx, term: number, votedFor: NodeId | null): void {
  if (!(term > s.currentTerm)) fail(`term must grow: ${s.currentTerm} → ${term}`);
  s.currentTerm = term;
  s.votedFor = votedFor;
  persistTermAndVote(s, ctx);
  ctx.note('term', term, 0);
}

function leaveLeadership(s: RaftState, ctx: Ctx): void {
  if (s.role !== RoleCode.leader) return;
  ctx.cancelTimer(TimerId.heartbeat);
  s.transferTarget = null;
}

/** Step down to follower, at a higher term or the same one; `leader` when known. */
export function becomeFollower(s: RaftState, ctx: Ctx, term: number, leader: NodeId | null): void {
  if (!(term >= s.currentTerm)) fail(`becomeFollower to an older term ${term} < ${s.currentTerm}`);
  leaveLeadership(s, ctx);
  if (term > s.currentTerm) setTerm(s, ctx, term, null);
  s.role = RoleCode.follower;
  s.leaderId = leader;
  drawElectionTimeout(s, ctx);
  resetElectionDeadline(s, ctx);
  ctx.note('role', RoleCode.follower, s.currentTerm);
  if (leader !== null) ctx.note('leader', leader, s.currentTerm);
}

function resetVotes(s: RaftState): void {
  s.votes.fill(0);
  s.votes[s.nodeId] = 1;
}

/** Thesis §9.6: ask whether we could win term+1, changing no term anywhere. */
export function becomePreCandidate(s: RaftState, ctx: Ctx): void {
  assert(s.role !== RoleCode.leader, 'illegal transition leader → precandidate');
  s.role = RoleCode.precandidate;
  s.leaderId = null;
  s.leaderContactUs = -1;
  resetVotes(s);
  drawElectionTimeout(s, ctx);
  resetElectionDeadline(s, ctx);
  ctx.note('role', RoleCode.precandidate, s.currentTerm);
  if (majority(s) <= 1) {
    becomeCandidate(s, ctx, false);
    return;
  }
  const msg: RaftMessage = { type: 'PreVote', term: s.currentTerm + 1, lastLogIndex: lastIndex(s), lastLogTerm: lastTerm(s) };
  for (let peer = 0; peer < s.nodeCount; peer++) if (peer !== s.nodeId) send(s, ctx, peer, msg);
}

/** §5.2: new term, vote for ourselves, ask everyone. `transfer` marks a TimeoutNow campaign (bypasses leases). */
export function becomeCandidate(s: RaftState, ctx: Ctx, transfer: boolean): void {
  assert(s.role !== RoleCode.leader, 'illegal transition leader → candidate');
  setTerm(s, ctx, s.currentTerm + 1, s.nodeId);
  s.role = RoleCode.candidate;
  s.leaderId = null;
  s.leaderContactUs = -1;
  resetVotes(s);
  drawElectionTimeout(s, ctx);
  resetElectionDeadline(s, ctx);
  ctx.note('role', RoleCode.candidate, s.currentTerm);
  ctx.note('vote', s.nodeId, s.currentTerm);
  if (majority(s) <= 1) {
    syncIfNeeded(s, ctx);
    becomeLeader(s, ctx);
    return;
  }
  const msg: RaftMessage = { type: 'RequestVote', term: s.currentTerm, lastLogIndex: lastIndex(s), lastLogTerm: lastTerm(s), transfer };
  for (let peer = 0; peer < s.nodeCount; peer++) if (peer !== s.nodeId) send(s, ctx, peer, msg);
}

/** §5.3 and thesis §6.4: take office, reset progress, append a no-op of the new term and probe everyone. */
export function becomeLeader(s: RaftState, ctx: Ctx): void {
  if (!(s.role === RoleCode.candidate)) fail(`illegal transition ${s.role} → leader (only a candidate wins)`);
  s.role = RoleCode.leader;
  s.leaderId = s.nodeId;
  s.transferTarget = null;
  const next = lastIndex(s) + 1;
  for (let peer = 0; peer < s.nodeCount; peer++) {
    s.nextIndex[peer] = next;
    s.matchIndex[peer] = 0;
    s.progressMode[peer] = ProgressMode.probe;
    s.inflight[peer].length = 0;
    s.probeSent[peer] = false;
    s.respondedSinceTick[peer] = false;
    s.progressSinceTick[peer] = false;
    s.recentActive[peer] = false;
    s.snapshotSentUs[peer] = -1;
  }
  ctx.note('role', RoleCode.leader, s.currentTerm);
  const noop: RaftEntry = Object.freeze({ term: s.currentTerm, command: null });
  s.log.push(noop);
  persistAppend(s, ctx, [noop]);
  syncIfNeeded(s, ctx);
  resetLeaderCheck(s, ctx);
  ctx.setTimer(TimerId.heartbeat, s.options.heartbeatIntervalUs);
  for (let peer = 0; peer < s.nodeCount; peer++) if (peer !== s.nodeId) sendAppend(s, ctx, peer, true, true);
  maybeAdvanceCommit(s, ctx);
}
