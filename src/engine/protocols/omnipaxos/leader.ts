/**
 * Sequence Paxos, leader side (§5): the prepare phase (collect promises from a
 * majority and adopt the most up-to-date log), the sync of each follower
 * (AcceptSync from its valid prefix), the steady state (AcceptDecide →
 * Accepted → Decide), re-syncs, trimming, and the leader's retransmission tick.
 *
 * Notes: `prepare` (a = ballot n), `promise-sync` (a = follower, b = entries
 * attached to its promise), `accept-sync` (a = follower, b = entries sent),
 * `resync` (a = follower, b = its accepted index), `trim` (log.ts).
 */
import { assert, fail } from '../../core/assert';
import type { Command, NodeId, StepContext } from '../contract';
import { compareBallots, sameBallot } from './ballot';
import { majorityOf } from './ble';
import { commitDecided, quorumAcceptedIdx, raiseDecided } from './commit';
import { appendEntries, endsWithStopSign, installSnapshot, lastIndex, overwriteFrom, trimLog } from './log';
import { persistAcceptedRound, persistPromise, send, syncIfNeeded } from './storage';
import type { AcceptDecideMessage, AcceptedMessage, Ballot, OmniEntry, OmniPaxosMessage, PrepareMessage, PromiseMessage, SpState, StopSign } from './types';

type Ctx = StepContext<OmniPaxosMessage>;

/** BLE elected us with ballot `n` (above our promise): promise it to ourselves and ask everyone else. */
export function becomeLeader(sp: SpState, ctx: Ctx, n: Ballot): void {
  if (!(n.pid === sp.nodeId)) fail(`n${sp.nodeId + 1} cannot lead with ballot of n${n.pid + 1}`);
  if (!(compareBallots(n, sp.promise) > 0)) fail(`n${sp.nodeId + 1} leads with ballot ${n.n} not above its promise ${sp.promise.n}`);
  sp.role = 'leader';
  sp.phase = 'prepare';
  sp.leaderBallot = n;
  sp.leaderPid = sp.nodeId;
  sp.promise = n;
  persistPromise(sp, ctx);
  sp.promised.fill(false);
  sp.acceptedIdx.fill(0);
  sp.seqOf.fill(0);
  sp.heardSinceTick.fill(false);
  sp.stalledTicksOf.fill(0);
  sp.trimSentIdx = 0;
  sp.decidedAtLastTick = sp.decidedIdx;
  const self = sp.nodeId;
  sp.promised[self] = true;
  sp.promiseRound[self] = sp.acceptedRound;
  sp.promiseAcceptedIdx[self] = lastIndex(sp);
  sp.promiseDecidedIdx[self] = sp.decidedIdx;
  sp.maxPromise = { from: self, acceptedRound: sp.acceptedRound, acceptedIdx: lastIndex(sp), syncIdx: -1, suffix: [], snapshot: null };
  sp.maxPromiseDecidedIdx = sp.decidedIdx;
  ctx.note('prepare', n.n, 0);
  syncIfNeeded(sp, ctx);
  const prepare = prepareMessage(sp);
  for (const peer of sp.members) if (peer !== self) sendPrepare(sp, ctx, peer, prepare);
  if (promisedCount(sp) >= majorityOf(sp.members.length)) onMajorityPromises(sp, ctx);
}

function prepareMessage(sp: SpState): PrepareMessage {
  return {
    type: 'Prepare',
    config: sp.configId,
    n: sp.leaderBallot,
    decidedIdx: sp.decidedIdx,
    acceptedRound: sp.acceptedRound,
    acceptedIdx: lastIndex(sp),
  };
}

function sendPrepare(sp: SpState, ctx: Ctx, to: NodeId, prepare: PrepareMessage): void {
  sp.preparedSinceTick[to] = true;
  send(sp, ctx, to, prepare);
}

function promisedCount(sp: SpState): number {
  let count = 0;
  for (const node of sp.members) if (sp.promised[node]) count++;
  return count;
}

export function isLeading(sp: SpState, n: Ballot): boolean {
  return sp.role === 'leader' && sameBallot(n, sp.leaderBallot);
}

