/**
 * The OmniPaxos server: Ballot Leader Election and Sequence Paxos side by
 * side, plus the configuration sequence. This file only routes inputs and
 * carries the one hand-off, BLE's elected ballot to `handleLeader`. It also
 * announces the role and ballot number for the trace:
 * `note('role', code, n)` (follower 0, candidate 2, leader 3) and
 * `note('term', n, 0)` where n is the higher of our BLE ballot number and our
 * promise's, i.e. the ballot number this server currently serves.
 *
 * Where this differs from the paper (Ng, Haridi, Carbone, EuroSys 2023), and why:
 * - Links here lose, duplicate and reorder messages; the paper's are FIFO
 *   sessions (TCP). So a leader message that arrives ahead of its turn waits
 *   in a bounded buffer, and a gap in the sequence numbers counts as a loss
 *   (PrepareReq, full re-sync) only when it outlives a retransmission tick
 *   (follower.ts). An AcceptSync counts only if its session is newer than
 *   any accepted (a late duplicate answers an older promise).
 * - A retransmission tick (`resendIntervalUs`) resends what the paper's TCP
 *   would have delivered: Prepare to servers that have not promised, the
 *   last Promise, PrepareReq while recovering; a leader re-syncs a follower
 *   whose accepts went unanswered for two ticks, and a follower asks for a
 *   re-sync when its leader fell silent with entries still undecided (the
 *   OmniPaxos library's resend timeout does the first three).
 * - A restarted server starts its BLE ballot at 0 with its stored promise as
 *   leader (as the OmniPaxos library does), so it never leads again with a
 *   ballot it already used: it competes above it. As a safety net, a server
 *   that BLE elects with a ballot not above its promise competes above it.
 * - Entries carry the ballot number of the round that appended them: it is
 *   the `term` the service and the simulator's cross-node checks receive.
 * - Reconfiguration keeps one index space: the new configuration's log
 *   continues after the StopSign. See reconfig.ts and pull.ts.
 */
import type { Command, Durable, NodeId, ProtocolInput, StepContext } from '../contract';
import { isNoBallot } from './ballot';
import { compete, createBle, onHeartbeatReply, onHeartbeatRequest, onRoundEnd, startBle } from './ble';
import { takeSnapshot } from './log';
import { checkOptions, defaultOmniPaxosOptions, priorityOf } from './options';
import { onPullReply, onPullRequest, pullTick, resumePull } from './pull';
import { afterDecisions, onNewConfig, proposeReconfiguration, tellNewerConfig } from './reconfig';
import { createSp, handleLeader, onSpMessage, propose, spTick, startSp } from './sequencePaxos';
import { estimateBytes, persistIncarnation, recover, syncIfNeeded } from './storage';
import { RoleCode, TimerId, type Configuration, type OmniPaxosMessage, type OmniPaxosOptions, type OmniPaxosState, type RoleCodeValue } from './types';

type Ctx = StepContext<OmniPaxosMessage>;

function initialConfiguration(o: OmniPaxosOptions, nodeCount: number): Configuration {
  const nodes = o.initialConfiguration === null ? Array.from({ length: nodeCount }, (_, i) => i) : [...o.initialConfiguration].sort((a, b) => a - b);
  return Object.freeze({ id: 1, nodes: Object.freeze(nodes), previousNodes: Object.freeze([]), stopSignIdx: 0, stopSignN: 0 });
}

export function createOmniPaxos(nodeId: NodeId, nodeCount: number, options: OmniPaxosOptions, durable: Durable | null, ctx: Ctx): OmniPaxosState {
  const o: OmniPaxosOptions = { ...defaultOmniPaxosOptions(), ...options };
  checkOptions(o, nodeCount);
  const r = recover(durable);
  const config = r.config ?? initialConfiguration(o, nodeCount);
  const member = config.nodes.includes(nodeId);
  const sp = createSp({ nodeId, nodeCount, config, maxEntriesPerAccept: o.maxEntriesPerAccept, maxPendingProposals: o.maxPendingProposals, recovered: r });
  const recovering = !isNoBallot(r.promise);
  const s: OmniPaxosState = {
    nodeId,
    nodeCount,
    options: o,
    incarnation: r.incarnation + 1,
    mode: member ? 'active' : config.previousNodes.includes(nodeId) ? 'retired' : 'idle',
    config,
    // A recovering server starts its own ballot below the leader it remembers (its promise), so that
    // it cannot keep leading with the ballot it had before the crash: it competes above it instead.
    ble: createBle({
      nodeId,
      nodeCount,
      configId: config.id,
      members: config.nodes,
      ballotN: recovering ? 0 : config.stopSignN + 1,
      priority: priorityOf(o, nodeId),
      leader: recovering ? r.promise : null,
      roundUs: o.electionTimeoutUs,
    }),
    sp,
    pull: null,
    notedRole: RoleCode.follower,
    notedTerm: 0,
  };
  persistIncarnation(sp, ctx, s.incarnation);
  const pulling = r.pullTarget !== null && r.pullTarget.id > config.id;
  startSp(sp, ctx, s.mode === 'active' && !pulling);
  if (r.pullTarget !== null && pulling) {
    // We crashed while pulling: we left the old configuration for good, so we pull again.
    resumePull(s, ctx, r.pullTarget, -1);
  } else if (s.mode === 'active') {
    // BLE sends directly; what Sequence Paxos wrote must be durable first (as before every send).
    syncIfNeeded(sp, ctx);
    startBle(s.ble, ctx);
    ctx.setTimer(TimerId.resend, o.resendIntervalUs);
  }
  afterDecisions(s, ctx);
  ctx.note('role', RoleCode.follower, termOf(s));
  s.notedTerm = termOf(s);
  syncIfNeeded(sp, ctx);
  return s;
}

