/**
 * OmniPaxos's plain-data state, messages and options (Ng, Haridi, Carbone,
 * "Omni-Paxos: Breaking the Barriers of Partial Connectivity", EuroSys 2023).
 *
 * Two parts that never share state: Ballot Leader Election (`ble`) decides who
 * should lead; Sequence Paxos (`sp`) keeps the log safe and syncs it. The only
 * hand-off is `handleLeader(ballot)` from BLE to Sequence Paxos.
 *
 * Indexing: log entries are numbered from 1. `sp.log[k]` holds the entry at
 * index `sp.logStart + 1 + k`; entries at or below `logStart` were trimmed
 * (their effect lives in the service's snapshot). The accepted index of a
 * server is its last log index.
 *
 * Durable storage (see storage.ts): values `promise`, `acceptedRound`,
 * `decidedIdx`, `logStart`, `logStartN`, `snapshot`, `config`, `incarnation`;
 * list `log` (the entries after `logStart`, the same frozen objects as in memory).
 */
import type { Command, NodeId } from '../contract';
import type { AcceptDecideMessage, DecideMessage, PromiseMessage } from './messages';

export type * from './messages';

/** Role codes used in `note('role', code, ballotN)`. */
export const RoleCode = { follower: 0, candidate: 2, leader: 3 } as const;
export type RoleCodeValue = (typeof RoleCode)[keyof typeof RoleCode];

/** Timer ids: the BLE heartbeat round, and Sequence Paxos's retransmission tick. */
export const TimerId = { bleRound: 1, resend: 2 } as const;

/**
 * A ballot (n, priority, pid), ordered lexicographically. Ballots are compared
 * only within one configuration: Sequence Paxos state is reset when the
 * configuration changes, and every message names its configuration.
 */
export interface Ballot {
  readonly n: number;
  readonly priority: number;
  readonly pid: NodeId;
}

/** The configuration a StopSign starts: its id and servers. */
export interface StopSign {
  readonly configId: number;
  readonly nodes: readonly NodeId[];
}

/** One log entry, frozen once created; shared by the log, the disk and messages. */
export interface OmniEntry {
  /** Ballot number of the round in which a leader first appended the entry (the `term` handed to the service). */
  readonly n: number;
  readonly command: Command | null;
  /** Non-null for the StopSign that seals this configuration's log. */
  readonly stopSign: StopSign | null;
}

/** The service's snapshot of the decided prefix through `index`; frozen. */
export interface OmniSnapshot {
  readonly index: number;
  /** Ballot number of the entry at `index`. */
  readonly n: number;
  readonly data: unknown;
  /** Estimated size of `data`, for byte counts. */
  readonly bytes: number;
}

/** A configuration: its id (1 for the initial one, 0 for "not in any yet") and servers. */
export interface Configuration {
  readonly id: number;
  readonly nodes: readonly NodeId[];
  /** Servers of the previous configuration (empty for the initial one): they hold the sealed log. */
  readonly previousNodes: readonly NodeId[];
  /** Index of the StopSign that started this configuration (0 for the initial one). */
  readonly stopSignIdx: number;
  /** Ballot number of that StopSign entry; ballots of this configuration start above it. */
  readonly stopSignN: number;
}

export interface OmniPaxosOptions {
  /** Length of one BLE heartbeat round: a silent or disconnected leader is noticed within one or two rounds. */
  electionTimeoutUs: number;
  /** Leader priority, one number for every server or one per node id (missing ones are 0). */
  priority: number | readonly number[];
  /** Sequence Paxos retransmission tick: resend Prepare/PrepareReq/Promise, detect stalled followers, retry log pulls. */
  resendIntervalUs: number;
  /** Most entries in one AcceptDecide. */
  maxEntriesPerAccept: number;
  /** Most proposals a leader buffers while it is still in the prepare phase. */
  maxPendingProposals: number;
  /** Servers of the first configuration; null means every node. Others stay idle until a StopSign adds them. */
  initialConfiguration: readonly NodeId[] | null;
  /** Entries per segment when a new server pulls the sealed log. */
  pullSegmentEntries: number;
}

// --- state -------------------------------------------------------------------------

/** Ballot Leader Election (§4 of the paper). */
export interface BleState {
  readonly nodeId: NodeId;
  configId: number;
  /** Servers of the configuration, this one included, ascending. */
  members: NodeId[];
  /** This server's own ballot. */
  ballot: Ballot;
  /** The elected leader as far as this server knows; null while competing or before the first election. */
  leader: Ballot | null;
  /** Raised our ballot above a silent or disconnected leader, waiting for the next round. */
  competing: boolean;
  /** Heard from a majority (counting itself) in the last finished round. */
  quorumConnected: boolean;
  round: number;
  /** Per node id: the last round whose reply was counted (drops duplicates). */
  repliedRound: number[];
  /** Replies of the current round: ballots and QC flags, in arrival order. */
  replyBallots: Ballot[];
  replyQc: boolean[];
  /** Length of one round. */
  roundUs: number;
}

