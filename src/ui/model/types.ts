/**
 * The page's view models: plain, frozen projections of a running world that
 * the store holds and the components draw. Nothing here is an engine object;
 * the session copies what it reads from the engine into these shapes.
 */
import type { Role } from '../../engine/index';

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

export interface LabConfig {
  seed: number;
  nodeCount: number;
  host: HostKind;
  protocol: string;
  /** The service snapshots (and the log compacts) every this many applied entries; 0: never. */
  snapshotEveryEntries: number;
  /** Virtual seconds per real second. */
  speed: number;
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
