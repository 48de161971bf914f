/**
 * What the compare page draws, as plain data: per protocol, its servers,
 * links and counters (which change only now and then), and its frame
 * (messages in flight and the short-lived highlights, which change every
 * animation frame). The store holds these, never an engine object.
 */
import type { CountersVM } from './liveCounters';
import type { TermPoint } from './noteTracker';

export type CompareRole = 'leader' | 'candidate' | 'precandidate' | 'follower' | 'crashed';

export interface CompareNodeVM {
  id: number;
  /** `n1` … */
  name: string;
  role: CompareRole;
  /** Raft term, or the ballot number an OmniPaxos server serves. */
  term: number;
  /** OmniPaxos: this server's own BLE ballot `n.priority.pid`; null for Raft. */
  ballot: string | null;
  /** OmniPaxos: quorum-connected in its last BLE round; null for Raft. */
  qc: boolean | null;
  /** OmniPaxos: Sequence Paxos phase (`prepare`, `accept`, `recover`, `none`); null for Raft. */
  phase: string | null;
  commitIndex: number;
  leaderId: number | null;
  /** The scenario's name for this server in this run (`L`, `A`, …), once bound. */
  binding: string | null;
}

export interface CompareLinkVM {
  a: number;
  b: number;
  upAB: boolean;
  upBA: boolean;
}

export interface CompareMessageVM {
  id: number;
  from: number;
  to: number;
  type: string;
  sentUs: number;
  deliverUs: number;
}

/** Short-lived highlights of one server, as ages in virtual µs (null: none to show). */
export interface NodeFlashVM {
  bleRoundAgeUs: number | null;
  syncAgeUs: number | null;
  refusal: { reason: number; ageUs: number } | null;
}

export interface ClusterVM {
  protocol: string;
  nodes: CompareNodeVM[];
  links: CompareLinkVM[];
  counters: CountersVM;
  terms: TermPoint[];
  error: string | null;
}

export interface ClusterFrameVM {
  nowUs: number;
  messages: CompareMessageVM[];
  flashes: NodeFlashVM[];
}