export function onPromise(sp: SpState, ctx: Ctx, from: NodeId, m: PromiseMessage): void {
  if (!isLeading(sp, m.n) || !sp.members.includes(from) || from === sp.nodeId) return;
  sp.promised[from] = true;
  sp.promiseRound[from] = m.acceptedRound;
  sp.promiseAcceptedIdx[from] = m.acceptedIdx;
  sp.promiseDecidedIdx[from] = m.decidedIdx;
  sp.heardSinceTick[from] = true;
  sp.stalledTicksOf[from] = 0;
  ctx.note('promise-sync', from, m.suffix.length);
  if (sp.phase === 'accept') {
    sendAcceptSync(sp, ctx, from);
    return;
  }
  // A follower attaches a suffix only when it is more up to date than we are.
  const max = sp.maxPromise;
  assert(max !== null, 'prepare phase without our own promise');
  if (m.syncIdx >= 0) {
    const cmp = compareBallots(m.acceptedRound, max.acceptedRound);
    if (cmp > 0 || (cmp === 0 && m.acceptedIdx > max.acceptedIdx)) {
      sp.maxPromise = { from, acceptedRound: m.acceptedRound, acceptedIdx: m.acceptedIdx, syncIdx: m.syncIdx, suffix: m.suffix, snapshot: m.snapshot };
    }
  }
  if (m.decidedIdx > sp.maxPromiseDecidedIdx) sp.maxPromiseDecidedIdx = m.decidedIdx;
  if (promisedCount(sp) >= majorityOf(sp.members.length)) onMajorityPromises(sp, ctx);
}

/**
 * A majority promised: adopt the most up-to-date log (highest accepted round,
 * then longest), take the highest decided index seen, accept the whole log in
 * our round, append what was proposed meanwhile, and sync every follower.
 */
function onMajorityPromises(sp: SpState, ctx: Ctx): void {
  const max = sp.maxPromise;
  assert(max !== null, 'majority of promises without our own');
  sp.phase = 'accept';
  if (max.from !== sp.nodeId) {
    if (max.snapshot !== null && max.snapshot.index > sp.decidedIdx) installSnapshot(sp, ctx, max.snapshot);
    overwriteFrom(sp, ctx, max.syncIdx, max.suffix);
  }
  sp.maxPromise = null;
  raiseDecided(sp, ctx, sp.maxPromiseDecidedIdx);
  sp.acceptedRound = sp.leaderBallot;
  persistAcceptedRound(sp, ctx);
  sp.adoptedRound = max.acceptedRound;
  sp.adoptedIdx = lastIndex(sp);
  if (sp.pending.length > 0) {
    if (endsWithStopSign(sp)) ctx.note('proposals-dropped', sp.pending.length, sp.leaderBallot.n);
    else appendEntries(sp, ctx, sp.pending.map((command) => newEntry(sp, command, null)));
    sp.pending = [];
  }
  if (sp.pendingStopSign !== null) {
    if (!endsWithStopSign(sp)) appendEntries(sp, ctx, [newEntry(sp, null, sp.pendingStopSign)]);
    sp.pendingStopSign = null;
  }
  syncIfNeeded(sp, ctx);
  for (const peer of sp.members) if (peer !== sp.nodeId && sp.promised[peer]) sendAcceptSync(sp, ctx, peer);
  commitDecided(sp, ctx);
  maybeDecide(sp, ctx);
}

function newEntry(sp: SpState, command: Command | null, stopSign: StopSign | null): OmniEntry {
  return Object.freeze({ n: sp.leaderBallot.n, command, stopSign });
}

/**
 * Overwrite the follower's log after its valid prefix: everything it accepted
 * in our round, or in the adopted round up to the adopted length; otherwise
 * only its decided prefix. A prefix we trimmed is replaced by our snapshot.
 * Each sync starts a new session of sequence numbers.
 */
