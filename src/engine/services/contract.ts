/**
 * The contract between a replicated log and the state machine on top of it.
 * A service sees committed entries in index order, takes snapshots of its
 * whole state, and restores from one. It never sees the protocol's internals.
 *
 * A service may also act on its node (`node`): answer requests from outside
 * its group (clerks, other groups), run one timer, send messages and propose
 * commands through its replica. The shard controller and the sharded store
 * do; the plain key-value store's client path lives in the node runtime.
 */
import type { CommittedEntry } from '../protocols/contract';

export interface Service<S> {
  readonly name: string;
  create(): S;
  /** Apply one committed entry; returns the reply for the command's client, if any. */
  apply(state: S, entry: CommittedEntry): unknown;
  /** A snapshot of the whole state (plain data, immutable once taken). */
  snapshot(state: S): unknown;
  restore(data: unknown): S;
  /** Approximate size of the state in bytes (for the state-size bounds of the tests). */
  sizeBytes(state: S): number;
  readonly node?: ServiceNode<S, unknown>;
}

export type AnyService = Service<unknown>;

/** What a service may do on its node during a step. Endpoints are global; `localId` is the replica's index in its group. */
export interface ServiceHost {
  readonly nowUs: number;
  readonly localId: number;
  /** Global endpoint of this replica. */
  readonly endpoint: number;
  /** How many times this replica has booted (1 on the first boot). */
  readonly incarnation: number;
  send(to: number, msg: unknown): void;
  /** Set the service's one timer (replacing it). */
  setTimer(delayUs: number): void;
  /** Propose a command through this replica; refused unless it leads (leaderHint: local id, −1 unknown). */
  propose(body: unknown, bytes: number): { accepted: boolean; commandId: number; leaderHint: number };
  /** Whether this replica currently believes it leads its group. */
  isLeader(): boolean;
}

/**
 * Node-level behaviour of a service. `V` is volatile per-node state (pending
 * replies, poll bookkeeping): plain data, checkpointed, lost on a crash.
 */
export interface ServiceNode<S, V> {
  createVolatile(): V;
  /** The replica (re)started: set timers. */
  onBoot?(state: S, vol: V, host: ServiceHost): void;
  onTimer?(state: S, vol: V, host: ServiceHost): void;
  /** A message from outside the group: a clerk's request, another group's message, a controller's reply. */
  onMessage(state: S, vol: V, host: ServiceHost, from: number, msg: unknown): void;
  /** An entry was applied here (after `apply`), with the result `apply` returned. */
  onApplied?(state: S, vol: V, host: ServiceHost, entry: CommittedEntry, result: unknown): void;
  /** The shortest delay the service sets its timer to (worker host's lookahead). */
  readonly minTimerDelayUs: number;
}
