/**
 * Voting: RequestVote (§5.2, with the §5.4.1 up-to-date check), PreVote
 * (thesis §9.6) and the tallies of candidates and precandidates.
 *
 * Notes: `vote` (a = candidate, b = term) when a vote is granted;
 * `pre-vote` (a = candidate, b = asked term) when a pre-vote is granted;
 * `reject-vote` / `reject-pre-vote` (a = candidate, b = asked term) followed by
 * `reject-reason` (a = RejectReason code, b = candidate) when refused.
 */
import type { NodeId, StepContext } from '../contract';
import { isUpToDate } from './log';
import { becomeCandidate, becomeFollower, becomeLeader, majority, resetElectionDeadline } from './roles';
import { persistVote, send } from './storage';
import {
  RejectReason,
  RoleCode,
  type PreVoteMessage,
  type PreVoteResponseMessage,
  type RaftMessage,
  type RaftState,
  type RequestVoteMessage,
  type RequestVoteResponseMessage,
} from './types';

type Ctx = StepContext<RaftMessage>;

/** Heard from a live leader within the (minimum) election timeout; a leader counts as hearing from itself. */
export function heardFromLeaderRecently(s: RaftState, nowUs: number): boolean {
  if (s.role === RoleCode.leader) return true;
  return s.leaderId !== null && s.leaderContactUs >= 0 && nowUs - s.leaderContactUs < s.options.electionTimeoutUs;
}

/**
 * CheckQuorum's lease (etcd): a node that heard from a live leader recently
 * ignores a vote or pre-vote request for a higher term, without answering,
 * unless the request comes from a leadership transfer.
 */
export function inLease(s: RaftState, nowUs: number, m: RequestVoteMessage | PreVoteMessage): boolean {
  if (!s.options.checkQuorum) return false;
  if (m.type === 'RequestVote' && m.transfer) return false;
  return heardFromLeaderRecently(s, nowUs);
}

export function noteRejection(ctx: Ctx, pre: boolean, candidate: NodeId, askedTerm: number, reason: number): void {
  ctx.note(pre ? 'reject-pre-vote' : 'reject-vote', candidate, askedTerm);
  ctx.note('reject-reason', reason, candidate);
}

function refuseVote(s: RaftState, ctx: Ctx, from: NodeId, m: RequestVoteMessage, reason: number): void {
  noteRejection(ctx, false, from, m.term, reason);
  send(s, ctx, from, { type: 'RequestVoteResponse', term: s.currentTerm, granted: false });
}

function refusePreVote(s: RaftState, ctx: Ctx, from: NodeId, m: PreVoteMessage, reason: number): void {
  noteRejection(ctx, true, from, m.term, reason);
  send(s, ctx, from, { type: 'PreVoteResponse', term: s.currentTerm, granted: false });
}

/** Called with m.term === currentTerm (the shared term rules already ran). */
export function onRequestVote(s: RaftState, ctx: Ctx, from: NodeId, m: RequestVoteMessage): void {
  // One vote per term; a node that knows this term's leader has no vote to give (etcd).
  const canVote = s.votedFor === from || (s.votedFor === null && s.leaderId === null);
  if (!canVote) {
    refuseVote(s, ctx, from, m, RejectReason.alreadyVoted);
    return;
  }
  if (!isUpToDate(s, m.lastLogIndex, m.lastLogTerm)) {
    refuseVote(s, ctx, from, m, RejectReason.logBehind);
    return;
  }
  if (s.votedFor !== from) {
    s.votedFor = from;
    if (s.options.bugVoteWithoutSync !== true) persistVote(s, ctx);
  }
  resetElectionDeadline(s, ctx);
  ctx.note('vote', from, s.currentTerm);
  // `send` syncs the vote to disk before the grant leaves (Figure 2: persist before responding).
  send(s, ctx, from, { type: 'RequestVoteResponse', term: s.currentTerm, granted: true });
}

/** Called with m.term ≥ currentTerm; nothing here changes our term or vote. */
export function onPreVote(s: RaftState, ctx: Ctx, from: NodeId, m: PreVoteMessage): void {
  if (m.term > s.currentTerm && heardFromLeaderRecently(s, ctx.nowUs)) {
    refusePreVote(s, ctx, from, m, RejectReason.leaderActive);
    return;
  }
  const canVote = m.term > s.currentTerm || s.votedFor === from || (s.votedFor === null && s.leaderId === null);
  if (!canVote) {
    refusePreVote(s, ctx, from, m, RejectReason.alreadyVoted);
    return;
  }
  if (!isUpToDate(s, m.lastLogIndex, m.lastLogTerm)) {
    refusePreVote(s, ctx, from, m, RejectReason.logBehind);
    return;
  }
  ctx.note('pre-vote', from, m.term);
  send(s, ctx, from, { type: 'PreVoteResponse', term: m.term, granted: true });
}

function tally(s: RaftState, from: NodeId, granted: boolean): { granted: number; refused: number } {
  s.votes[from] = granted ? 1 : 2;
  let yes = 0;
  let no = 0;
  for (const v of s.votes) {
    if (v === 1) yes++;
    else if (v === 2) no++;
  }
  return { granted: yes, refused: no };
}

export function onRequestVoteResponse(s: RaftState, ctx: Ctx, from: NodeId, m: RequestVoteResponseMessage): void {
  if (s.role !== RoleCode.candidate || m.term !== s.currentTerm) return;
  const t = tally(s, from, m.granted);
  if (t.granted >= majority(s)) becomeLeader(s, ctx);
  else if (t.refused >= majority(s)) becomeFollower(s, ctx, s.currentTerm, null);
}

export function onPreVoteResponse(s: RaftState, ctx: Ctx, from: NodeId, m: PreVoteResponseMessage): void {
  if (s.role !== RoleCode.precandidate) return;
  // A grant carries the asked term (ours + 1); a refusal carries the responder's term (≤ ours here).
  if (m.granted && m.term !== s.currentTerm + 1) return;
  const t = tally(s, from, m.granted);
  if (t.granted >= majority(s)) becomeCandidate(s, ctx, false);
  else if (t.refused >= majority(s)) becomeFollower(s, ctx, s.currentTerm, null);
}
