/**
 * A shard clerk: a closed-loop client of the sharded key-value store. It
 * routes each operation by key → shard → group from a cached configuration,
 * keeps a leader guess per group, and refreshes its configuration from the
 * controller when a group answers `wrong-group` (or when every server of a
 * group has timed out). `not-ready` (the shard is on its way to that group)
 * is retried at the same server after a short pause. Requests keep their
 * sequence number across retries and groups, and the exactly-once table
 * moves with the shard, so every operation is applied once. Plain data.
 */
import { deriveRng, nextIntInclusive, type Rng } from '../core/prng';
import { key2shard } from '../services/shardctrler/key2shard';
import type { Config, CtrlerReply, CtrlerRequest } from '../services/shardctrler/types';
import { serverEndpoints } from '../sim/topology';
import { defaultClientSettings, nextOp, noLeaderBackoffUs, type ClientSettings } from './clerk';
import { arrivalDelayUs, collectArrivals, createArrivals, takeWaiting, type Arrivals } from './workload';
import type { ClientReply, ClientRequest, KvOp } from './messages';

/** Controller client ids of shard clerks (the administrator is 1, replica groups 1_000_000 + …). */
export const shardClerkCtrlClientBase = 2_000_000;
/** Pause before asking again after `wrong-group` or `not-ready`, or while no group owns the shard. */
export const shardRetryPauseUs = noLeaderBackoffUs;

type Next = 'start' | 'resend-next' | 'resend-same' | 'query';

export interface ShardPendingOp {
  seq: number;
  op: KvOp;
  shard: number;
  historyIndex: number;
  attempts: number;
  /** Virtual time of the first `wrong-group` or `not-ready` answer (−1: none). */
  firstRefusalUs: number;
}

export interface ShardClerkState {
  client: number;
  endpoint: number;
  rng: Rng;
  seq: number;
  controllers: number[];
  ctrlClient: number;
  ctrlSeq: number;
  ctrlGuess: number;
  /** The newest configuration this clerk knows (null: none yet). */
  config: Config | null;
  /** The query in flight (its seq), or 0. */
  querying: number;
  /** gid → index of the server believed to lead it. */
  leaderByGid: Record<number, number>;
  /** Servers of the current group tried without an answer since the last configuration refresh. */
  triedInGroup: number;
  pending: ShardPendingOp | null;
  next: Next;
  timerGen: number;
  issued: number;
  retries: number;
  wrongGroup: number;
  notReady: number;
  queries: number;
  /** Open loop: the arrival process and the operations waiting to start (null: closed loop). */
  arrivals: Arrivals | null;
}

export interface ShardClerkIo {
  nowUs: number;
  send(from: number, to: number, msg: ClientRequest | CtrlerRequest): void;
  setTimer(endpoint: number, delayUs: number, gen: number): void;
  /** Open loop: the arrival timer (timer id 1). */
  setArrivalTimer(endpoint: number, delayUs: number, gen: number): void;
  invoke(client: number, op: KvOp, shard: number, nowUs: number): number;
  complete(historyIndex: number, value: string | null, nowUs: number, firstRefusalUs: number): void;
}

export function createShardClerk(seed: number, client: number, endpoint: number, controllers: readonly number[], s: ClientSettings = defaultClientSettings): ShardClerkState {
  const rng = deriveRng(seed, `client:${client}`);
  const arrivals = s.openLoopOpsPerSecond > 0 ? createArrivals(seed, client, s.openLoopOpsPerSecond, s.count, deriveRng) : null;
  return {
    client,
    endpoint,
    rng,
    seq: 0,
    controllers: controllers.slice(),
    ctrlClient: shardClerkCtrlClientBase + client,
    ctrlSeq: 0,
    ctrlGuess: nextIntInclusive(rng, 0, controllers.length - 1),
    config: null,
    querying: 0,
    leaderByGid: {},
    triedInGroup: 0,
    pending: null,
    next: 'start',
    timerGen: 0,
    issued: 0,
    retries: 0,
    wrongGroup: 0,
    notReady: 0,
    queries: 0,
    arrivals,
  };
}

