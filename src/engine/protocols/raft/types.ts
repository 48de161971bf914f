/**
 * Raft's plain-data state, messages and options (Ongaro & Ousterhout 2014;
 * Ongaro's thesis 2014; etcd's raft library for PreVote, CheckQuorum, flow
 * control and leadership transfer).
 *
 * Indexing: log entries are numbered from 1. `log[k]` holds the entry at index
 * `snapshotIndex + 1 + k`; everything at or below `snapshotIndex` lives only in
 * the snapshot. Index 0 with term 0 is the empty prefix every log shares.
 *
 * Durable storage (what survives a crash; see storage.ts):
 * - value `term`: currentTerm (number)
 * - value `vote`: votedFor in currentTerm (node id or null)
 * - value `snapshot`: { index, term, data, bytes } of the latest snapshot
 * - list `log`: the entries after the snapshot, in index order (same objects
 *   as the in-memory log, frozen)
 */
import type { Command, NodeId } from '../contract';

/** Role codes used in `note('role', code, term)`; the simulator derives leaders from them. */
export const RoleCode = { follower: 0, precandidate: 1, candidate: 2, leader: 3 } as const;
export type RoleCodeValue = (typeof RoleCode)[keyof typeof RoleCode];
export const roleNames = ['follower', 'precandidate', 'candidate', 'leader'] as const;

/** Timer ids. Followers and candidates use the election timer; a leader uses it for its CheckQuorum and transfer checks. */
export const TimerId = { election: 1, heartbeat: 2 } as const;

/**
 * Why a vote (or pre-vote) was refused, as `note('reject-reason', code, candidate)`
 * right after `note('reject-vote', candidate, term)`.
 */
export const RejectReason = {
  /** The request carried a term below ours. */
  staleTerm: 1,
  /** §5.4.1: the candidate's log is not at least as up to date as ours. */
  logBehind: 2,
  /** We already voted for someone else in this term. */
  alreadyVoted: 3,
  /** We heard from a live leader within the election timeout (CheckQuorum lease, or thesis §9.6 for pre-votes). */
  leaderActive: 4,
} as const;
export const rejectReasonNames: Record<number, string> = {
  1: 'stale term',
  2: 'log behind',
  3: 'already voted',
  4: 'leader active',
};

/** Replication mode of one follower, as seen by the leader (etcd's Progress states). */
export const ProgressMode = {
  /** Unknown match: at most one append in flight, sent at each heartbeat or response. */
  probe: 0,
  /** Known match: appends pipelined optimistically, bounded by `maxInflightAppends`. */
  replicate: 1,
  /** The follower's next entry was compacted away; an InstallSnapshot is in flight. */
  snapshot: 2,
} as const;

export interface RaftOptions {
  /** Base election timeout; each reset draws uniformly from [electionTimeoutUs, 2·electionTimeoutUs). */
  electionTimeoutUs: number;
  /** Period of the leader's heartbeats (and of its probes to silent followers). */
  heartbeatIntervalUs: number;
  /** Thesis §9.6: campaign first as a precandidate, without raising any term. */
  preVote: boolean;
  /** A leader steps down without a majority's responses for an election timeout; followers in a leader's lease ignore votes. */
  checkQuorum: boolean;
  /** Most entries in one AppendEntries. */
  maxEntriesPerAppend: number;
  /** Most unacknowledged AppendEntries per follower in replicate mode. */
  maxInflightAppends: number;
  /**
   * Bug toggle (off in every real configuration): a granted vote is kept only
   * in memory, never written to disk, so a node that crashes and restarts in
   * the same term can vote a second time (Figure 2 broken on purpose).
   */
  bugVoteWithoutSync?: boolean;
}

/** One log entry: immutable (frozen) once created; shared by the log, the disk and messages. */
export interface RaftEntry {
  readonly term: number;
  /** `null` for the no-op a leader appends when it takes office (thesis §6.4). */
  readonly command: Command | null;
}

export interface RequestVoteMessage {
  readonly type: 'RequestVote';
  readonly term: number;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
  /** Sent after a TimeoutNow: bypasses the CheckQuorum lease (etcd's campaignTransfer). */
  readonly transfer: boolean;
}

export interface RequestVoteResponseMessage {
  readonly type: 'RequestVoteResponse';
  readonly term: number;
  readonly granted: boolean;
}

