/**
 * How the simulator knows a protocol: the replica module, the options it is
 * run with, and (for tests and dev builds) a checker of its safety invariants
 * over all replica states, called after every event.
 */
import type { AnyProtocol } from './contract';

export interface ProtocolEntry {
  /** Name used in configs, URLs and the CLI, e.g. `raft-pv-cq`. */
  readonly name: string;
  readonly description: string;
  readonly protocol: AnyProtocol;
  /** Options this entry forces on top of the protocol's defaults (e.g. PreVote on). */
  readonly presetOptions: Readonly<Record<string, unknown>>;
  /** Protocol-specific invariants over every replica's state (null = crashed). Throws InvariantViolation. */
  readonly checkStates?: (states: readonly unknown[], nowUs: number, memory: unknown) => void;
  readonly createCheckMemory?: () => unknown;
  /**
   * True when the `b` of a `role` note (the term) names at most one leader,
   * so the simulator can check election safety from notes on every host (Raft).
   * False for protocols whose leaders are named by ballots that embed the
   * node id (OmniPaxos), where that check says nothing.
   */
  readonly oneLeaderPerTerm: boolean;
}