export type Phase = 'none' | 'prepare' | 'accept' | 'recover';

/** The best promise a leader has seen in its prepare phase. */
export interface MaxPromise {
  readonly from: NodeId;
  readonly acceptedRound: Ballot;
  readonly acceptedIdx: number;
  readonly syncIdx: number;
  readonly suffix: readonly OmniEntry[];
  readonly snapshot: OmniSnapshot | null;
}

/** Sequence Paxos (§5 of the paper). Per-node arrays are indexed by node id. */
export interface SpState {
  readonly nodeId: NodeId;
  readonly maxEntriesPerAccept: number;
  readonly maxPendingProposals: number;
  configId: number;
  members: NodeId[];
  role: 'follower' | 'leader';
  phase: Phase;
  /** Persistent: the highest ballot promised. */
  promise: Ballot;
  /** Persistent: the round of the last AcceptSync accepted (na). */
  acceptedRound: Ballot;
  /** Whom proposals go to: the pid of the latest leader we heard of (-1: nobody). */
  leaderPid: NodeId;

  /** Persistent: entries after `logStart`. */
  log: OmniEntry[];
  logStart: number;
  logStartN: number;
  /** Persistent: the latest snapshot the service took or a leader sent (index ≥ logStart). */
  snapshot: OmniSnapshot | null;
  /** Persistent. */
  decidedIdx: number;
  /** Highest index handed to the service in this lifetime (or restored from a snapshot). */
  committedIdx: number;
  /** Highest index whose removal the leader allowed (accepted by every server); volatile. */
  trimAllowedIdx: number;
  /** A StopSign at or below decidedIdx that this server has not acted on yet (-1: none). */
  decidedStopSignIdx: number;

  // Follower side of the session with the leader.
  session: number;
  seq: number;
  /** The last promise sent, resent on the tick while waiting for AcceptSync. */
  cachedPromise: PromiseMessage | null;
  heardFromLeader: boolean;
  /** A Promise or PrepareReq went out since the last tick (so the tick does not repeat it at once). */
  sentSinceTick: boolean;
  stalledTicks: number;
  /**
   * Leader messages that arrived ahead of their turn (a later sequence number,
   * or a new session before its AcceptSync), by (session, seq); bounded. The
   * paper's links are FIFO; ours reorder, so a gap counts as loss only when it
   * outlives a retransmission tick.
   */
  reorder: (AcceptDecideMessage | DecideMessage)[];
  gapTicks: number;

  // Leader side.
  leaderBallot: Ballot;
  promised: boolean[];
  promiseRound: Ballot[];
  promiseAcceptedIdx: number[];
  promiseDecidedIdx: number[];
  /** Highest index each server accepted in this leader's round (0 until it says). */
  acceptedIdx: number[];
  sessionOf: number[];
  seqOf: number[];
  heardSinceTick: boolean[];
  /** A Prepare went to this server since the last tick (so the tick does not repeat it at once). */
  preparedSinceTick: boolean[];
  stalledTicksOf: number[];
  maxPromise: MaxPromise | null;
  maxPromiseDecidedIdx: number;
  /** The round and length of the log adopted at the end of the prepare phase (decides which follower prefixes are valid). */
  adoptedRound: Ballot;
  adoptedIdx: number;
  pending: Command[];
  /** A reconfiguration asked for during the prepare phase, proposed once the leader is in the accept phase. */
  pendingStopSign: StopSign | null;
  trimSentIdx: number;
  decidedAtLastTick: number;

  /** A durable write not yet synced (always false between steps). */
  unsynced: boolean;
}

/** A server catching up with a configuration it was added to (or is lagging behind). */
export interface PullState {
  readonly target: Configuration;
  /** Servers asked for segments, in turn. */
  readonly sources: NodeId[];
  nextSource: number;
  /** Outstanding segment requests [fromIdx, toIdx] and when they were sent (-1: to be sent at the next tick). */
  requests: { fromIdx: number; toIdx: number; source: NodeId; sentUs: number }[];
  /** Received segments not yet contiguous with the decided prefix. */
  buffered: { fromIdx: number; entries: readonly OmniEntry[] }[];
  /** First index not yet asked for. */
  nextRequestIdx: number;
}

/**
 * What a server is doing in the configuration sequence: running BLE and
 * Sequence Paxos (`active`), waiting outside every configuration (`idle`),
 * pulling the sealed log of the configuration it was added to (`pulling`), or
 * done because a StopSign removed it (`retired`).
 */
export type Mode = 'active' | 'idle' | 'pulling' | 'retired';

export interface OmniPaxosState {
  readonly nodeId: NodeId;
  readonly nodeCount: number;
  readonly options: OmniPaxosOptions;
  /** Persistent: counts this server's lifetimes (for the invariant checker). */
  readonly incarnation: number;
  mode: Mode;
  config: Configuration;
  ble: BleState;
  sp: SpState;
  pull: PullState | null;
  /** Role code and ballot number last announced with notes. */
  notedRole: RoleCodeValue;
  notedTerm: number;
}
