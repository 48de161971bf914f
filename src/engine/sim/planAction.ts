/**
 * Actions on the coordinator's side: the part of an operator action that the
 * scheduler itself carries out (tracing it, changing the network, numbering
 * a proposal, handing a request to the shard administrator) and what is left
 * for a host to do on a node. Both hosts call `planAction` the same way.
 */
import type { Command, ProtocolInput } from '../protocols/contract';
import type { CtrlerOp } from '../services/shardctrler/types';
import type { Action } from './actions';
import { currentLeader, type CoordinatorState } from './coordinator';
import { healAll, isolate, partition, setLinkSettings, setLinkUp } from './network';
import { serverName } from './topology';
import { TraceKind, record, type Journal } from './trace';

/** Apply an action that only changes the network; returns false for other actions. */
export function applyNetworkAction(c: CoordinatorState, action: Action): boolean {
  const net = c.network;
  switch (action.type) {
    case 'cut':
      setLinkUp(net, action.from, action.to, false, action.bothWays);
      return true;
    case 'heal':
      setLinkUp(net, action.from, action.to, true, action.bothWays);
      return true;
    case 'isolate':
      isolate(net, action.node);
      return true;
    case 'partition':
      partition(net, action.groups);
      return true;
    case 'healAll':
      healAll(net);
      return true;
    case 'setNetwork': {
      const { from, to, latencyMinUs, latencyMaxUs, lossRatio, duplicateRatio } = action;
      setLinkSettings(net, from, to, { latencyMinUs, latencyMaxUs, lossRatio, duplicateRatio });
      return true;
    }
    default:
      return false;
  }
}

export function traceAction(c: CoordinatorState, journal: Journal, action: Action, label: string): void {
  const node = 'node' in action && typeof action.node === 'number' ? action.node : 'from' in action && typeof action.from === 'number' ? action.from : -1;
  const peer = 'to' in action && typeof action.to === 'number' ? action.to : 'target' in action && typeof action.target === 'number' ? action.target : -1;
  record(c.trace, journal, TraceKind.action, c.nowUs, node, peer, label, 0, 0);
}

/** The controller operation a `shardctl` action asks for; a joining group brings the names of its servers. */
export function ctrlerOpOf(c: CoordinatorState, action: Extract<Action, { type: 'shardctl' }>): CtrlerOp {
  if (action.op === 'move') return { kind: 'move', shard: action.shard ?? 0, gid: action.gids[0] };
  if (action.op === 'leave') return { kind: 'leave', gids: action.gids.slice() };
  const servers: Record<number, string[]> = {};
  for (const gid of action.gids) servers[gid] = [];
  for (let node = 0; node < c.nodeCount; node++) servers[c.groupOf[node]]?.push(serverName(node));
  return { kind: 'join', servers };
}

/** What a host must do on its nodes to carry out an action (the network part is already done). */
export type NodeOperation =
  | { op: 'none' }
  | { op: 'crash'; node: number }
  | { op: 'boot'; node: number }
  | { op: 'input'; node: number; input: ProtocolInput<unknown> }
  /** Sharded worlds: hand a request to the administrator's controller clerk. */
  | { op: 'admin'; request: CtrlerOp };

/**
 * Apply the coordinator's part of an action (trace it, change the network,
 * number a proposal) and say what remains to be done on a node.
 */
export function planAction(c: CoordinatorState, journal: Journal, action: Action, label: string): NodeOperation {
  // Proposals are client traffic, traced as `propose` records below; every other action is a mark on the timeline.
  if (action.type !== 'propose') traceAction(c, journal, action, label);
  if (applyNetworkAction(c, action)) {
    c.networkVersion++;
    return { op: 'none' };
  }
  switch (action.type) {
    case 'crash':
      if (!c.up[action.node]) return { op: 'none' };
      c.up[action.node] = false;
      return { op: 'crash', node: action.node };
    case 'restart':
      if (c.up[action.node]) return { op: 'none' };
      c.up[action.node] = true;
      c.appliedIndex[action.node] = 0;
      return { op: 'boot', node: action.node };
    case 'propose': {
      const target = action.node ?? currentLeader(c);
      const commandId = ++c.commandCounter;
      c.stats.proposals++;
      c.lastProposal = { commandId, node: target ?? -1, accepted: null, leaderHint: -1 };
      journal.proposedAtUs[commandId] = c.nowUs;
      if (target === null || !c.up[target]) {
        c.lastProposal.accepted = false;
        c.stats.proposalsRefused++;
        record(c.trace, journal, TraceKind.propose, c.nowUs, -1, -1, label, commandId, action.bytes);
        return { op: 'none' };
      }
      const command: Command = Object.freeze({ id: commandId, body: action.body, bytes: action.bytes });
      record(c.trace, journal, TraceKind.propose, c.nowUs, target, -1, 'propose', commandId, action.bytes);
      return { op: 'input', node: target, input: { kind: 'propose', command } };
    }
    case 'control':
      if (!c.up[action.node]) return { op: 'none' };
      return { op: 'input', node: action.node, input: { kind: 'control', action: action.action, target: action.target } };
    case 'shardctl':
      return { op: 'admin', request: ctrlerOpOf(c, action) };
    default:
      throw new Error(`unhandled action ${action.type}`);
  }
}