function arm(clerk: ShardClerkState, io: ShardClerkIo, delayUs: number, next: Next): void {
  clerk.timerGen++;
  clerk.next = next;
  io.setTimer(clerk.endpoint, delayUs, clerk.timerGen);
}

function query(clerk: ShardClerkState, s: ClientSettings, io: ShardClerkIo): void {
  clerk.querying = ++clerk.ctrlSeq;
  clerk.queries++;
  io.send(clerk.endpoint, clerk.controllers[clerk.ctrlGuess], { type: 'CtrlerRequest', client: clerk.ctrlClient, seq: clerk.querying, op: { kind: 'query', num: -1 } });
  arm(clerk, io, s.requestTimeoutUs, 'query');
}

function groupServers(config: Config, gid: number): number[] {
  return serverEndpoints(config.groups[gid]);
}

/** Send the pending operation to the group that owns its shard, or learn the configuration first. */
function send(clerk: ShardClerkState, s: ClientSettings, io: ShardClerkIo): void {
  const p = clerk.pending as ShardPendingOp;
  const config = clerk.config;
  const gid = config === null ? 0 : config.shards[p.shard];
  const servers = config === null ? [] : groupServers(config, gid);
  if (servers.length === 0) {
    // No configuration yet, or nobody owns the shard: ask the controller (again after a pause if it said the same).
    if (config === null) query(clerk, s, io);
    else arm(clerk, io, shardRetryPauseUs, 'query');
    return;
  }
  const guess = (clerk.leaderByGid[gid] ?? 0) % servers.length;
  p.attempts++;
  io.send(clerk.endpoint, servers[guess], { type: 'ClientRequest', client: clerk.client, seq: p.seq, op: p.op });
  arm(clerk, io, s.requestTimeoutUs, 'resend-next');
}

/** Start the next operation (or stop when the clerk has done its share); open loop: invoked at its arrival. */
export function shardClerkStart(clerk: ShardClerkState, s: ClientSettings, io: ShardClerkIo, shardCount: number, invokeUs = io.nowUs): void {
  if (s.opsPerClient > 0 && clerk.issued >= s.opsPerClient) return;
  clerk.seq++;
  clerk.issued++;
  const op = nextOp(clerk, s, shardCount);
  const shard = key2shard(op.key, shardCount);
  clerk.pending = { seq: clerk.seq, op, shard, historyIndex: io.invoke(clerk.client, op, shard, invokeUs), attempts: 0, firstRefusalUs: -1 };
  clerk.triedInGroup = 0;
  send(clerk, s, io);
}

/** Open loop: start the oldest waiting operation if the clerk is free. */
function startWaiting(clerk: ShardClerkState, s: ClientSettings, io: ShardClerkIo, shardCount: number): void {
  const arrivedUs = takeWaiting(clerk.arrivals as Arrivals, clerk.pending !== null);
  if (arrivedUs !== undefined) shardClerkStart(clerk, s, io, shardCount, arrivedUs);
}

/** Open loop: the arrival timer fired. */
export function shardClerkOnArrival(clerk: ShardClerkState, gen: number, s: ClientSettings, io: ShardClerkIo, shardCount: number): void {
  const a = clerk.arrivals;
  if (a === null || gen !== a.gen) return;
  collectArrivals(a, io.nowUs);
  startWaiting(clerk, s, io, shardCount);
  a.gen++;
  io.setArrivalTimer(clerk.endpoint, arrivalDelayUs(a, io.nowUs), a.gen);
}

export function shardClerkOnTimer(clerk: ShardClerkState, gen: number, s: ClientSettings, io: ShardClerkIo, shardCount: number): void {
  if (gen !== clerk.timerGen) return;
  switch (clerk.next) {
    case 'start':
      if (clerk.pending === null && clerk.arrivals === null) shardClerkStart(clerk, s, io, shardCount);
      return;
    case 'query':
      if (clerk.querying !== 0) {
        // The controller did not answer in time: try the next replica.
        clerk.retries++;
        clerk.ctrlGuess = (clerk.ctrlGuess + 1) % clerk.controllers.length;
      }
      query(clerk, s, io);
      return;
    case 'resend-same':
      if (clerk.pending !== null) send(clerk, s, io);
      return;
    case 'resend-next': {
      if (clerk.pending === null || clerk.config === null) return;
      clerk.retries++;
      const gid = clerk.config.shards[clerk.pending.shard];
      const servers = groupServers(clerk.config, gid);
      clerk.leaderByGid[gid] = ((clerk.leaderByGid[gid] ?? 0) + 1) % Math.max(1, servers.length);
      // Every server of the group tried: the shard may have moved; refresh the configuration.
      if (++clerk.triedInGroup >= servers.length) {
        clerk.triedInGroup = 0;
        query(clerk, s, io);
      } else send(clerk, s, io);
      return;
    }
  }
}