function sendAcceptSync(sp: SpState, ctx: Ctx, to: NodeId): void {
  const round = sp.promiseRound[to];
  let valid: number;
  if (sameBallot(round, sp.leaderBallot)) valid = sp.promiseAcceptedIdx[to];
  else if (sameBallot(round, sp.adoptedRound)) valid = Math.min(sp.promiseAcceptedIdx[to], sp.adoptedIdx);
  else valid = sp.promiseDecidedIdx[to];
  let syncIdx = Math.min(valid, lastIndex(sp));
  let snapshot = null;
  if (syncIdx < sp.logStart) {
    snapshot = sp.snapshot;
    if (!(snapshot !== null && snapshot.index >= sp.logStart)) fail(`n${sp.nodeId + 1} trimmed through ${sp.logStart} without a snapshot`);
    syncIdx = snapshot.index;
  }
  const suffix = Object.freeze(sp.log.slice(syncIdx - sp.logStart));
  sp.sessionOf[to]++;
  sp.seqOf[to] = 1;
  ctx.note('accept-sync', to, suffix.length);
  send(sp, ctx, to, {
    type: 'AcceptSync',
    config: sp.configId,
    n: sp.leaderBallot,
    session: sp.sessionOf[to],
    seq: 1,
    decidedIdx: sp.decidedIdx,
    syncIdx,
    suffix,
    snapshot,
  });
}

function sendAcceptDecide(sp: SpState, ctx: Ctx, to: NodeId, entries: readonly OmniEntry[]): void {
  const msg: AcceptDecideMessage = {
    type: 'AcceptDecide',
    config: sp.configId,
    n: sp.leaderBallot,
    session: sp.sessionOf[to],
    seq: ++sp.seqOf[to],
    decidedIdx: sp.decidedIdx,
    entries,
  };
  send(sp, ctx, to, msg);
}

/** Append new entries in our round and send them to every promised follower, in bounded batches. */
function appendAndReplicate(sp: SpState, ctx: Ctx, entries: readonly OmniEntry[]): void {
  const from = lastIndex(sp);
  appendEntries(sp, ctx, entries);
  // Our own copy must be durable before we count it towards a majority.
  syncIfNeeded(sp, ctx);
  const max = sp.maxEntriesPerAccept;
  for (const peer of sp.members) {
    if (peer === sp.nodeId || !sp.promised[peer]) continue;
    if (entries.length <= max) sendAcceptDecide(sp, ctx, peer, entries);
    else for (let k = 0; k < entries.length; k += max) sendAcceptDecide(sp, ctx, peer, Object.freeze(sp.log.slice(from - sp.logStart + k, from - sp.logStart + Math.min(k + max, entries.length))));
  }
  maybeDecide(sp, ctx);
}

/**
 * Client commands at the leader: buffered while preparing (bounded),
 * appended in the accept phase. Returns how many were taken (the rest are
 * refused: the buffer is full, or a StopSign sealed the log).
 */
export function proposeAsLeader(sp: SpState, ctx: Ctx, commands: readonly Command[]): number {
  if (sp.pendingStopSign !== null || endsWithStopSign(sp)) return 0;
  if (sp.phase === 'prepare') {
    const room = Math.max(0, sp.maxPendingProposals - sp.pending.length);
    const taken = Math.min(room, commands.length);
    for (let i = 0; i < taken; i++) sp.pending.push(commands[i]);
    return taken;
  }
  if (!(sp.phase === 'accept')) fail(`leader n${sp.nodeId + 1} in phase ${sp.phase}`);
  const entries = new Array<OmniEntry>(commands.length);
  for (let i = 0; i < commands.length; i++) entries[i] = newEntry(sp, commands[i], null);
  appendAndReplicate(sp, ctx, Object.freeze(entries));
  return commands.length;
}

/** Seal this configuration's log with a StopSign (no entry may follow it). Returns false if already sealed. */
export function proposeStopSign(sp: SpState, ctx: Ctx, stopSign: StopSign): boolean {
  if (sp.pendingStopSign !== null || endsWithStopSign(sp)) return false;
  if (sp.phase === 'prepare') {
    sp.pendingStopSign = stopSign;
    return true;
  }
  appendAndReplicate(sp, ctx, Object.freeze([newEntry(sp, null, stopSign)]));
  return true;
}

