/**
 * The page's view models: plain, frozen projections of a running world that
 * the store holds and the components draw. Nothing here is an engine object;
 * the session copies what it reads from the engine into these shapes.
 */
import type { Role } from '../../engine/index';
import type { BugName } from '../../engine/sim/bugs';

export type HostKind = 'worker' | 'inprocess';

/** A node's role as drawn: the replica's role, or crashed. */
export type NodeRole = Role | 'crashed';

export interface NodeVM {
  id: number;
  /** Display name, n1..nN. */
  name: string;
  role: NodeRole;
  term: number;
  votedFor: number | null;
  leaderId: number | null;
  commitIndex: number;
  lastIndex: number;
  snapshotIndex: number;
  snapshotTerm: number;
  /** Terms of the newest entries after the snapshot, oldest first. */
  logTerms: number[];
  /** Index of logTerms[0]. */
  logTermsFromIndex: number;
  electionTimeoutUs: number;
  /** Protocol-specific fields for the inspector. */
  detail: Record<string, string | number | boolean | null>;
}

/** The state of the undirected link between two nodes, as two directed halves. */
export interface LinkVM {
  a: number;
  b: number;
  /** a → b carries messages. */
  upAB: boolean;
  /** b → a carries messages. */
  upBA: boolean;
}

export interface MessageVM {
  id: number;
  from: number;
  to: number;
  type: string;
  description: string;
  /** The shard it hands over (a ShardPush), or null. */
  shard: number | null;
  sentUs: number;
  deliverUs: number;
}

/** What the election-timer ring of one node shows. */
export interface TimerVM {
  node: number;
  /** Virtual time at which the node's election timer expires, or null when it has none (leader, crashed, unknown). */
  deadlineUs: number | null;
  /** The timeout in force, for the ring's full length. */
  timeoutUs: number;
}

export interface StatsVM {
  /** Client operations that returned (key-value mode). */
  opsCompleted: number;
  events: number;
  sent: number;
  delivered: number;
  dropped: number;
  committed: number;
  proposals: number;
  proposalsRefused: number;
  /** Terms that had a leader. */
  elections: number;
}

/** One line of the message log, already worded. */
export interface TraceLineVM {
  index: number;
  timeUs: number;
  kind: string;
  /** Tone for the line's marker: message type colour key, or a category. */
  tone: string;
  text: string;
}

/** Everything that changes every frame, kept apart so that only the moving layers re-render. */
export interface FrameVM {
  nowUs: number;
  messages: MessageVM[];
}

export type NoticeTone = 'warning' | 'error' | 'info';

export interface Notice {
  id: string;
  tone: NoticeTone;
  text: string;
}

/** One direction of a link: its latency range and how often it loses or duplicates a message. */
export interface LinkSettingsVM {
  latencyMinUs: number;
  latencyMaxUs: number;
  /** 0..1 */
  lossRatio: number;
  /** 0..1 */
  duplicateRatio: number;
}

export interface LabConfig {
  seed: number;
  nodeCount: number;
  host: HostKind;
  protocol: string;
  /**
   * Raft's PreVote (thesis §9.6) and CheckQuorum. For the Raft family the
   * protocol name follows them: both on is `raft-pv-cq`, anything else `raft`
   * with these options. Other protocols ignore them (both false).
   */
  preVote: boolean;
  checkQuorum: boolean;
  /** Closed-loop key-value clerks; 0 runs the plain command log. */
  clients: number;
  /** A rule broken on purpose (bugs.ts), or null for the correct protocol. */
  bug: BugName | null;
  /** Every link's settings at time zero (the dials change them later, as actions). */
  network: LinkSettingsVM;
  /** The service snapshots (and the log compacts) every this many applied entries; 0: never. */
  snapshotEveryEntries: number;
  /** Virtual seconds per real second. */
  speed: number;
  /**
   * A sharded store (a shard controller group and key-value groups), or null
   * for one replicated group. With shards, `nodeCount` counts every server.
   */
  shards: ShardLabSettings | null;
}

