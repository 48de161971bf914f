/**
 * Sequence Paxos, follower side (§5): promise a higher (or the same leader's)
 * ballot with the part of our log the leader lacks, accept the leader's sync
 * and steady-state entries, learn decided indexes, and detect lost messages by
 * per-session sequence numbers: a gap (or a long silence with undecided
 * entries) makes us ask for a full re-sync with PrepareReq.
 *
 * Deviation: the paper assumes FIFO links (TCP), where any gap is a loss. The
 * simulated network reorders messages, so a message that arrives ahead of its
 * turn waits (bounded) for the ones before it, and only a gap that outlives a
 * retransmission tick counts as loss. Without this every reordering would
 * cost a full re-sync.
 *
 * Notes: `promise` (a = leader, b = entries attached), `seq-gap` (a = leader,
 * b = the sequence number expected), `stall` (a = leader, b = decided index).
 */
import { fail } from '../../core/assert';
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
    sp.session = 0;
    sp.seq = 0;
  }
  // Re-preparing by the same leader keeps the session number: only a newer session's AcceptSync may follow.
  sp.phase = 'prepare';
  sp.heardFromLeader = true;
  sp.stalledTicks = 0;
  sp.reorder.length = 0;
  sp.gapTicks = 0;
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
      if (!(snapshot !== null && snapshot.index >= sp.logStart)) fail(`n${sp.nodeId + 1} trimmed through ${sp.logStart} without a snapshot`);
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
  sp.sentSinceTick = true;
  ctx.note('promise', from, suffix.length);
  send(sp, ctx, from, promise);
}

/**
 * The leader's sync: overwrite our log after the valid prefix, accept the
 * whole log in the leader's round, and start its session. Only a session newer
 * than any we accepted counts: a late or duplicated AcceptSync answers an
 * older promise and could undo what a newer one wrote. A newer session while
 * we are already accepting re-syncs us again (it answers a promise we resent).
 */
export function onAcceptSync(sp: SpState, ctx: Ctx, from: NodeId, m: AcceptSyncMessage): void {
  if (!sameBallot(m.n, sp.promise) || from !== m.n.pid) return;
  if ((sp.phase !== 'prepare' && sp.phase !== 'accept') || m.session <= sp.session) return;
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
  drainReordered(sp, ctx, from);
}

/** Most leader messages held while waiting for a missing one; more means loss. */
export const maxReorderedMessages = 64;

/** Messages were lost: stop accepting and ask the leader to prepare us again. */
export function requestResync(sp: SpState, ctx: Ctx, reason: 'seq-gap' | 'stall', detail: number): void {
  sp.phase = 'recover';
  sp.stalledTicks = 0;
  sp.reorder.length = 0;
  sp.gapTicks = 0;
  sp.sentSinceTick = true;
  ctx.note(reason, sp.leaderPid, detail);
  if (sp.leaderPid >= 0 && sp.leaderPid !== sp.nodeId) send(sp, ctx, sp.leaderPid, { type: 'PrepareReq', config: sp.configId });
}

/** Order by (session, seq). */
function before(a: AcceptDecideMessage | DecideMessage, b: AcceptDecideMessage | DecideMessage): boolean {
  return a.session < b.session || (a.session === b.session && a.seq < b.seq);
}

/**
 * A steady-state message from our leader: true when it is the next one of our
 * session (it is then ours to apply). A later one waits in the reorder buffer
 * for the missing ones; an older one (or a duplicate) is dropped.
 */
function admit(sp: SpState, ctx: Ctx, m: AcceptDecideMessage | DecideMessage): boolean {
  if (!sameBallot(m.n, sp.promise) || (sp.phase !== 'accept' && sp.phase !== 'prepare')) return false;
  sp.heardFromLeader = true;
  if (sp.phase === 'accept') {
    if (m.session === sp.session && m.seq === sp.seq + 1) {
      sp.seq = m.seq;
      return true;
    }
    if (m.session < sp.session || (m.session === sp.session && m.seq <= sp.seq)) return false;
  }
  const buffer = sp.reorder;
  let at = buffer.length;
  while (at > 0 && before(m, buffer[at - 1])) at--;
  if (at > 0 && !before(buffer[at - 1], m)) return false;
  buffer.splice(at, 0, m);
  if (buffer.length > maxReorderedMessages) requestResync(sp, ctx, 'seq-gap', sp.seq + 1);
  return false;
}

