/**
 * A clerk: one closed-loop client of the replicated key-value store. It
 * numbers its requests, remembers which server it believes leads, retries a
 * request that timed out or was refused (with the same sequence number, so
 * the service applies it once), follows "not leader" hints, and records every
 * operation with its invoke and return virtual times for the
 * linearizability checker. Plain data, driven by the coordinator.
 */
import { chance, deriveRng, nextFloat, nextIntInclusive, type Rng } from '../core/prng';
import type { ClientReply, ClientRequest, KvOp } from './messages';
import { arrivalDelayUs, arrivalTickUs, collectArrivals, createArrivals, drawKey, paddedValue, takeWaiting, type Arrivals, type KeyDistribution } from './workload';

export interface ClientSettings {
  /** Number of closed-loop clerks (0: none). */
  count: number;
  /** Keys are k0 … k{keys-1}, chosen by `keyDistribution` (workload.ts). */
  keys: number;
  /** `uniform`; `zipf` (key k with weight 1/(k+1)^zipfSkew); `hot-shards` (a share of operations on the keys of `hotShards`). */
  keyDistribution: KeyDistribution;
  zipfSkew: number;
  /** Sharded store, `hot-shards`: the hot shards, and the share of operations that go to their keys. */
  hotShards: number[];
  hotFraction: number;
  /** Written values are padded to this many bytes (0: as short as they come). */
  valueBytes: number;
  /** Fraction of operations that are Gets. */
  readRatio: number;
  /** Fraction of writes that are Appends (the rest are Puts). */
  appendRatio: number;
  /** Pause between an answer and the next operation. */
  thinkTimeUs: number;
  /** A request unanswered this long is sent again, to the next server. */
  requestTimeoutUs: number;
  /** Stop after this many operations per clerk (0: never stop). */
  opsPerClient: number;
  /** Open loop: operations per virtual second over all clerks, arriving whether or not earlier ones finished (0: closed loop). */
  openLoopOpsPerSecond: number;
}

export const defaultClientSettings: Readonly<ClientSettings> = Object.freeze<ClientSettings>({
  count: 0,
  keys: 5,
  keyDistribution: 'uniform',
  zipfSkew: 0.99,
  hotShards: [],
  hotFraction: 0.8,
  valueBytes: 0,
  readRatio: 0.5,
  appendRatio: 0.7,
  thinkTimeUs: 10_000,
  requestTimeoutUs: 200_000,
  opsPerClient: 0,
  openLoopOpsPerSecond: 0,
});

/** How long a clerk waits before trying another server when nobody knows the leader. */
export const noLeaderBackoffUs = 20_000;

/** The shortest delay a clerk ever sets its timer to (part of the worker host's lookahead). */
export function clerkMinTimerUs(s: ClientSettings): number {
  return Math.min(s.thinkTimeUs > 0 ? s.thinkTimeUs : Infinity, noLeaderBackoffUs, s.requestTimeoutUs, s.openLoopOpsPerSecond > 0 ? arrivalTickUs : Infinity);
}

export interface PendingOp {
  seq: number;
  op: KvOp;
  /** Index of this operation in the run's history. */
  historyIndex: number;
  attempts: number;
}

export interface ClerkState {
  client: number;
  /** The clerk's address on the network (after the replicas). */
  endpoint: number;
  rng: Rng;
  seq: number;
  leaderGuess: number;
  pending: PendingOp | null;
  /** Generation of the clerk's one timer (think time or request timeout). */
  timerGen: number;
  issued: number;
  retries: number;
  /** Open loop: the arrival process and the operations waiting to start (null: closed loop). */
  arrivals: Arrivals | null;
}

/** What a clerk asks of the simulator. */
export interface ClerkIo {
  nowUs: number;
  send(from: number, to: number, msg: ClientRequest): void;
  setTimer(endpoint: number, delayUs: number, gen: number): void;
  /** Open loop: the arrival timer (timer id 1). */
  setArrivalTimer(endpoint: number, delayUs: number, gen: number): void;
  /** A new operation starts; returns its history index. */
  invoke(client: number, op: KvOp, nowUs: number): number;
  /** The operation at `historyIndex` returned with `value`. */
  complete(historyIndex: number, value: string | null, nowUs: number): void;
}

export function createClerk(seed: number, client: number, nodeCount: number, s: ClientSettings = defaultClientSettings): ClerkState {
  const rng = deriveRng(seed, `client:${client}`);
  const arrivals = s.openLoopOpsPerSecond > 0 ? createArrivals(seed, client, s.openLoopOpsPerSecond, s.count, deriveRng) : null;
  return { client, endpoint: nodeCount + client, rng, seq: 0, leaderGuess: nextIntInclusive(rng, 0, nodeCount - 1), pending: null, timerGen: 0, issued: 0, retries: 0, arrivals };
}

