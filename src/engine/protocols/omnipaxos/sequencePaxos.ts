/**
 * Sequence Paxos (§5 of the paper): the replicated log, safe on its own. It
 * never elects anyone: BLE hands it a ballot with `handleLeader`, and it
 * becomes leader (prepare phase) if the ballot is its own and above its
 * promise, or follows that server otherwise. Everything else arrives as
 * messages, client proposals and a periodic retransmission tick.
 */
import type { Command, NodeId, StepContext } from '../contract';
import { compareBallots, noBallot } from './ballot';
import { commitDecided } from './commit';
import { followerTick, onAcceptDecide, onAcceptSync, onDecide, onPrepare, onTrim, stepDown } from './follower';
import { becomeLeader, leaderTick, onAccepted, onPrepareReq, onPromise, proposeAsLeader } from './leader';
import { send } from './storage';
import type { Recovered } from './storage';
import type { Ballot, Configuration, OmniPaxosMessage, SequencePaxosMessage, SpState } from './types';

type Ctx = StepContext<OmniPaxosMessage>;

export interface SpSetup {
  nodeId: NodeId;
  nodeCount: number;
  config: Configuration;
  maxEntriesPerAccept: number;
  maxPendingProposals: number;
  recovered: Recovered;
}

export function createSp(setup: SpSetup): SpState {
  const r = setup.recovered;
  const fill = <T>(v: T): T[] => new Array<T>(setup.nodeCount).fill(v);
  const snapshotIdx = r.snapshot === null ? 0 : r.snapshot.index;
  return {
    nodeId: setup.nodeId,
    maxEntriesPerAccept: setup.maxEntriesPerAccept,
    maxPendingProposals: setup.maxPendingProposals,
    configId: setup.config.id,
    members: [...setup.config.nodes],
    role: 'follower',
    phase: 'none',
    promise: r.promise,
    acceptedRound: r.acceptedRound,
    leaderPid: r.promise.pid,
    log: r.log,
    logStart: r.logStart,
    logStartN: r.logStartN,
    snapshot: r.snapshot,
    decidedIdx: Math.max(r.decidedIdx, snapshotIdx),
    committedIdx: 0,
    trimAllowedIdx: 0,
    decidedStopSignIdx: -1,
    session: 0,
    seq: 0,
    cachedPromise: null,
    heardFromLeader: false,
    sentSinceTick: false,
    stalledTicks: 0,
    reorder: [],
    gapTicks: 0,
    leaderBallot: noBallot,
    promised: fill(false),
    promiseRound: fill(noBallot),
    promiseAcceptedIdx: fill(0),
    promiseDecidedIdx: fill(0),
    acceptedIdx: fill(0),
    sessionOf: fill(0),
    seqOf: fill(0),
    heardSinceTick: fill(false),
    preparedSinceTick: fill(false),
    stalledTicksOf: fill(0),
    maxPromise: null,
    maxPromiseDecidedIdx: 0,
    adoptedRound: noBallot,
    adoptedIdx: 0,
    pending: [],
    pendingStopSign: null,
    trimSentIdx: 0,
    decidedAtLastTick: 0,
    unsynced: false,
  };
}

/**
 * Boot: the service restores the durable snapshot and re-applies the decided
 * entries after it. A server that had promised a ballot before crashing
 * starts in recovery and asks every peer for a Prepare (§5: it may have
 * missed entries while it was down) — if it takes part in the configuration.
 */
export function startSp(sp: SpState, ctx: Ctx, participating: boolean): void {
  if (sp.snapshot !== null) {
    ctx.restoreSnapshot(sp.snapshot.index, sp.snapshot.n, sp.snapshot.data);
    sp.committedIdx = sp.snapshot.index;
  } else {
    sp.committedIdx = sp.logStart;
  }
  commitDecided(sp, ctx);
  if (participating && sp.promise.pid >= 0) {
    sp.phase = 'recover';
    for (const peer of sp.members) if (peer !== sp.nodeId) send(sp, ctx, peer, { type: 'PrepareReq', config: sp.configId });
  }
}

/**
 * BLE elected ballot `b`. Returns false when it is not above our promise (we
 * already promised as much or more), in which case nothing changes.
 */
export function handleLeader(sp: SpState, ctx: Ctx, b: Ballot): boolean {
  if (compareBallots(b, sp.promise) <= 0) return false;
  if (b.pid === sp.nodeId) {
    becomeLeader(sp, ctx, b);
  } else {
    sp.leaderPid = b.pid;
    stepDown(sp, ctx);
  }
  return true;
}

export function onSpMessage(sp: SpState, ctx: Ctx, from: NodeId, m: SequencePaxosMessage): void {
  switch (m.type) {
    case 'Prepare':
      onPrepare(sp, ctx, from, m);
      break;
    case 'Promise':
      onPromise(sp, ctx, from, m);
      break;
    case 'AcceptSync':
      onAcceptSync(sp, ctx, from, m);
      break;
    case 'AcceptDecide':
      onAcceptDecide(sp, ctx, from, m);
      break;
    case 'Accepted':
      onAccepted(sp, ctx, from, m);
      break;
    case 'Decide':
      onDecide(sp, ctx, from, m);
      break;
    case 'PrepareReq':
      onPrepareReq(sp, ctx, from);
      break;
    case 'ProposalForward':
      if (sp.role === 'leader') {
        const taken = proposeAsLeader(sp, ctx, m.commands);
        if (taken < m.commands.length) ctx.note('proposals-dropped', m.commands.length - taken, sp.promise.n);
      } else {
        // Not (or no longer) the leader: forwarding again could loop, so the client retries.
        ctx.note('proposals-dropped', m.commands.length, sp.promise.n);
      }
      break;
    case 'Trim':
      onTrim(sp, ctx, m);
      break;
  }
}

/**
 * A client command: appended (or buffered) at the leader, forwarded by a
 * follower that knows its leader, refused otherwise with `hint` (BLE's
 * leader, if any).
 */
export function propose(sp: SpState, ctx: Ctx, command: Command, hint: NodeId | null): void {
  if (sp.role === 'leader') {
    const taken = proposeAsLeader(sp, ctx, [command]);
    ctx.proposalResult(command.id, taken > 0, taken > 0 ? sp.nodeId : null);
    return;
  }
  const leader = sp.leaderPid;
  if (leader >= 0 && leader !== sp.nodeId) {
    send(sp, ctx, leader, { type: 'ProposalForward', config: sp.configId, commands: [command] });
    ctx.proposalResult(command.id, true, leader);
    return;
  }
  ctx.proposalResult(command.id, false, hint === sp.nodeId ? null : hint);
}

export function spTick(sp: SpState, ctx: Ctx): void {
  if (sp.role === 'leader') leaderTick(sp, ctx);
  else followerTick(sp, ctx);
}
