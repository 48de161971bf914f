/**
 * The replica contract (sans-IO). Every protocol exposes this shape so that a
 * service, a scenario, a benchmark or a host can switch protocol with one field.
 *
 * A replica never performs I/O. `step` mutates the replica's plain-data state
 * and reports what should happen through the `StepContext` it is given:
 * messages to send, timers to set, durable writes and syncs, entries newly
 * committed, and trace notes. The host (in-process or a Web Worker) turns
 * those effects into simulator events.
 */
import type { Rng } from '../core/prng';

/** Replicas are numbered 0..nodeCount-1 and shown as n1..nN. */
export type NodeId = number;

/** A client command as it travels through a log. Opaque to the protocol. */
export interface Command {
  /** Unique per run: `client * 1_000_000 + seq` style ids are fine; used for tracing. */
  readonly id: number;
  /** Payload understood only by the service on top of the log. */
  readonly body: unknown;
  /** Approximate encoded size of the payload in bytes (for RPC byte counts). */
  readonly bytes: number;
}

/** One log entry handed to the service, in index order, exactly once per node lifetime. */
export interface CommittedEntry {
  readonly index: number;
  /** Term (Raft) or ballot number (OmniPaxos) the entry was created in. */
  readonly term: number;
  /** `null` for a no-op entry written by a new leader. */
  readonly command: Command | null;
}

/** What survived a crash: only writes that were synced before the crash. */
export interface Durable {
  readonly values: Readonly<Record<string, unknown>>;
  readonly lists: Readonly<Record<string, readonly unknown[]>>;
}

export type ProtocolInput<M> =
  | { readonly kind: 'message'; readonly from: NodeId; readonly msg: M }
  | { readonly kind: 'timer'; readonly timerId: number }
  | { readonly kind: 'propose'; readonly command: Command }
  /** Operator requests from the page or a scenario, e.g. `transfer-leadership`. */
  | { readonly kind: 'control'; readonly action: string; readonly target: NodeId | null };

/** Role names shared by the views; protocols use the subset that applies. */
export type Role = 'follower' | 'precandidate' | 'candidate' | 'leader';

/**
 * Trace notes a replica reports. `kind` is a short stable label; `a` and `b`
 * are numbers whose meaning depends on the kind (documented where emitted),
 * e.g. `role` with a = role code, b = term; `vote` with a = candidate, b = term.
 */
export interface ReplicaNote {
  readonly kind: string;
  readonly a: number;
  readonly b: number;
}

export interface StepContext<M> {
  /** Virtual time in microseconds; the only clock a replica may read. */
  readonly nowUs: number;
  readonly nodeId: NodeId;
  /** This node's own PRNG stream (`node:<id>`), part of its state across crashes. */
  readonly rng: Rng;
  send(to: NodeId, msg: M): void;
  /** Set (or replace) the timer with this id to fire after `delayUs`. */
  setTimer(timerId: number, delayUs: number): void;
  cancelTimer(timerId: number): void;
  /** Durable key/value write; the value must not be mutated afterwards. Lost on crash unless synced. */
  write(key: string, value: unknown): void;
  /** Append immutable items to a durable list. */
  append(key: string, items: readonly unknown[]): void;
  /** Keep only the first `length` items of a durable list. */
  truncate(key: string, length: number): void;
  /** Drop the first `count` items of a durable list (log compaction). */
  discardPrefix(key: string, count: number): void;
  /** Make every write so far durable. Call before any reply that depends on them. */
  sync(): void;
  /** Hand a newly committed/decided entry to the service, in index order. */
  commit(entry: CommittedEntry): void;
  /** Answer a proposal: accepted at (index, term), or refused with a leader hint. */
  proposalResult(commandId: number, accepted: boolean, leaderHint: NodeId | null): void;
  /** A snapshot arrived from the leader; the service must restore its state from it. */
  restoreSnapshot(index: number, term: number, data: unknown): void;
  note(kind: string, a: number, b: number): void;
}

/** The summary every protocol gives of one replica, for the page and generic checks. */
export interface ReplicaView {
  readonly nodeId: NodeId;
  readonly role: Role;
  /** Raft term, or OmniPaxos ballot number. */
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly leaderId: NodeId | null;
  readonly commitIndex: number;
  readonly lastIndex: number;
  /** Entries up to this index are compacted into a snapshot (0 when none). */
  readonly snapshotIndex: number;
  readonly snapshotTerm: number;
  /** Terms of the entries after the snapshot, oldest first, at most `logTail` of the newest. */
  readonly logTerms: readonly number[];
  /** Index of logTerms[0]. */
  readonly logTermsFromIndex: number;
  /** The election timeout currently in force, for drawing the timer ring. */
  readonly electionTimeoutUs: number;
  /** Protocol-specific fields shown in the inspector, e.g. PreVote, QC flag. */
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
}

export interface Protocol<S, M, O = unknown> {
  readonly name: string;
  /** Options with defaults filled in. */
  defaultOptions(): O;
  /** Build a replica; `durable` is null on first boot. Initial timers are set via ctx. */
  create(nodeId: NodeId, nodeCount: number, options: O, durable: Durable | null, ctx: StepContext<M>): S;
  step(state: S, input: ProtocolInput<M>, ctx: StepContext<M>): void;
  /** The service has snapshotted its state through `index`; the replica may compact its log. */
  compact(state: S, index: number, data: unknown, ctx: StepContext<M>): void;
  view(state: S, logTail: number): ReplicaView;
  /** Short label of a message, used for colour and the trace, e.g. `AppendEntries`. */
  messageType(msg: M): string;
  /** One-line description, e.g. `AppendEntries term=3 prev=4/2 entries=2 commit=4`. */
  describeMessage(msg: M): string;
  /** Approximate encoded size in bytes. */
  messageBytes(msg: M): number;
  /** The shortest delay this protocol ever sets a timer for (lookahead bound for the worker host). */
  minTimerDelayUs(options: O): number;
}

/** Any protocol; method parameters are bivariant, so every Protocol<S, M, O> fits. */
export type AnyProtocol = Protocol<unknown, unknown, unknown>;