export function stepOmniPaxos(s: OmniPaxosState, input: ProtocolInput<OmniPaxosMessage>, ctx: Ctx): void {
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
  afterDecisions(s, ctx);
  publish(s, ctx);
  syncIfNeeded(s.sp, ctx);
}

function onMessage(s: OmniPaxosState, ctx: Ctx, from: NodeId, m: OmniPaxosMessage): void {
  switch (m.type) {
    case 'PullRequest':
      onPullRequest(s, ctx, from, m);
      return;
    case 'PullReply':
      onPullReply(s, ctx, m);
      return;
    case 'NewConfig':
      onNewConfig(s, ctx, from, m);
      return;
    default:
      break;
  }
  if (m.config !== s.config.id) {
    if (m.config < s.config.id) tellNewerConfig(s, ctx, from);
    else if (m.type === 'HeartbeatRequest' && s.mode !== 'pulling') {
      syncIfNeeded(s.sp, ctx);
      onHeartbeatRequest(s.ble, ctx, from, m);
    }
    return;
  }
  if (s.mode !== 'active') return;
  switch (m.type) {
    case 'HeartbeatRequest':
      syncIfNeeded(s.sp, ctx);
      onHeartbeatRequest(s.ble, ctx, from, m);
      return;
    case 'HeartbeatReply':
      onHeartbeatReply(s.ble, from, m);
      return;
    default:
      onSpMessage(s.sp, ctx, from, m);
  }
}

function onTimer(s: OmniPaxosState, ctx: Ctx, timerId: number): void {
  if (timerId === TimerId.bleRound) {
    if (s.mode !== 'active') return;
    syncIfNeeded(s.sp, ctx);
    const elected = onRoundEnd(s.ble, ctx);
    if (elected !== null && !handleLeader(s.sp, ctx, elected) && elected.pid === s.nodeId) {
      // Elected with a ballot we already promised (to ourselves before a crash, or to a leader whose
      // heartbeats never reached us): leading needs a higher ballot, so compete above the promise.
      compete(s.ble, ctx, Math.max(s.sp.promise.n, s.ble.ballot.n) + 1);
    }
    return;
  }
  if (timerId !== TimerId.resend) return;
  if (s.mode === 'active') spTick(s.sp, ctx);
  else if (s.mode === 'pulling') pullTick(s, ctx);
  else return;
  ctx.setTimer(TimerId.resend, s.options.resendIntervalUs);
}

function onPropose(s: OmniPaxosState, ctx: Ctx, command: Command): void {
  if (s.mode !== 'active') {
    ctx.proposalResult(command.id, false, null);
    return;
  }
  propose(s.sp, ctx, command, s.ble.leader === null ? null : s.ble.leader.pid);
}

function onControl(s: OmniPaxosState, ctx: Ctx, action: string, target: NodeId | null): void {
  if (action === 'reconfigure') proposeReconfiguration(s, ctx, target);
  else ctx.note('control-ignored', target ?? -1, 0);
}

/** The service snapshotted through `index` (decided): keep the snapshot and trim what the leader allowed. */
export function compactOmniPaxos(s: OmniPaxosState, index: number, data: unknown, ctx: Ctx): void {
  takeSnapshot(s.sp, ctx, index, data, estimateBytes(data));
  syncIfNeeded(s.sp, ctx);
}

/** The ballot number this server serves: its own BLE ballot while competing or leading, its promise otherwise. */
export function termOf(s: OmniPaxosState): number {
  return Math.max(s.ble.ballot.n, s.sp.promise.n);
}

export function roleCodeOf(s: OmniPaxosState): RoleCodeValue {
  if (s.mode !== 'active') return RoleCode.follower;
  if (s.sp.role === 'leader') return RoleCode.leader;
  return s.ble.competing ? RoleCode.candidate : RoleCode.follower;
}

/** Announce role and ballot-number changes (see the header). */
function publish(s: OmniPaxosState, ctx: Ctx): void {
  const term = termOf(s);
  const role = roleCodeOf(s);
  const termChanged = term !== s.notedTerm;
  if (termChanged) ctx.note('term', term, 0);
  if (role !== s.notedRole || (termChanged && role === RoleCode.leader)) ctx.note('role', role, term);
  s.notedTerm = term;
  s.notedRole = role;
}
