/**
 * The trace: every event of a run, folded into a stable 64-bit hash, with the
 * most recent events kept in a journal of typed arrays for the page, and the
 * sparse, meaningful ones (role and term changes, faults, operator actions)
 * kept for the whole run as marks for the timeline.
 *
 * The hash covers kind, virtual time, node, peer, label and two numbers of
 * every record. Labels are hashed by content, not by an interning order, so
 * that the hash does not depend on which host saw a label first.
 */
import { hashString32 } from '../core/prng';
import { hashToHex, mixInt, newRunningHash, type RunningHash } from '../core/hash';

export const TraceKind = {
  send: 1,
  deliver: 2,
  drop: 3,
  timer: 4,
  note: 5,
  commit: 6,
  action: 7,
  propose: 8,
  /** A client operation starts (a = history index). */
  invoke: 9,
  /** A client operation returns (a = history index). */
  complete: 10,
} as const;
export type TraceKindCode = (typeof TraceKind)[keyof typeof TraceKind];
export const traceKindName: Record<number, string> = Object.fromEntries(
  Object.entries(TraceKind).map(([name, code]) => [code, name]),
);

/** Why a message did not arrive. */
export const DropReason = { linkDown: 1, lost: 2, nodeDown: 3 } as const;
export const dropReasonName: Record<number, string> = { 1: 'link down', 2: 'lost', 3: 'node down' };

export interface TraceRecord {
  /** Position in the whole run, from 0. */
  index: number;
  kind: string;
  timeUs: number;
  node: number;
  peer: number;
  label: string;
  a: number;
  b: number;
}

export interface TraceMark {
  timeUs: number;
  kind: string;
  node: number;
  peer: number;
  label: string;
  a: number;
  b: number;
}

/** The checkpointable part of the trace: its hash and position. */
export interface TraceState {
  hash: RunningHash;
  count: number;
}

/**
 * What is recorded about a run as it goes: the recent trace records (a ring),
 * the marks, and the history of committed entries. All of it is append-only,
 * so a checkpoint stores only lengths and a restore cuts it back; it is never
 * copied, which keeps checkpoints cheap however long the run.
 */
export interface Journal {
  capacity: number;
  kind: Uint8Array;
  node: Int32Array;
  peer: Int32Array;
  labelId: Int32Array;
  timeUs: Float64Array;
  a: Float64Array;
  b: Float64Array;
  labels: string[];
  /** label → [id in `labels`, content hash], looked up once per record. */
  labelInfo: Map<string, LabelInfo>;
  /** Sparse records kept for the whole run. */
  marks: TraceMark[];
  /** index → term and command id (-1: no-op) of what was committed there; index 0 is the empty prefix. */
  committedTerm: number[];
  committedCommand: number[];
  /** command id → index it was committed at. */
  indexOfCommand: number[];
  /** index → virtual time it was first applied anywhere. */
  committedAtUs: number[];
  /** command id → virtual time it was proposed (coordinator proposals: load, page, scenarios). */
  proposedAtUs: number[];
  /** Every client operation in invocation order; `returnUs` is filled in when it returns. */
  history: ClientOperationRecord[];
  /** History indices in the order the operations returned. */
  completions: number[];
}

/** One client operation as the clerk saw it. */
export interface ClientOperationRecord {
  client: number;
  kind: 'get' | 'put' | 'append' | 'cas';
  key: string;
  /** put/append/cas: the value written. */
  value: string | null;
  /** cas: the value expected. */
  expected: string | null;
  /** get: the value read; cas: 'true'/'false'. */
  output: string | null;
  invokeUs: number;
  /** null while the operation has not returned. */
  returnUs: number | null;
}

/** Lengths of a journal's append-only parts, stored in a checkpoint. */
export interface JournalMark {
  marks: number;
  committed: number;
  history: number;
  completions: number;
}

export function journalMark(j: Journal): JournalMark {
  return { marks: j.marks.length, committed: j.committedTerm.length, history: j.history.length, completions: j.completions.length };
}

