/**
 * The contract between a replicated log and the state machine on top of it.
 * A service sees committed entries in index order, takes snapshots of its
 * whole state, and restores from one. It never sees the protocol's internals.
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
}

export type AnyService = Service<unknown>;
