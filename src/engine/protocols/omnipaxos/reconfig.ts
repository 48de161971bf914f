/**
 * Reconfiguration with a StopSign (§6 of the paper), and how a server joins.
 *
 * - `reconfigure` (operator control, at the leader) proposes a StopSign that
 *   replaces one server of the configuration with `target`, a node outside
 *   it. The replaced server is the follower that accepted least in this round
 *   (ties: the lowest id), i.e. the slowest or a crashed one.
 * - The StopSign is an ordinary log entry; nothing may follow it. Once it is
 *   decided, the configuration is sealed. A server of the old configuration
 *   that is in the new one starts the new configuration right there: a fresh
 *   Sequence Paxos instance (promise and accepted round reset) over the same
 *   log, which continues at the index after the StopSign, and a fresh BLE
 *   whose ballots start above the StopSign's ballot number. A server that is
 *   not in the new configuration retires; it keeps serving its log.
 * - The leader that decided the StopSign sends NewConfig to every server
 *   involved. Any server of a newer configuration also answers a message of
 *   an older one with NewConfig, and a server that sees a heartbeat of a newer
 *   configuration answers it with its older one, so a lagging or new server
 *   always learns of the change within a BLE round.
 * - A server that learns of a configuration it belongs to but lacks its
 *   sealed log pulls it first (pull.ts); only then does it start BLE and
 *   Sequence Paxos there, so a server without the log can never be elected.
 *
 * Notes: `stopsign` (a = new configuration id, b = replaced node),
 * `reconfigured` (a = configuration id, b = 1 if a member else 0),
 * `control-ignored` (a = target, b = reason: 1 not the leader, 2 bad target,
 * 3 nobody to replace, 4 already sealed).
 */
import { assert, fail } from '../../core/assert';
import type { NodeId, StepContext } from '../contract';
import { noBallot } from './ballot';
import { createBle, startBle, stopBle } from './ble';
import { stepDown } from './follower';
import { proposeStopSign } from './leader';
import { entryAt, lastIndex } from './log';
import { priorityOf } from './options';
import { startPull } from './pull';
import { persistAcceptedRound, persistConfig, persistPromise, persistPullTarget, persistTruncate, send, syncIfNeeded } from './storage';
import { TimerId, type Configuration, type NewConfigMessage, type OmniPaxosMessage, type OmniPaxosState } from './types';

type Ctx = StepContext<OmniPaxosMessage>;

/** Operator control at the leader: seal this configuration with a StopSign that swaps one follower for `target`. */
export function proposeReconfiguration(s: OmniPaxosState, ctx: Ctx, target: NodeId | null): void {
  const sp = s.sp;
  const ignore = (reason: number) => ctx.note('control-ignored', target ?? -1, reason);
  if (s.mode !== 'active' || sp.role !== 'leader') return ignore(1);
  if (target === null || target < 0 || target >= s.nodeCount || s.config.nodes.includes(target)) return ignore(2);
  let replaced = -1;
  for (const node of s.config.nodes) {
    if (node === s.nodeId) continue;
    if (replaced < 0 || sp.acceptedIdx[node] < sp.acceptedIdx[replaced]) replaced = node;
  }
  if (replaced < 0) return ignore(3);
  const nodes = Object.freeze(
    s.config.nodes
      .filter((node) => node !== replaced)
      .concat([target])
      .sort((a, b) => a - b),
  );
  const stopSign = Object.freeze({ configId: s.config.id + 1, nodes });
  if (!proposeStopSign(sp, ctx, stopSign)) return ignore(4);
  ctx.note('stopsign', stopSign.configId, replaced);
}

function newConfigMessage(config: Configuration): NewConfigMessage {
  return {
    type: 'NewConfig',
    config: config.id,
    nodes: config.nodes,
    previousNodes: config.previousNodes,
    stopSignIdx: config.stopSignIdx,
    stopSignN: config.stopSignN,
  };
}

/** A server of an older configuration wrote to us: tell it about ours, if ours came from a StopSign. */
export function tellNewerConfig(s: OmniPaxosState, ctx: Ctx, to: NodeId): void {
  if (s.config.stopSignIdx === 0 || s.mode === 'pulling' || s.mode === 'idle') return;
  send(s.sp, ctx, to, newConfigMessage(s.config));
}

