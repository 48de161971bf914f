/**
 * Sequence Paxos, follower side (§5): promise a higher (or the same leader's)
 * ballot with the part of our log the leader lacks, accept the leader's sync
 * and steady-state entries, learn decided indexes, and detect lost messages by
 * per-session sequence numbers: a gap (or a long silence with undecided
 * entries) makes us ask for a full re-sync with PrepareReq.
 *
 * Notes: `promise` (a = leader, b = entries attached), `seq-gap` (a = leader,
 * b = the sequence number expected), `stall` (a = leader, b = decided index).
 */
import { assert } from '../../core/assert';
import type { NodeId, StepContext } from '../contract';
import { compareBallots, sameBallot } from './ballot';
import { commitDecided, raiseDecided } from './commit';
import { appendEntries, installSnapshot, lastIndex, overwriteFrom, trimLog } from './log';
import { persistAcceptedRound, persistPromise, send } from './storage';
import type { AcceptDecideMessage, AcceptSyncMessage, DecideMessage, OmniEntry, OmniPaxosMessage, OmniSnapshot, PrepareMessage, PromiseMessage, SpState, TrimMessage } from './types';

type Ctx = StepContext<OmniPaxosMessage>;

/** Leave the leader role (a higher ballot was elected or prepared); buffered proposals go to the next leader. */
export function stepDown(sp: SpState, ctx: Ctx): void {
  if (sp.role !== 'leader') return;
  sp.role = 'follower';
  sp.phase = 'none';
  sp.maxPromise = null;
  sp.pendingStopSign = null;
  if (sp.pending.length > 0) {
    const commands = sp.pending;
    sp.pending = [];
    if (sp.leaderPid >= 0 && sp.leaderPid !== sp.nodeId) send(sp, ctx, sp.leaderPid, { type: 'ProposalForward', config: sp.configId, commands });
    else ctx.note('proposals-dropped', commands.length, sp.promise.n);
  }
}

/**
 * A Prepare with a ballot at least our promise (equal: the same leader
 * re-syncing us). Lower ballots are ignored, as in the paper: no negative
 * answers. We attach the suffix the leader lacks: after its decided index if
 * our accepted round is higher, after its log if the rounds tie and our log is
 * longer; a prefix we trimmed goes as our snapshot.
 */
export function onPrepare(sp: SpState, ctx: Ctx, from: NodeId, m: PrepareMessage): void {
  if (m.n.pid !== from || compareBallots(m.n, sp.promise) < 0) return;
  sp.leaderPid = from;
  if (sp.role === 'leader') stepDown(sp, ctx);
  if (!sameBallot(m.n, sp.promise)) {
    sp.promise = m.n;
    persistPromise(sp, ctx);
  }
  sp.phase = 'prepare';
  sp.session = 0;
  sp.seq = 0;
  sp.heardFromLeader = true;
  sp.stalledTicks = 0;
  const cmp = compareBallots(sp.acceptedRound, m.acceptedRound);
  let syncIdx = -1;
  if (cmp > 0) syncIdx = m.decidedIdx;
  else if (cmp === 0 && lastIndex(sp) > m.acceptedIdx) syncIdx = m.acceptedIdx;
  let suffix: readonly OmniEntry[] = [];
  let snapshot: OmniSnapshot | null = null;
  if (syncIdx >= 0) {
    syncIdx = Math.min(syncIdx, lastIndex(sp));
    if (syncIdx < sp.logStart) {
      snapshot = sp.snapshot;
      assert(snapshot !== null && snapshot.index >= sp.logStart, `n${sp.nodeId + 1} trimmed through ${sp.logStart} without a snapshot`);
      syncIdx = snapshot.index;
    }
    suffix = Object.freeze(sp.log.slice(syncIdx - sp.logStart));
  }
  const promise: PromiseMessage = Object.freeze({
    type: 'Promise',
    config: sp.configId,
    n: m.n,
    acceptedRound: sp.acceptedRound,
    acceptedIdx: lastIndex(sp),
    decidedIdx: sp.decidedIdx,
    syncIdx,
    suffix,
    snapshot,
  });
  sp.cachedPromise = promise;
  ctx.note('promise', from, suffix.length);
  send(sp, ctx, from, promise);
}

/**
 * The leader's sync: overwrite our log after the valid prefix, accept the
 * whole log in the leader's round, and start its session. A newer session of
 * the same leader while we are already accepting re-syncs us again (it answers
 * a promise we resent).
 */