function onCtrlerReply(clerk: ShardClerkState, reply: CtrlerReply, s: ClientSettings, io: ShardClerkIo): void {
  if (reply.client !== clerk.ctrlClient || reply.seq !== clerk.querying) return;
  if (reply.status === 'not-leader') {
    if (reply.leaderHint >= 0 && reply.leaderHint < clerk.controllers.length && reply.leaderHint !== clerk.ctrlGuess) {
      clerk.ctrlGuess = reply.leaderHint;
      query(clerk, s, io);
    } else arm(clerk, io, noLeaderBackoffUs, 'query');
    return;
  }
  clerk.querying = 0;
  if (reply.config !== null && (clerk.config === null || reply.config.num >= clerk.config.num)) clerk.config = reply.config;
  if (clerk.pending !== null) send(clerk, s, io);
  else if (clerk.arrivals === null) arm(clerk, io, s.thinkTimeUs > 0 ? s.thinkTimeUs : shardRetryPauseUs, 'start'); // never below the worker host's lookahead
}

function onKvReply(clerk: ShardClerkState, reply: ClientReply, s: ClientSettings, io: ShardClerkIo, shardCount: number): void {
  const p = clerk.pending;
  if (p === null || reply.seq !== p.seq) return; // a late answer to an earlier operation
  // While the configuration is being refreshed only a success counts (a late answer to an earlier attempt).
  if (reply.status !== 'ok' && clerk.querying !== 0) return;
  const config = clerk.config as Config;
  const gid = config.shards[p.shard];
  switch (reply.status) {
    case 'not-leader': {
      const servers = groupServers(config, gid);
      if (reply.leaderHint >= 0 && reply.leaderHint < servers.length && reply.leaderHint !== clerk.leaderByGid[gid]) {
        clerk.retries++;
        clerk.leaderByGid[gid] = reply.leaderHint;
        send(clerk, s, io);
      } else arm(clerk, io, Math.min(s.requestTimeoutUs, noLeaderBackoffUs), 'resend-next');
      return;
    }
    case 'wrong-group':
      clerk.wrongGroup++;
      if (p.firstRefusalUs < 0) p.firstRefusalUs = io.nowUs;
      // The group is not the owner (in its own configuration): learn the newest configuration after a pause.
      arm(clerk, io, shardRetryPauseUs, 'query');
      return;
    case 'not-ready':
      clerk.notReady++;
      if (p.firstRefusalUs < 0) p.firstRefusalUs = io.nowUs;
      arm(clerk, io, shardRetryPauseUs, 'resend-same');
      return;
    case 'ok':
      io.complete(p.historyIndex, reply.value, io.nowUs, p.firstRefusalUs);
      clerk.pending = null;
      if (clerk.arrivals !== null) {
        // Open loop: void the request timer; the next operation is the oldest one that has arrived, if any.
        clerk.timerGen++;
        startWaiting(clerk, s, io, shardCount);
      } else if (s.thinkTimeUs > 0) arm(clerk, io, s.thinkTimeUs, 'start');
      else shardClerkStart(clerk, s, io, shardCount);
      return;
  }
}

export function shardClerkOnReply(clerk: ShardClerkState, reply: ClientReply | CtrlerReply, s: ClientSettings, io: ShardClerkIo, shardCount: number): void {
  if (reply.type === 'CtrlerReply') onCtrlerReply(clerk, reply, s, io);
  else onKvReply(clerk, reply, s, io, shardCount);
}