/** Thesis §9.6. `term` is the term the precandidate would campaign in (its term + 1); nobody adopts it. */
export interface PreVoteMessage {
  readonly type: 'PreVote';
  readonly term: number;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

export interface PreVoteResponseMessage {
  readonly type: 'PreVoteResponse';
  /** The asked term when granted; the responder's own term when refused. */
  readonly term: number;
  readonly granted: boolean;
}

export interface AppendEntriesMessage {
  readonly type: 'AppendEntries';
  readonly term: number;
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  /** At most `maxEntriesPerAppend` entries, starting at prevLogIndex + 1; empty for a heartbeat. */
  readonly entries: readonly RaftEntry[];
  readonly leaderCommit: number;
}

export interface AppendEntriesResponseMessage {
  readonly type: 'AppendEntriesResponse';
  readonly term: number;
  readonly success: boolean;
  /** On success the follower's log matches the leader's through `index`; on failure, the rejected prevLogIndex. */
  readonly index: number;
  /** Fast backup: the follower's term at prevLogIndex (0 when its log is too short). */
  readonly conflictTerm: number;
  /** Fast backup: first index of conflictTerm in the follower's log, or its last index + 1 when too short. */
  readonly conflictIndex: number;
}

export interface InstallSnapshotMessage {
  readonly type: 'InstallSnapshot';
  readonly term: number;
  readonly snapshotIndex: number;
  readonly snapshotTerm: number;
  readonly data: unknown;
  /** Estimated size of `data`, for byte counts. */
  readonly bytes: number;
}

export interface InstallSnapshotResponseMessage {
  readonly type: 'InstallSnapshotResponse';
  readonly term: number;
  /** The follower's log now matches the leader's through this index. */
  readonly index: number;
}

/** Leadership transfer (thesis §3.10): the recipient campaigns at once. */
export interface TimeoutNowMessage {
  readonly type: 'TimeoutNow';
  readonly term: number;
}

export type RaftMessage =
  | RequestVoteMessage
  | RequestVoteResponseMessage
  | PreVoteMessage
  | PreVoteResponseMessage
  | AppendEntriesMessage
  | AppendEntriesResponseMessage
  | InstallSnapshotMessage
  | InstallSnapshotResponseMessage
  | TimeoutNowMessage;

export interface RaftState {
  readonly nodeId: NodeId;
  readonly nodeCount: number;
  readonly options: RaftOptions;

  role: RoleCodeValue;
  /** Persistent. */
  currentTerm: number;
  /** Persistent: the candidate voted for in currentTerm. */
  votedFor: NodeId | null;
  leaderId: NodeId | null;

  /** Persistent: entries after the snapshot (see the indexing note above). */
  log: RaftEntry[];
  snapshotIndex: number;
  snapshotTerm: number;
  snapshotData: unknown;
  snapshotBytes: number;

  commitIndex: number;
  /** Highest index handed to the service in this lifetime (or restored from a snapshot). */
  lastApplied: number;

  /** The randomized election timeout drawn at the last role transition. */
  electionTimeoutUs: number;
  /** When the election (or the leader's CheckQuorum) timer should really fire. */
  electionDeadlineUs: number;
  /** When the armed election timer will fire; it re-arms itself if the deadline moved later. */
  electionTimerDueUs: number;
  /** Last time a current leader's AppendEntries/InstallSnapshot arrived (-1: never). */
  leaderContactUs: number;

  /** Candidate and precandidate: per node, 0 = no answer, 1 = granted, 2 = refused. */
  votes: number[];

  /** Leader: per follower replication progress (entries for the leader itself are unused). */
  nextIndex: number[];
  matchIndex: number[];
  progressMode: number[];
  /** Replicate mode: last index of each unacknowledged append, ascending. */
  inflight: number[][];
  /** Probe mode: an append is outstanding; no other until a response or the next heartbeat. */
  probeSent: boolean[];
  /** Heard from the follower since the last heartbeat tick. */
  respondedSinceTick: boolean[];
  /** The follower's match index grew since the last heartbeat tick. */
  progressSinceTick: boolean[];
  /** CheckQuorum: heard from the follower since the last check. */
  recentActive: boolean[];
  /** Snapshot mode: when the InstallSnapshot was sent. */
  snapshotSentUs: number[];
  /** Leadership transfer in progress: the target, and when the leader gives up. */
  transferTarget: NodeId | null;
  transferDeadlineUs: number;

  /** A durable write not yet synced (always false between steps). */
  unsynced: boolean;
}
