/**
 * Ballot Leader Election (§4 of the paper), as its experiments ran it. It
 * decides who should lead and hands that ballot to Sequence Paxos; it never
 * looks at logs and never gossips leaders.
 *
 * Rounds: one heartbeat round lasts one election timeout (`roundUs`). At the
 * start of a round a server sends HeartbeatRequest{round} to every peer; each
 * answers HeartbeatReply{round, ballot, quorumConnected}; replies of an older
 * round are dropped. At the end of the round:
 * - with replies from a majority (counting itself) the server is
 *   quorum-connected (QC) and takes the highest ballot among QC servers
 *   (itself included); non-QC servers can never be elected;
 * - if that ballot is lower than its current leader's (the leader went silent
 *   or reported itself not QC) it raises its own ballot to leader.n + 1 and
 *   competes in the next round;
 * - otherwise that ballot is its leader, handed to Sequence Paxos if it changed;
 * - without a majority of replies it marks itself not QC and keeps its leader.
 *
 * Nothing is randomized: ballots are totally ordered, so concurrent
 * competitors never split a vote, and servers booted together run their
 * rounds in lockstep, as the paper's servers (started together, ticking at
 * the same period) did. Lockstep is what gives the paper's bound: after a
 * leader loses its quorum, it marks itself not QC at the end of its next full
 * round; the other servers' rounds that start at that same instant hear it,
 * compete one round later and elect one round after that — recovery within
 * four rounds of the cut. (With rounds offset at random it could take five.)
 * A server that restarts starts its rounds at its restart time.
 *
 * Notes: `ble-round` (a = round that ended), `qc` (a = 1|0, b = round).
 */
import type { NodeId, StepContext } from '../contract';
import { compareBallots, makeBallot, sameBallot } from './ballot';
import { TimerId, type Ballot, type BleState, type HeartbeatReplyMessage, type HeartbeatRequestMessage, type OmniPaxosMessage } from './types';

type Ctx = StepContext<OmniPaxosMessage>;

export function majorityOf(memberCount: number): number {
  return (memberCount >> 1) + 1;
}

export interface BleSetup {
  nodeId: NodeId;
  nodeCount: number;
  configId: number;
  members: readonly NodeId[];
  /** Ballot number to start from; a recovering server starts below its recovered leader. */
  ballotN: number;
  priority: number;
  /** The leader known from before a crash (its stored promise), or null. */
  leader: Ballot | null;
  roundUs: number;
}

export function createBle(setup: BleSetup): BleState {
  return {
    nodeId: setup.nodeId,
    configId: setup.configId,
    members: [...setup.members].sort((a, b) => a - b),
    ballot: makeBallot(setup.ballotN, setup.priority, setup.nodeId),
    leader: setup.leader,
    competing: false,
    quorumConnected: true,
    round: 0,
    repliedRound: new Array<number>(setup.nodeCount).fill(0),
    replyBallots: [],
    replyQc: [],
    roundUs: setup.roundUs,
  };
}

/** Start heartbeating with round 1. */
export function startBle(b: BleState, ctx: Ctx): void {
  newRound(b, ctx, b.roundUs);
}

function newRound(b: BleState, ctx: Ctx, durationUs: number): void {
  b.round++;
  b.replyBallots.length = 0;
  b.replyQc.length = 0;
  const msg: HeartbeatRequestMessage = { type: 'HeartbeatRequest', config: b.configId, round: b.round };
  for (const peer of b.members) if (peer !== b.nodeId) ctx.send(peer, msg);
  ctx.setTimer(TimerId.bleRound, durationUs);
}

export function stopBle(ctx: Ctx): void {
  ctx.cancelTimer(TimerId.bleRound);
}

export function onHeartbeatRequest(b: BleState, ctx: Ctx, from: NodeId, m: HeartbeatRequestMessage): void {
  const reply: HeartbeatReplyMessage = {
    type: 'HeartbeatReply',
    config: b.configId,
    round: m.round,
    ballot: b.ballot,
    quorumConnected: b.quorumConnected,
  };
  ctx.send(from, reply);
}

export function onHeartbeatReply(b: BleState, from: NodeId, m: HeartbeatReplyMessage): void {
  // Late replies (an older round) and duplicates are dropped.
  if (m.round !== b.round || b.repliedRound[from] === b.round) return;
  if (!b.members.includes(from)) return;
  b.repliedRound[from] = b.round;
  b.replyBallots.push(m.ballot);
  b.replyQc.push(m.quorumConnected);
}

function setQuorumConnected(b: BleState, ctx: Ctx, qc: boolean): void {
  if (b.quorumConnected === qc) return;
  b.quorumConnected = qc;
  ctx.note('qc', qc ? 1 : 0, b.round);
}

/**
 * The round timer fired: decide as in the header, start the next round, and
 * return the newly elected leader's ballot for Sequence Paxos (null when the
 * leader did not change).
 */
export function onRoundEnd(b: BleState, ctx: Ctx): Ballot | null {
  ctx.note('ble-round', b.round, 0);
  let elected: Ballot | null = null;
  if (b.replyBallots.length + 1 >= majorityOf(b.members.length)) {
    setQuorumConnected(b, ctx, true);
    // We are QC in this round, so our own ballot is a candidate.
    let top = b.ballot;
    for (let i = 0; i < b.replyBallots.length; i++) {
      if (b.replyQc[i] && compareBallots(b.replyBallots[i], top) > 0) top = b.replyBallots[i];
    }
    if (b.leader !== null && compareBallots(top, b.leader) < 0) {
      compete(b, ctx, b.leader.n + 1);
    } else if (b.leader === null || !sameBallot(top, b.leader)) {
      b.leader = top;
      b.competing = false;
      elected = top;
    }
  } else {
    setQuorumConnected(b, ctx, false);
  }
  newRound(b, ctx, b.roundUs);
  return elected;
}

/** Raise our ballot to `n` and stand in the next round; we follow nobody until then. */
export function compete(b: BleState, ctx: Ctx, n: number): void {
  b.ballot = makeBallot(n, b.ballot.priority, b.nodeId);
  b.leader = null;
  b.competing = true;
  ctx.note('compete', n, b.round);
}