/** After a step: act on a StopSign that became decided (start the new configuration or retire), or finish a pull. */
export function afterDecisions(s: OmniPaxosState, ctx: Ctx): void {
  const sp = s.sp;
  if (s.mode === 'pulling') {
    sp.decidedStopSignIdx = -1;
    const pull = s.pull;
    assert(pull !== null, 'pulling without a pull');
    if (sp.decidedIdx >= pull.target.stopSignIdx) {
      s.pull = null;
      enterConfiguration(s, ctx, pull.target);
    }
    return;
  }
  if (sp.decidedStopSignIdx < 0) return;
  const index = sp.decidedStopSignIdx;
  sp.decidedStopSignIdx = -1;
  if (s.mode !== 'active') return;
  const entry = entryAt(sp, index);
  if (!(entry.stopSign !== null)) fail(`no StopSign at ${index}`);
  const next: Configuration = Object.freeze({
    id: entry.stopSign.configId,
    nodes: entry.stopSign.nodes,
    previousNodes: s.config.nodes,
    stopSignIdx: index,
    stopSignN: entry.n,
  });
  if (sp.role === 'leader') {
    const msg = newConfigMessage(next);
    for (const node of new Set([...next.nodes, ...next.previousNodes])) if (node !== s.nodeId) send(sp, ctx, node, msg);
  }
  enterConfiguration(s, ctx, next);
}

/**
 * Start BLE and a fresh Sequence Paxos instance in `config` (we hold its
 * sealed log, decided through its StopSign), or retire if we are not one of
 * its servers (then whatever we hold of the old log stays, to be served).
 */
function enterConfiguration(s: OmniPaxosState, ctx: Ctx, config: Configuration): void {
  const sp = s.sp;
  const member = config.nodes.includes(s.nodeId);
  if (!(!member || sp.decidedIdx >= config.stopSignIdx)) fail(`entering configuration ${config.id} at decided ${sp.decidedIdx} < ${config.stopSignIdx}`);
  stepDown(sp, ctx);
  // Undecided entries belong to the sealed instance and can never be decided now.
  if (lastIndex(sp) > sp.decidedIdx) {
    sp.log.length = sp.decidedIdx - sp.logStart;
    persistTruncate(sp, ctx, sp.log.length);
  }
  s.config = config;
  persistConfig(sp, ctx, config);
  persistPullTarget(sp, ctx, null);
  sp.configId = config.id;
  sp.members = [...config.nodes];
  sp.role = 'follower';
  sp.phase = 'none';
  sp.promise = noBallot;
  sp.acceptedRound = noBallot;
  persistPromise(sp, ctx);
  persistAcceptedRound(sp, ctx);
  sp.leaderPid = -1;
  sp.leaderBallot = noBallot;
  sp.cachedPromise = null;
  sp.pending = [];
  sp.promised.fill(false);
  sp.acceptedIdx.fill(0);
  ctx.note('reconfigured', config.id, member ? 1 : 0);
  if (!member) {
    s.mode = 'retired';
    stopBle(ctx);
    ctx.cancelTimer(TimerId.resend);
    return;
  }
  const wasRunning = s.mode === 'active' || s.mode === 'pulling';
  s.mode = 'active';
  s.ble = createBle({
    nodeId: s.nodeId,
    nodeCount: s.nodeCount,
    configId: config.id,
    members: config.nodes,
    ballotN: config.stopSignN + 1,
    priority: priorityOf(s.options, s.nodeId),
    leader: null,
    roundUs: s.options.electionTimeoutUs,
  });
  syncIfNeeded(sp, ctx);
  startBle(s.ble, ctx);
  if (!wasRunning) ctx.setTimer(TimerId.resend, s.options.resendIntervalUs);
}

/** Someone told us of a newer configuration: join it now, pull the sealed log first, or retire. */
export function onNewConfig(s: OmniPaxosState, ctx: Ctx, from: NodeId, m: NewConfigMessage): void {
  if (m.config <= s.config.id) return;
  if (s.pull !== null && s.pull.target.id >= m.config) return;
  const config: Configuration = Object.freeze({
    id: m.config,
    nodes: m.nodes,
    previousNodes: m.previousNodes,
    stopSignIdx: m.stopSignIdx,
    stopSignN: m.stopSignN,
  });
  const sp = s.sp;
  if (!config.nodes.includes(s.nodeId)) {
    // Not ours: the servers that were in it retire; others just remember it.
    if (s.mode === 'active' || s.mode === 'pulling') {
      s.pull = null;
      enterConfiguration(s, ctx, config);
    }
    return;
  }
  if (sp.decidedIdx >= config.stopSignIdx) {
    s.pull = null;
    enterConfiguration(s, ctx, config);
    return;
  }
  startPull(s, ctx, config, from);
}