export function onAcceptSync(sp: SpState, ctx: Ctx, from: NodeId, m: AcceptSyncMessage): void {
  if (!sameBallot(m.n, sp.promise) || from !== m.n.pid) return;
  if (!(sp.phase === 'prepare' || (sp.phase === 'accept' && m.session > sp.session))) return;
  if (m.snapshot !== null && m.snapshot.index > sp.decidedIdx) installSnapshot(sp, ctx, m.snapshot);
  overwriteFrom(sp, ctx, m.syncIdx, m.suffix);
  if (!sameBallot(sp.acceptedRound, m.n)) {
    sp.acceptedRound = m.n;
    persistAcceptedRound(sp, ctx);
  }
  raiseDecided(sp, ctx, m.decidedIdx);
  sp.phase = 'accept';
  sp.session = m.session;
  sp.seq = m.seq;
  sp.cachedPromise = null;
  sp.heardFromLeader = true;
  sp.stalledTicks = 0;
  send(sp, ctx, from, { type: 'Accepted', config: sp.configId, n: m.n, acceptedIdx: lastIndex(sp) });
  commitDecided(sp, ctx);
}

const Seq = { expected: 0, gap: 1, outdated: 2 } as const;

/** Classify a leader message by its session and sequence number. */
function checkSeq(sp: SpState, session: number, seq: number): number {
  if (session === sp.session && seq === sp.seq + 1) return Seq.expected;
  if (session > sp.session || (session === sp.session && seq > sp.seq + 1)) return Seq.gap;
  return Seq.outdated;
}

/** Messages were lost: stop accepting and ask the leader to prepare us again. */
export function requestResync(sp: SpState, ctx: Ctx, reason: 'seq-gap' | 'stall', detail: number): void {
  sp.phase = 'recover';
  sp.stalledTicks = 0;
  ctx.note(reason, sp.leaderPid, detail);
  if (sp.leaderPid >= 0 && sp.leaderPid !== sp.nodeId) send(sp, ctx, sp.leaderPid, { type: 'PrepareReq', config: sp.configId });
}

/** Steady-state message from our leader, in our session; true when it is the next one expected. */
function admit(sp: SpState, ctx: Ctx, m: AcceptDecideMessage | DecideMessage): boolean {
  if (!sameBallot(m.n, sp.promise) || sp.phase !== 'accept') return false;
  sp.heardFromLeader = true;
  const status = checkSeq(sp, m.session, m.seq);
  if (status === Seq.expected) {
    sp.seq = m.seq;
    return true;
  }
  if (status === Seq.gap) requestResync(sp, ctx, 'seq-gap', sp.seq + 1);
  return false;
}

export function onAcceptDecide(sp: SpState, ctx: Ctx, from: NodeId, m: AcceptDecideMessage): void {
  if (!admit(sp, ctx, m)) return;
  appendEntries(sp, ctx, m.entries);
  raiseDecided(sp, ctx, m.decidedIdx);
  if (m.entries.length > 0) send(sp, ctx, from, { type: 'Accepted', config: sp.configId, n: m.n, acceptedIdx: lastIndex(sp) });
  commitDecided(sp, ctx);
}

export function onDecide(sp: SpState, ctx: Ctx, m: DecideMessage): void {
  if (!admit(sp, ctx, m)) return;
  raiseDecided(sp, ctx, m.decidedIdx);
  commitDecided(sp, ctx);
}

export function onTrim(sp: SpState, ctx: Ctx, m: TrimMessage): void {
  if (!sameBallot(m.n, sp.promise)) return;
  if (m.trimIdx > sp.trimAllowedIdx) sp.trimAllowedIdx = m.trimIdx;
  trimLog(sp, ctx);
}

/**
 * The follower's retransmission tick: resend PrepareReq while recovering and
 * our promise while waiting for the sync; while accepting, a leader silent for
 * two ticks with entries of ours still undecided means its last messages were
 * lost, so ask for a re-sync.
 */
export function followerTick(sp: SpState, ctx: Ctx): void {
  const leader = sp.leaderPid;
  const canReach = leader >= 0 && leader !== sp.nodeId;
  if (sp.phase === 'recover') {
    if (canReach) send(sp, ctx, leader, { type: 'PrepareReq', config: sp.configId });
  } else if (sp.phase === 'prepare') {
    const cached = sp.cachedPromise;
    if (cached !== null && canReach && sameBallot(cached.n, sp.promise)) send(sp, ctx, leader, cached);
  } else if (sp.phase === 'accept') {
    if (sp.decidedIdx < lastIndex(sp) && !sp.heardFromLeader) {
      if (++sp.stalledTicks >= 2) requestResync(sp, ctx, 'stall', sp.decidedIdx);
    } else {
      sp.stalledTicks = 0;
    }
  }
  sp.heardFromLeader = false;
}