function arm(clerk: ClerkState, io: ClerkIo, delayUs: number): void {
  clerk.timerGen++;
  io.setTimer(clerk.endpoint, delayUs, clerk.timerGen);
}

/** A closed-loop clerk's next operation, drawn from its own stream (shared by the key-value and shard clerks). */
export function nextOp(clerk: { rng: Rng; client: number; seq: number }, s: ClientSettings, shardCount = 0): KvOp {
  const key = drawKey(clerk.rng, s, shardCount);
  if (nextFloat(clerk.rng) < s.readRatio) return { kind: 'get', key };
  // Values are unique per operation so that a history pins down which write a read saw.
  const value = paddedValue(`${clerk.client}.${clerk.seq} `, s.valueBytes);
  return chance(clerk.rng, s.appendRatio) ? { kind: 'append', key, value } : { kind: 'put', key, value };
}

function sendPending(clerk: ClerkState, s: ClientSettings, io: ClerkIo): void {
  const p = clerk.pending as PendingOp;
  p.attempts++;
  io.send(clerk.endpoint, clerk.leaderGuess, { type: 'ClientRequest', client: clerk.client, seq: p.seq, op: p.op });
  arm(clerk, io, s.requestTimeoutUs);
}

/** Start the next operation (or stop when the clerk has done its share); open loop: invoked at its arrival. */
export function clerkStart(clerk: ClerkState, s: ClientSettings, io: ClerkIo, invokeUs = io.nowUs): void {
  if (s.opsPerClient > 0 && clerk.issued >= s.opsPerClient) return;
  clerk.seq++;
  clerk.issued++;
  const op = nextOp(clerk, s);
  clerk.pending = { seq: clerk.seq, op, historyIndex: io.invoke(clerk.client, op, invokeUs), attempts: 0 };
  sendPending(clerk, s, io);
}

/** Open loop: start the oldest waiting operation if the clerk is free. */
function startWaiting(clerk: ClerkState, s: ClientSettings, io: ClerkIo): void {
  const arrivedUs = takeWaiting(clerk.arrivals as Arrivals, clerk.pending !== null);
  if (arrivedUs !== undefined) clerkStart(clerk, s, io, arrivedUs);
}

/** Open loop: the arrival timer fired. */
export function clerkOnArrival(clerk: ClerkState, gen: number, s: ClientSettings, io: ClerkIo): void {
  const a = clerk.arrivals;
  if (a === null || gen !== a.gen) return;
  collectArrivals(a, io.nowUs);
  startWaiting(clerk, s, io);
  a.gen++;
  io.setArrivalTimer(clerk.endpoint, arrivalDelayUs(a, io.nowUs), a.gen);
}

export function clerkOnTimer(clerk: ClerkState, gen: number, s: ClientSettings, nodeCount: number, io: ClerkIo): void {
  if (gen !== clerk.timerGen) return;
  if (clerk.pending === null) {
    if (clerk.arrivals === null) clerkStart(clerk, s, io);
    return;
  }
  // No answer in time: the server may be down or partitioned away; try the next one.
  clerk.retries++;
  clerk.leaderGuess = (clerk.leaderGuess + 1) % nodeCount;
  sendPending(clerk, s, io);
}

export function clerkOnReply(clerk: ClerkState, reply: ClientReply, s: ClientSettings, nodeCount: number, io: ClerkIo): void {
  const p = clerk.pending;
  if (p === null || reply.seq !== p.seq) return; // a late answer to an earlier attempt
  if (reply.status === 'not-leader') {
    if (reply.leaderHint >= 0 && reply.leaderHint !== clerk.leaderGuess) {
      clerk.retries++;
      clerk.leaderGuess = reply.leaderHint;
      sendPending(clerk, s, io);
    } else {
      // Nobody knows the leader (an election is on): back off a little, then the timer tries the next server.
      arm(clerk, io, Math.min(s.requestTimeoutUs, noLeaderBackoffUs));
    }
    return;
  }
  io.complete(p.historyIndex, reply.value, io.nowUs);
  clerk.pending = null;
  if (clerk.arrivals !== null) {
    // Open loop: void the request timer; the next operation is the oldest one that has arrived, if any.
    clerk.timerGen++;
    startWaiting(clerk, s, io);
  } else if (s.thinkTimeUs > 0) arm(clerk, io, s.thinkTimeUs);
  else clerkStart(clerk, s, io);
}