export function onAccepted(sp: SpState, ctx: Ctx, from: NodeId, m: AcceptedMessage): void {
  if (!isLeading(sp, m.n) || sp.phase !== 'accept' || !sp.members.includes(from)) return;
  // Accepted messages may arrive out of order; a follower's accepted index in our round never shrinks.
  if (m.acceptedIdx > sp.acceptedIdx[from]) sp.acceptedIdx[from] = m.acceptedIdx;
  sp.heardSinceTick[from] = true;
  sp.stalledTicksOf[from] = 0;
  maybeDecide(sp, ctx);
}

/** Decide whatever a majority accepted in our round; tell every promised follower. */
function maybeDecide(sp: SpState, ctx: Ctx): void {
  if (sp.phase !== 'accept') return;
  if (!raiseDecided(sp, ctx, quorumAcceptedIdx(sp))) return;
  for (const peer of sp.members) {
    if (peer === sp.nodeId || !sp.promised[peer]) continue;
    send(sp, ctx, peer, { type: 'Decide', config: sp.configId, n: sp.leaderBallot, session: sp.sessionOf[peer], seq: ++sp.seqOf[peer], decidedIdx: sp.decidedIdx });
  }
  commitDecided(sp, ctx);
}

/** A follower lost messages or restarted: prepare it again; its promise triggers a fresh AcceptSync. */
export function onPrepareReq(sp: SpState, ctx: Ctx, from: NodeId): void {
  if (sp.role !== 'leader' || !sp.members.includes(from) || from === sp.nodeId) return;
  if (sp.phase === 'accept') sp.promised[from] = false;
  sendPrepare(sp, ctx, from, prepareMessage(sp));
}

/**
 * The leader's retransmission tick: Prepare again to servers that have not
 * promised (unless one just went); re-sync a promised follower that has lagged behind our log for
 * two ticks without a word (its AcceptDecide or Accepted was lost); allow
 * trimming up to what every server accepted.
 */
export function leaderTick(sp: SpState, ctx: Ctx): void {
  const last = lastIndex(sp);
  for (const peer of sp.members) {
    if (peer === sp.nodeId) continue;
    if (!sp.promised[peer]) {
      if (!sp.preparedSinceTick[peer]) sendPrepare(sp, ctx, peer, prepareMessage(sp));
    } else if (sp.phase === 'accept' && sp.acceptedIdx[peer] < last && !sp.heardSinceTick[peer]) {
      if (++sp.stalledTicksOf[peer] >= 2) {
        ctx.note('resync', peer, sp.acceptedIdx[peer]);
        sp.stalledTicksOf[peer] = 0;
        sp.promised[peer] = false;
        sendPrepare(sp, ctx, peer, prepareMessage(sp));
      }
    } else {
      sp.stalledTicksOf[peer] = 0;
    }
    sp.heardSinceTick[peer] = false;
    sp.preparedSinceTick[peer] = false;
  }
  if (sp.phase === 'accept') maybeAllowTrim(sp, ctx);
  sp.decidedAtLastTick = sp.decidedIdx;
}

/**
 * Leader-only trim (§5): up to the smallest index accepted by every server of
 * the configuration, and decided. Sent only once our own snapshot passed the
 * last trim point: every server snapshots at the same cadence, so before that
 * nobody could drop anything anyway.
 */
function maybeAllowTrim(sp: SpState, ctx: Ctx): void {
  if (sp.snapshot === null || sp.snapshot.index <= sp.trimSentIdx) return;
  let minAll = sp.decidedIdx;
  for (const node of sp.members) if (node !== sp.nodeId && sp.acceptedIdx[node] < minAll) minAll = sp.acceptedIdx[node];
  if (minAll <= sp.trimSentIdx) return;
  sp.trimSentIdx = minAll;
  for (const peer of sp.members) {
    if (peer !== sp.nodeId && sp.promised[peer]) send(sp, ctx, peer, { type: 'Trim', config: sp.configId, n: sp.leaderBallot, trimIdx: minAll });
  }
  if (minAll > sp.trimAllowedIdx) sp.trimAllowedIdx = minAll;
  trimLog(sp, ctx);
}
