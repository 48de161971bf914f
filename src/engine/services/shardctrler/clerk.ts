/**
 * A shard-controller clerk: the client that administrators (Join, Leave,
 * Move) and replica groups (Query, polling for the next configuration) use
 * to talk to the replicated controller. It mirrors the key-value clerk
 * (src/engine/clients/clerk.ts): a client id and per-request sequence
 * numbers, a guess of which replica leads, a retry with the same sequence
 * number on a timeout (to the next replica) so that the controller applies
 * the request once, and "not leader" hints followed at once.
 *
 * Unlike the key-value clerk it does not invent its own operations: callers
 * submit them, and they run one at a time in submission order. It owns no
 * timers and does no I/O; the simulator calls these functions and carries
 * out what the clerk asks of it through `CtrlerClerkIo`. Plain data.
 */
import { deriveRng, nextIntInclusive } from '../../core/prng';
import type { CtrlerOp, CtrlerReply, CtrlerRequest } from './types';

export interface CtrlerClerkSettings {
  /** A request unanswered this long is sent again, to the next replica. */
  requestTimeoutUs: number;
  /** How long to wait before trying another replica when nobody knows the leader. */
  noLeaderBackoffUs: number;
}

export const defaultCtrlerClerkSettings: Readonly<CtrlerClerkSettings> = Object.freeze({
  requestTimeoutUs: 200_000,
  noLeaderBackoffUs: 20_000,
});

/** The shortest delay the clerk ever sets its timer to (part of the worker host's lookahead). */
export function ctrlerClerkMinTimerUs(s: CtrlerClerkSettings): number {
  return Math.min(s.requestTimeoutUs, s.noLeaderBackoffUs);
}

export interface CtrlerPendingRequest {
  seq: number;
  op: CtrlerOp;
  /** Sends so far (1 after the first). */
  attempts: number;
  /** Virtual time of the first send. */
  startedUs: number;
}

export interface CtrlerClerkState {
  client: number;
  /** The clerk's own network address. */
  endpoint: number;
  /** Network address of each controller replica; replica i listens at servers[i]. */
  servers: number[];
  /** Sequence number of the newest request (0: none yet). */
  seq: number;
  /** Index into `servers` of the replica believed to lead. */
  leaderGuess: number;
  pending: CtrlerPendingRequest | null;
  /** Operations submitted while another was pending, oldest first. */
  queue: CtrlerOp[];
  /** Generation of the clerk's one timer; a timer of an older generation is void. */
  timerGen: number;
  completed: number;
  retries: number;
}

/** What the clerk asks of the simulator. */
export interface CtrlerClerkIo {
  nowUs: number;
  send(from: number, to: number, msg: CtrlerRequest): void;
  /** Call `ctrlerClerkOnTimer(clerk, gen, …)` after `delayUs`. */
  setTimer(endpoint: number, delayUs: number, gen: number): void;
  /** The request `seq` (operation `op`) was answered with `reply` (status 'ok'; `err` may still be set). */
  complete(client: number, seq: number, op: CtrlerOp, reply: CtrlerReply, nowUs: number): void;
}

/** A clerk with a seeded first guess of the leader (its own PRNG stream, so other clients' draws are unaffected). */
export function createCtrlerClerk(seed: number, client: number, endpoint: number, servers: readonly number[]): CtrlerClerkState {
  if (servers.length === 0) throw new Error('a controller clerk needs at least one controller replica');
  const leaderGuess = nextIntInclusive(deriveRng(seed, `shardctrler-client:${client}`), 0, servers.length - 1);
  return { client, endpoint, servers: servers.slice(), seq: 0, leaderGuess, pending: null, queue: [], timerGen: 0, completed: 0, retries: 0 };
}

/** Nothing pending and nothing queued. */
export function ctrlerClerkIdle(clerk: CtrlerClerkState): boolean {
  return clerk.pending === null && clerk.queue.length === 0;
}

function arm(clerk: CtrlerClerkState, io: CtrlerClerkIo, delayUs: number): void {
  clerk.timerGen++;
  io.setTimer(clerk.endpoint, delayUs, clerk.timerGen);
}

function sendPending(clerk: CtrlerClerkState, s: CtrlerClerkSettings, io: CtrlerClerkIo): void {
  const p = clerk.pending as CtrlerPendingRequest;
  p.attempts++;
  io.send(clerk.endpoint, clerk.servers[clerk.leaderGuess], { type: 'CtrlerRequest', client: clerk.client, seq: p.seq, op: p.op });
  arm(clerk, io, s.requestTimeoutUs);
}

function startNext(clerk: CtrlerClerkState, s: CtrlerClerkSettings, io: CtrlerClerkIo): void {
  const op = clerk.queue.shift();
  if (op === undefined) return;
  clerk.seq++;
  clerk.pending = { seq: clerk.seq, op, attempts: 0, startedUs: io.nowUs };
  sendPending(clerk, s, io);
}

/** Submit an operation: sent now if the clerk is idle, otherwise after the ones before it complete. */
export function ctrlerClerkSubmit(clerk: CtrlerClerkState, op: CtrlerOp, s: CtrlerClerkSettings, io: CtrlerClerkIo): void {
  clerk.queue.push(op);
  if (clerk.pending === null) startNext(clerk, s, io);
}

/** The clerk's timer fired: resend the pending request (same sequence number) to the next replica. */
export function ctrlerClerkOnTimer(clerk: CtrlerClerkState, gen: number, s: CtrlerClerkSettings, io: CtrlerClerkIo): void {
  if (gen !== clerk.timerGen || clerk.pending === null) return;
  // No answer in time: the replica may be down, partitioned away or no longer leading.
  clerk.retries++;
  clerk.leaderGuess = (clerk.leaderGuess + 1) % clerk.servers.length;
  sendPending(clerk, s, io);
}

export function ctrlerClerkOnReply(clerk: CtrlerClerkState, reply: CtrlerReply, s: CtrlerClerkSettings, io: CtrlerClerkIo): void {
  const p = clerk.pending;
  if (p === null || reply.client !== clerk.client || reply.seq !== p.seq) return; // a late answer to an earlier request
  if (reply.status === 'not-leader') {
    if (reply.leaderHint >= 0 && reply.leaderHint < clerk.servers.length && reply.leaderHint !== clerk.leaderGuess) {
      clerk.retries++;
      clerk.leaderGuess = reply.leaderHint;
      sendPending(clerk, s, io);
    } else {
      // Nobody knows the leader (an election is on): back off a little, then the timer tries the next replica.
      arm(clerk, io, Math.min(s.requestTimeoutUs, s.noLeaderBackoffUs));
    }
    return;
  }
  clerk.pending = null;
  clerk.completed++;
  // Void the request timer: its generation no longer matches.
  clerk.timerGen++;
  io.complete(clerk.client, p.seq, p.op, reply, io.nowUs);
  // `complete` may have submitted the next operation itself.
  if (clerk.pending === null) startNext(clerk, s, io);
}