/** Apply the buffered messages that are now next in line. */
function drainReordered(sp: SpState, ctx: Ctx, from: NodeId): void {
  const buffer = sp.reorder;
  while (sp.phase === 'accept' && buffer.length > 0) {
    const head = buffer[0];
    if (head.session < sp.session || (head.session === sp.session && head.seq <= sp.seq)) {
      buffer.shift();
      continue;
    }
    if (head.session !== sp.session || head.seq !== sp.seq + 1) break;
    buffer.shift();
    sp.seq = head.seq;
    if (head.type === 'AcceptDecide') applyAcceptDecide(sp, ctx, from, head);
    else applyDecide(sp, ctx, head);
  }
  if (buffer.length === 0) sp.gapTicks = 0;
}

function applyAcceptDecide(sp: SpState, ctx: Ctx, from: NodeId, m: AcceptDecideMessage): void {
  appendEntries(sp, ctx, m.entries);
  raiseDecided(sp, ctx, m.decidedIdx);
  if (m.entries.length > 0) send(sp, ctx, from, { type: 'Accepted', config: sp.configId, n: m.n, acceptedIdx: lastIndex(sp) });
  commitDecided(sp, ctx);
}

function applyDecide(sp: SpState, ctx: Ctx, m: DecideMessage): void {
  raiseDecided(sp, ctx, m.decidedIdx);
  commitDecided(sp, ctx);
}

export function onAcceptDecide(sp: SpState, ctx: Ctx, from: NodeId, m: AcceptDecideMessage): void {
  if (!admit(sp, ctx, m)) return;
  applyAcceptDecide(sp, ctx, from, m);
  drainReordered(sp, ctx, from);
}

export function onDecide(sp: SpState, ctx: Ctx, from: NodeId, m: DecideMessage): void {
  if (!admit(sp, ctx, m)) return;
  applyDecide(sp, ctx, m);
  drainReordered(sp, ctx, from);
}

export function onTrim(sp: SpState, ctx: Ctx, m: TrimMessage): void {
  if (!sameBallot(m.n, sp.promise)) return;
  if (m.trimIdx > sp.trimAllowedIdx) sp.trimAllowedIdx = m.trimIdx;
  trimLog(sp, ctx);
}

/**
 * The follower's retransmission tick: resend PrepareReq while recovering and
 * our promise while waiting for the sync. While accepting, ask for a re-sync
 * when a gap in the sequence numbers outlived a whole tick (the message is
 * lost, not late), or when the leader was silent for two ticks with entries
 * of ours still undecided (its last messages were lost).
 */
export function followerTick(sp: SpState, ctx: Ctx): void {
  const leader = sp.leaderPid;
  const canReach = leader >= 0 && leader !== sp.nodeId;
  const resend = canReach && !sp.sentSinceTick;
  if (sp.phase === 'recover') {
    if (resend) send(sp, ctx, leader, { type: 'PrepareReq', config: sp.configId });
  } else if (sp.phase === 'prepare') {
    const cached = sp.cachedPromise;
    if (cached !== null && resend && sameBallot(cached.n, sp.promise)) send(sp, ctx, leader, cached);
  } else if (sp.phase === 'accept') {
    if (sp.reorder.length > 0 && ++sp.gapTicks >= 2) {
      requestResync(sp, ctx, 'seq-gap', sp.seq + 1);
    } else if (sp.decidedIdx < lastIndex(sp) && !sp.heardFromLeader) {
      if (++sp.stalledTicks >= 2) requestResync(sp, ctx, 'stall', sp.decidedIdx);
    } else {
      sp.stalledTicks = 0;
    }
  }
  sp.heardFromLeader = false;
  sp.sentSinceTick = false;
}
