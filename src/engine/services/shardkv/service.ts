/**
 * The sharded key-value store as a service of one replica group: the state
 * machine (state.ts) plus what a replica does on its node (the group's
 * leader polls the controller, proposes the next configuration, pushes
 * shards it is sending and proposes installs and deletes; every replica
 * answers clerks). See the README for the handoff protocol.
 */
import type { CommittedEntry } from '../../protocols/contract';
import type { ClientReply, ClientRequest } from '../../clients/messages';
import { opBytes } from '../../clients/messages';
import type { Service, ServiceHost, ServiceNode } from '../contract';
import { key2shard } from '../shardctrler/key2shard';
import { awaitReply, createPendingReplies, takeReply, type PendingReplies } from '../pendingReplies';
import { configBytes, isCtrlerMessage, type CtrlerMessage } from '../shardctrler/types';
import { freezeConfig } from '../shardctrler/service';
import { serverEndpoints } from '../../sim/topology';
import { applyShardKvCommand, createShardKvState, hasInstalled, isShardKvCommand, settled, type ShardKvState } from './state';
import { isShardMessage, shardDataBytes, type ShardAck, type ShardKvCommand, type ShardMessage, type ShardOpResult, type ShardPush, type ShardSlot } from './types';

export interface ShardKvOptions {
  gid: number;
  shardCount: number;
  pollIntervalUs: number;
  /** Global endpoints of the controller's replicas. */
  controllers: number[];
  /** Global endpoint of this group's replica 0. */
  groupBase: number;
}

/** Per-replica volatile state: lost on a crash. */
export interface ShardKvVolatile {
  /** command id → the clerk waiting for it. */
  pending: PendingReplies<{ endpoint: number; client: number; seq: number }>;
  /** Sequence number of this replica's controller queries (its client id changes with every boot). */
  ctrlSeq: number;
  ctrlClient: number;
  /** Index into `controllers` of the replica believed to lead the controller. */
  ctrlGuess: number;
  /** The last query was answered. */
  ctrlAnswered: boolean;
  /** What was proposed recently (key → virtual time), so that a retry does not flood the log. */
  recent: Record<string, number>;
}

/** Controller client ids for group replicas: far above the clerks' ids. */
const replicaCtrlClientBase = 1_000_000;

function reply(host: ServiceHost, endpoint: number, msg: ClientReply): void {
  host.send(endpoint, msg);
}

/** Once per `pollIntervalUs × 3` at most for the same proposal. */
function fresh(vol: ShardKvVolatile, host: ServiceHost, key: string, opts: ShardKvOptions): boolean {
  const at = vol.recent[key];
  if (at !== undefined && host.nowUs - at < opts.pollIntervalUs * 3) return false;
  if (Object.keys(vol.recent).length > 256) vol.recent = {};
  vol.recent[key] = host.nowUs;
  return true;
}

function propose(host: ServiceHost, cmd: ShardKvCommand, bytes: number): boolean {
  return host.propose(Object.freeze(cmd), bytes).accepted;
}

function poll(state: ShardKvState, vol: ShardKvVolatile, host: ServiceHost, opts: ShardKvOptions): void {
  if (!settled(state)) return;
  if (!vol.ctrlAnswered) vol.ctrlGuess = (vol.ctrlGuess + 1) % opts.controllers.length;
  vol.ctrlAnswered = false;
  host.send(opts.controllers[vol.ctrlGuess], { type: 'CtrlerRequest', client: vol.ctrlClient, seq: ++vol.ctrlSeq, op: { kind: 'query', num: state.config.num + 1 } });
}

/** Push every shard being sent to every server of its new owner. */
function pushShards(state: ShardKvState, host: ServiceHost): void {
  state.shards.forEach((slot: ShardSlot, shard: number) => {
    if (slot.phase !== 'sending') return;
    const to = state.config.shards[shard];
    const msg: ShardPush = Object.freeze({
      type: 'ShardPush',
      fromGid: state.gid,
      num: slot.num,
      shard,
      data: Object.freeze({ ...(slot.data ?? {}) }),
      sessions: Object.freeze({ ...(slot.sessions ?? {}) }),
    });
    for (const endpoint of serverEndpoints(state.config.groups[to])) host.send(endpoint, msg);
  });
}

function onTick(state: ShardKvState, vol: ShardKvVolatile, host: ServiceHost, opts: ShardKvOptions): void {
  if (!host.isLeader()) return;
  poll(state, vol, host, opts);
  pushShards(state, host);
}

function onClientRequest(state: ShardKvState, vol: ShardKvVolatile, host: ServiceHost, from: number, req: ClientRequest): void {
  const shard = key2shard(req.op.key, state.shardCount);
  const refuse = (status: ClientReply['status'], leaderHint: number) =>
    reply(host, from, { type: 'ClientReply', client: req.client, seq: req.seq, status, value: null, leaderHint, configNum: state.config.num });
  if (state.config.shards[shard] !== state.gid) return refuse('wrong-group', -1);
  const answer = host.propose(Object.freeze({ type: 'op', client: req.client, seq: req.seq, op: req.op }), opBytes(req.op));
  if (!answer.accepted) return refuse('not-leader', answer.leaderHint);
  awaitReply(vol.pending, answer.commandId, { endpoint: from, client: req.client, seq: req.seq });
}