/** The sharded store's shape, as the page's own settings describe it. */
export interface ShardLabSettings {
  /** Key-value replica groups (gids 1 … groups), each of 3 servers. */
  groups: number;
  /** How many of them (gids 1 … initialGroups) join at the start. */
  initialGroups: number;
}

/** The settings of one node-to-node link, both directions. */
export interface NetLinkVM {
  a: number;
  b: number;
  ab: LinkSettingsVM;
  ba: LinkSettingsVM;
}

/** One client operation as the history view draws it. */
export interface HistoryOpVM {
  /** Index in the run's history: the checker's operation id. */
  id: number;
  client: number;
  kind: 'get' | 'put' | 'append' | 'cas';
  key: string;
  value: string | null;
  output: string | null;
  invokeUs: number;
  /** null: the outcome is unknown (it never returned). */
  returnUs: number | null;
}

/** A period during which a fault was in force, from the action log. */
export interface FaultSpanVM {
  fromUs: number;
  /** null: still in force. */
  toUs: number | null;
  label: string;
  kind: 'crash' | 'link' | 'isolate' | 'partition' | 'network';
}

/** The part of the history the view shows, and a little about the whole. */
export interface HistoryVM {
  clientCount: number;
  /** The world's clock: where open operations end. */
  nowUs: number;
  fromUs: number;
  toUs: number;
  ops: HistoryOpVM[];
  faults: FaultSpanVM[];
  totalOps: number;
  completedOps: number;
  /** More operations fell in the window than are drawn (the oldest were left out). */
  truncated: boolean;
}

/** How the history view picks its window: follow the clock, or hold still around a moment. */
export interface HistoryWindowVM {
  mode: 'follow' | 'focus';
  widthUs: number;
  /** The moment held in focus mode. */
  centerUs: number;
}

export type CheckStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

/** Per key: the order the checker chose and a linearization point for each operation in it. */
export interface KeyOrderVM {
  key: string;
  verdict: 'linearizable' | 'not-linearizable' | 'unknown';
  ids: number[];
  atUs: number[];
}

export interface CheckVM {
  status: CheckStatus;
  /** The history checked ends at this virtual time. */
  uptoUs: number;
  operations: number;
  verdict: 'linearizable' | 'not-linearizable' | 'unknown' | null;
  elapsedMs: number | null;
  failingKey: string | null;
  /** The operations that could not go next, with what is needed to draw and jump to them. */
  stuck: HistoryOpVM[];
  orders: KeyOrderVM[];
  error: string | null;
}

export type CompareStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface CompareHostResult {
  host: HostKind;
  /** 0..1 of the virtual time run so far. */
  progress: number;
  hash: string | null;
  events: number;
}

export interface CompareVM {
  status: CompareStatus;
  seed: number;
  untilUs: number;
  results: CompareHostResult[];
  error: string | null;
}

/** The run's time axis as far as the current branch has run. */
export interface TimelineVM {
  /** The furthest virtual time this branch has reached. */
  horizonUs: number;
  /** One band per term, coloured by term; `leader` is who led it (null: nobody yet). */
  terms: { fromUs: number; toUs: number; term: number; leader: number | null }[];
  leaderChanges: { atUs: number; node: number; term: number }[];
  /** Operator and scenario actions (faults, heals, network changes), worded. */
  faults: { atUs: number; label: string }[];
  /** Entries committed per equal slice of [0, horizonUs]. */
  commitBins: number[];
  commitCount: number;
  /** Client operations and commands (thinned when there are many). */
  operationsUs: number[];
  operationCount: number;
}

/** One branch of the run: its own action log, forked from another at a moment. */
export interface BranchVM {
  id: number;
  name: string;
  /** Where it left its parent (0 for the first). */
  forkUs: number;
  actionCount: number;
  current: boolean;
}

/** A scenario's narration, filled from what the run did. */
export interface NarrationVM {
  scenarioId: string;
  title: string;
  summary: string;
  durationUs: number;
  steps: { number: number; atUs: number | null; text: string }[];
}