/** Cut a journal back to a checkpoint's lengths. */
export function cutJournal(j: Journal, mark: JournalMark): void {
  j.marks.length = mark.marks;
  for (let index = mark.committed; index < j.committedCommand.length; index++) {
    const command = j.committedCommand[index];
    if (command >= 0) j.indexOfCommand[command] = 0;
  }
  j.committedTerm.length = mark.committed;
  j.committedCommand.length = mark.committed;
  j.committedAtUs.length = mark.committed;
  for (let k = mark.completions; k < j.completions.length; k++) {
    const op = j.history[j.completions[k]];
    if (op !== undefined) {
      op.returnUs = null;
      op.output = null;
    }
  }
  j.completions.length = mark.completions;
  j.history.length = mark.history;
}

export function createTraceState(): TraceState {
  return { hash: newRunningHash(), count: 0 };
}

export function createJournal(capacity: number): Journal {
  return {
    capacity,
    kind: new Uint8Array(capacity),
    node: new Int32Array(capacity),
    peer: new Int32Array(capacity),
    labelId: new Int32Array(capacity),
    timeUs: new Float64Array(capacity),
    a: new Float64Array(capacity),
    b: new Float64Array(capacity),
    labels: [],
    labelInfo: new Map(),
    marks: [],
    committedTerm: [0],
    committedCommand: [-1],
    indexOfCommand: [],
    committedAtUs: [0],
    proposedAtUs: [],
    history: [],
    completions: [],
  };
}

interface LabelInfo {
  id: number;
  hash: number;
}

function labelInfoOf(journal: Journal, label: string): LabelInfo {
  let info = journal.labelInfo.get(label);
  if (info === undefined) {
    info = { id: journal.labels.length, hash: hashString32(label) };
    journal.labels.push(label);
    journal.labelInfo.set(label, info);
  }
  return info;
}

export function record(
  state: TraceState,
  journal: Journal,
  kind: TraceKindCode,
  timeUs: number,
  node: number,
  peer: number,
  label: string,
  a: number,
  b: number,
): void {
  const h = state.hash;
  // kind (4 bits), node and peer (12 bits each, +1 so that -1 fits) in one word.
  mixInt(h, ((kind << 24) | (((node + 1) & 0xfff) << 12) | ((peer + 1) & 0xfff)) >>> 0);
  mixInt(h, timeUs);
  const info = labelInfoOf(journal, label);
  mixInt(h, info.hash);
  mixInt(h, a < 0 ? 0xffffffff : a);
  mixInt(h, b < 0 ? 0xfffffffe : b);
  const slot = state.count % journal.capacity;
  journal.kind[slot] = kind;
  journal.node[slot] = node;
  journal.peer[slot] = peer;
  journal.labelId[slot] = info.id;
  journal.timeUs[slot] = timeUs;
  journal.a[slot] = a;
  journal.b[slot] = b;
  state.count++;
  if (kind === TraceKind.note || kind === TraceKind.action) {
    journal.marks.push({ timeUs, kind: traceKindName[kind], node, peer, label, a, b });
  }
}

export function traceHashHex(state: TraceState): string {
  return hashToHex(state.hash);
}

/** Records from position `from` (inclusive) that are still in the journal, at most `limit`. */
export function readTrace(state: TraceState, journal: Journal, from: number, limit: number): TraceRecord[] {
  const oldest = Math.max(0, state.count - journal.capacity);
  const start = Math.max(from, oldest);
  const end = Math.min(state.count, start + limit);
  const out: TraceRecord[] = [];
  for (let i = start; i < end; i++) {
    const slot = i % journal.capacity;
    out.push({
      index: i,
      kind: traceKindName[journal.kind[slot]],
      timeUs: journal.timeUs[slot],
      node: journal.node[slot],
      peer: journal.peer[slot],
      label: journal.labels[journal.labelId[slot]],
      a: journal.a[slot],
      b: journal.b[slot],
    });
  }
  return out;
}
