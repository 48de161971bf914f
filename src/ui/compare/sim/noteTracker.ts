/**
 * What the replicas' trace notes tell the page, read incrementally (each
 * frame reads only the notes added since the last): when each server last
 * ended a BLE round or took part in a log sync, the last vote it refused and
 * why, how many votes were refused during the partition, and the cluster's
 * highest term (ballot number for OmniPaxos) as it rose, for the sparkline.
 *
 * Notes used (see the protocols): `ble-round` (OmniPaxos, a = round);
 * `prepare`, `promise`, `promise-sync`, `accept-sync` (Sequence Paxos log
 * sync); `reject-reason` (Raft, a = reason, b = candidate, right after
 * `reject-vote` or `reject-pre-vote`); `term` (a = the new term or ballot n).
 */
import type { TraceMark } from '../../../engine/index';
import type { FaultWindow } from './faultWindow';

/** Raft's reasons for refusing a vote, as `reject-reason` notes carry them (raft/types.ts). */
export const RefusalReason = { logBehind: 2, leaderActive: 4 } as const;

export interface Refusal {
  timeUs: number;
  reason: number;
  candidate: number;
}

export interface TermPoint {
  timeUs: number;
  term: number;
}

export interface NoteTracker {
  /** How many marks have been read. */
  cursor: number;
  window: FaultWindow;
  /** Per node: virtual time of its latest BLE round end, or null. */
  bleRoundUs: (number | null)[];
  /** Per node: virtual time of its latest Prepare/Promise/AcceptSync step, or null. */
  syncUs: (number | null)[];
  /** Per node: the latest vote it refused for a reason worth showing, or null. */
  refusal: (Refusal | null)[];
  /** Votes and pre-votes refused during the partition because the candidate's log was behind (§5.4.1). */
  refusedLogBehind: number;
  /** … because a leader was heard recently (CheckQuorum's lease, thesis §9.6). */
  refusedLeaderActive: number;
  /** The cluster's highest term, each time it rose. */
  terms: TermPoint[];
}

const syncNotes = new Set(['prepare', 'promise', 'promise-sync', 'accept-sync']);

/** `initialTerm`: the highest term when the world starts (an OmniPaxos server starts with ballot 1 and notes only changes). */
export function createNoteTracker(nodeCount: number, window: FaultWindow, initialTerm = 0): NoteTracker {
  return {
    cursor: 0,
    window,
    bleRoundUs: new Array<number | null>(nodeCount).fill(null),
    syncUs: new Array<number | null>(nodeCount).fill(null),
    refusal: new Array<Refusal | null>(nodeCount).fill(null),
    refusedLogBehind: 0,
    refusedLeaderActive: 0,
    terms: [{ timeUs: 0, term: initialTerm }],
  };
}

function inPartition(t: NoteTracker, timeUs: number): boolean {
  return timeUs > t.window.startUs && timeUs <= t.window.endUs;
}

function readOne(t: NoteTracker, m: TraceMark): void {
  if (m.kind !== 'note') return;
  if (m.label === 'ble-round') t.bleRoundUs[m.node] = m.timeUs;
  else if (syncNotes.has(m.label)) t.syncUs[m.node] = m.timeUs;
  else if (m.label === 'reject-reason') {
    if (m.a !== RefusalReason.logBehind && m.a !== RefusalReason.leaderActive) return;
    t.refusal[m.node] = { timeUs: m.timeUs, reason: m.a, candidate: m.b };
    if (!inPartition(t, m.timeUs)) return;
    if (m.a === RefusalReason.logBehind) t.refusedLogBehind++;
    else t.refusedLeaderActive++;
  } else if (m.label === 'term') {
    const last = t.terms[t.terms.length - 1];
    if (m.a <= last.term) return;
    if (last.timeUs === m.timeUs) last.term = m.a;
    else t.terms.push({ timeUs: m.timeUs, term: m.a });
  }
}

/** Read the marks added since the last call. `marks` only grows: the page never rewinds a world, it builds a new one. */
export function readNotes(t: NoteTracker, marks: readonly TraceMark[]): void {
  for (let i = t.cursor; i < marks.length; i++) readOne(t, marks[i]);
  t.cursor = marks.length;
}

/** The highest term (ballot number) seen so far. */
export function highestTerm(t: NoteTracker): number {
  return t.terms[t.terms.length - 1].term;
}