/** One message of the space-time diagram: from its sender's lane at send time to where it ended. */
export interface MessageArrowVM {
  /** Unique per arrow: the message id and which copy (a duplicate is a second arrow). */
  key: string;
  id: number;
  type: string;
  from: number;
  to: number;
  bytes: number;
  sentUs: number;
  /** Delivered or dropped at this time; for a message in flight, the present. */
  endUs: number;
  outcome: 'delivered' | 'dropped' | 'in-flight';
  /** Why it was dropped ('link down', 'lost', 'node down'), or null. */
  dropReason: string | null;
  /** 0 for the first arrival, 1 for a duplicate's, and so on. */
  copy: number;
  /** The message in words, when the page saw it in flight; else null (type and id only). */
  description: string | null;
  /** When it arrived (delivered) or will arrive (in flight; the simulator knows), or null. */
  deliverUs: number | null;
}

/** A period drawn on a lane: the node was down, or led. */
export interface LaneSpanVM {
  node: number;
  kind: 'crashed' | 'leader';
  fromUs: number;
  /** null: still so at the present. */
  toUs: number | null;
  /** The term led (0 for a crash). */
  term: number;
}

/** The part of the run the space-time diagram shows. */
export interface SpaceTimeVM {
  nowUs: number;
  fromUs: number;
  toUs: number;
  /** Replica lanes (n1…), then `clientLanes` clerk lanes (c1…). */
  nodeCount: number;
  clientLanes: number;
  arrows: MessageArrowVM[];
  spans: LaneSpanVM[];
  /** How many sends the bounded window holds. */
  keptSends: number;
  /** More arrows crossed the window than are drawn (the oldest were left out). */
  truncated: boolean;
}

/**
 * A shard's state as drawn: the phase at the group that owns it in the newest
 * configuration. `sending` when the owner has not applied that configuration
 * yet and the old owner is already pushing the shard to it.
 */
export type ShardStateVM = 'serving' | 'receiving' | 'sending' | 'parked' | 'absent';

/** One shard of the grid. */
export interface ShardCellVM {
  shard: number;
  /** Owner in the newest configuration (0: none). */
  owner: number;
  state: ShardStateVM;
  /** The group the data is coming from (it still holds the shard, sending or parked), or null. */
  from: number | null;
  /** Travelling between two groups: sent by `from`, not yet installed by `owner`. */
  inFlight: boolean;
  /** Keys the shard holds (at its owner, else where it is coming from). */
  keys: number;
}

/** One server of a mini cluster. */
export interface GroupServerVM {
  id: number;
  name: string;
  up: boolean;
  leader: boolean;
}

/** One replica group as a mini cluster: the controller (gid 0) or a key-value group. */
export interface ShardGroupVM {
  gid: number;
  controller: boolean;
  servers: GroupServerVM[];
  /** Global index of the leader, or null. */
  leader: number | null;
  /** Term (Raft) or ballot (OmniPaxos). */
  term: number;
  /** The configuration the group has applied (the controller: its newest). */
  configNum: number;
  keysHeld: number;
  /** A member of the newest configuration (the controller always is). */
  member: boolean;
  /** Shards this group serves now. */
  serving: number;
}

/** One configuration of the controller's history, as a tick of the timeline. */
export interface ConfigTickVM {
  num: number;
  /** When the administrator's request that made it returned (null: not seen, e.g. made before a seek's window). */
  atUs: number | null;
  /** The request that made it, worded ("Join(g3)"), or null when unknown. */
  label: string | null;
  joined: number[];
  left: number[];
  /** Shards whose owner changed from the configuration before. */
  moved: { shard: number; from: number; to: number }[];
}

/** Where a key lives: its shard, the shard's owner and the owner's servers. */
export interface KeyRouteVM {
  key: string;
  shard: number;
  /** 0: no group owns the shard (every group left). */
  owner: number;
  state: ShardStateVM;
  servers: GroupServerVM[];
}

/** The sharded store as the Shards view draws it. */
export interface ShardsVM {
  shardCount: number;
  /** Number of the newest configuration. */
  configNum: number;
  cells: ShardCellVM[];
  /** The controller first, then gid 1, 2, … */
  groups: ShardGroupVM[];
  configs: ConfigTickVM[];
  /** The newest configuration's servers per gid (for routing keys). */
  servers: Record<number, string[]>;
}