function onCtrlerReply(state: ShardKvState, vol: ShardKvVolatile, host: ServiceHost, msg: CtrlerMessage, opts: ShardKvOptions): void {
  if (msg.type !== 'CtrlerReply' || msg.client !== vol.ctrlClient) return;
  vol.ctrlAnswered = true;
  if (msg.status === 'not-leader') {
    vol.ctrlGuess = msg.leaderHint >= 0 && msg.leaderHint < opts.controllers.length ? msg.leaderHint : (vol.ctrlGuess + 1) % opts.controllers.length;
    return;
  }
  const config = msg.config;
  if (config === null || config.num !== state.config.num + 1 || !settled(state) || !host.isLeader()) return;
  if (!fresh(vol, host, `c${config.num}`, opts)) return;
  // A configuration that came through a structured clone (worker host) is frozen again before it enters the log.
  const frozen = Object.isFrozen(config) ? config : freezeConfig(config.num, config.shards, config.groups);
  propose(host, { type: 'config', config: frozen }, configBytes(frozen));
}

function onShardMessage(state: ShardKvState, vol: ShardKvVolatile, host: ServiceHost, from: number, msg: ShardMessage, opts: ShardKvOptions): void {
  if (msg.type === 'ShardPush') {
    if (hasInstalled(state, msg.shard, msg.num)) {
      const ack: ShardAck = { type: 'ShardAck', gid: state.gid, num: msg.num, shard: msg.shard };
      host.send(from, ack);
      return;
    }
    const slot = state.shards[msg.shard];
    if (state.config.num !== msg.num || slot === undefined || slot.phase !== 'receiving' || !host.isLeader()) return;
    if (!fresh(vol, host, `i${msg.num}.${msg.shard}`, opts)) return;
    propose(host, { type: 'install', num: msg.num, shard: msg.shard, data: msg.data, sessions: msg.sessions }, 32 + shardDataBytes(msg.data, msg.sessions));
    return;
  }
  const slot = state.shards[msg.shard];
  if (state.config.num !== msg.num || slot === undefined || slot.phase !== 'sending' || slot.num !== msg.num || !host.isLeader()) return;
  if (!fresh(vol, host, `d${msg.num}.${msg.shard}`, opts)) return;
  propose(host, { type: 'delete', num: msg.num, shard: msg.shard }, 24);
}

function shardKvNode(opts: ShardKvOptions): ServiceNode<ShardKvState, ShardKvVolatile> {
  return {
    minTimerDelayUs: opts.pollIntervalUs,
    createVolatile: () => ({ pending: createPendingReplies(), ctrlSeq: 0, ctrlClient: 0, ctrlGuess: 0, ctrlAnswered: true, recent: {} }),
    onBoot(_state, vol, host) {
      // A new client id per boot: the controller's exactly-once table must not mistake new queries for old ones.
      vol.ctrlClient = replicaCtrlClientBase + host.endpoint * 10_000 + host.incarnation;
      vol.ctrlGuess = host.localId % opts.controllers.length;
      host.setTimer(opts.pollIntervalUs);
    },
    onTimer(state, vol, host) {
      host.setTimer(opts.pollIntervalUs);
      onTick(state, vol, host, opts);
    },
    onMessage(state, vol, host, from, msg) {
      if (isShardMessage(msg)) onShardMessage(state, vol, host, from, msg, opts);
      else if (isCtrlerMessage(msg)) onCtrlerReply(state, vol, host, msg, opts);
      else if ((msg as { type?: unknown } | null)?.type === 'ClientRequest') onClientRequest(state, vol, host, from, msg as ClientRequest);
    },
    onApplied(state, vol, host, entry, result) {
      if (entry.command === null) return;
      const waiting = takeReply(vol.pending, entry.command.id);
      if (waiting !== undefined) {
        const r = result as ShardOpResult | null;
        if (r !== null) reply(host, waiting.endpoint, { type: 'ClientReply', client: r.client, seq: r.seq, status: r.status, value: r.value, leaderHint: host.localId, configNum: r.num });
      }
      // A new configuration: start pushing and ask for the next one at once instead of at the next tick.
      const body = entry.command.body as ShardKvCommand;
      if ((body.type === 'config' || body.type === 'install' || body.type === 'delete') && host.isLeader()) {
        if (body.type === 'config') pushShards(state, host);
        if (settled(state)) poll(state, vol, host, opts);
      }
    },
  };
}

function copySlot(slot: ShardSlot): ShardSlot {
  return { phase: slot.phase, num: slot.num, data: slot.data === null ? null : { ...slot.data }, sessions: slot.sessions === null ? null : { ...slot.sessions } };
}

export function createShardKvService(opts: ShardKvOptions): Service<ShardKvState> {
  return {
    name: 'shardkv',
    create: () => createShardKvState(opts.gid, opts.shardCount),
    apply(state: ShardKvState, entry: CommittedEntry): ShardOpResult | null {
      if (entry.command === null) return null;
      const body = entry.command.body;
      return isShardKvCommand(body) ? applyShardKvCommand(state, body) : null;
    },
    snapshot: (state: ShardKvState) => Object.freeze({ ...state, shards: state.shards.map(copySlot), lastOwner: state.lastOwner.slice(), deletedNum: state.deletedNum.slice() }),
    restore(data: unknown): ShardKvState {
      const s = data as ShardKvState;
      const config = Object.isFrozen(s.config) ? s.config : freezeConfig(s.config.num, s.config.shards, s.config.groups);
      return { ...s, config, shards: s.shards.map(copySlot), lastOwner: s.lastOwner.slice(), deletedNum: s.deletedNum.slice() };
    },
    sizeBytes(state: ShardKvState): number {
      let bytes = 64 + configBytes(state.config);
      for (const slot of state.shards) if (slot.data !== null) bytes += shardDataBytes(slot.data, slot.sessions ?? {});
      return bytes;
    },
    node: shardKvNode(opts) as ServiceNode<ShardKvState, unknown>,
  };
}


