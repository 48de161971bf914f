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
import { hashToHex, mixFive, newRunningHash, type RunningHash } from '../core/hash';
import { createHistoryStore, moveHistory, truncateHistory, type HistoryStore } from './historyStore';

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
 * the marks, the history of committed entries and the client history. Each
 * part is an array with a logical length. A checkpoint stores only lengths;
 * restoring one (earlier or later than now) moves the lengths, and replay
 * rewrites the same values in place, since a run is deterministic. So
 * checkpoints never copy history, and time travel can jump both ways. Only a
 * fork (acting in the past) truncates the arrays.
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
  /** Ring slots hold valid records only from this trace position on (set by a restore). */
  ringValidFrom: number;
  labels: string[];
  /** label → [id in `labels`, content hash], looked up once per record. */
  labelInfo: Map<string, LabelInfo>;
  /** The last label recorded and its entry (a one-entry cache in front of `labelInfo`). */
  lastLabel: string | null;
  lastLabelInfo: LabelInfo;
  /** Sparse records kept for the whole run; the first `marksLength` are current. */
  marks: TraceMark[];
  marksLength: number;
  /** index → term and command id (-1: no-op) of what was committed there; index 0 is the empty prefix. */
  committedTerm: number[];
  committedCommand: number[];
  /** index → virtual time it was first applied anywhere. */
  committedAtUs: number[];
  committedLength: number;
  /** command id → index it was committed at (coordinator proposals only: page, load, scenarios). */
  indexOfCommand: number[];
  /** command id → virtual time it was proposed (coordinator proposals). */
  proposedAtUs: number[];
  /** Sharded worlds: the committed logs of groups 1, 2, … (group 0's is above), checked the same way. */
  groupCommits: GroupCommitLog[];
  /** Every client operation in invocation order, and their returns in the order they happened (historyStore.ts). */
  history: HistoryStore;
}

export interface GroupCommitLog {
  committedTerm: number[];
  committedCommand: number[];
  committedLength: number;
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
  /** Sharded store: the key's shard. */
  shard?: number;
  /** Sharded store: when a group first answered `wrong-group` or `not-ready` to this operation. */
  refusedAtUs?: number;
}

/** Logical lengths of a journal's parts, stored in a checkpoint. */
export interface JournalMark {
  marks: number;
  committed: number;
  groupCommitted: number[];
  history: number;
  completions: number;
}

export function journalMark(j: Journal): JournalMark {
  return {
    marks: j.marksLength,
    committed: j.committedLength,
    groupCommitted: j.groupCommits.map((g) => g.committedLength),
    history: j.history.length,
    completions: j.history.doneLength,
  };
}

/** Write `value` at logical position `at` of `list` (overwriting a replayed slot, or appending). */
function put<T>(list: T[], at: number, value: T): void {
  if (at < list.length) list[at] = value;
  else list.push(value);
}

export function appendMark(j: Journal, mark: TraceMark): void {
  put(j.marks, j.marksLength++, mark);
}

/** Commands the coordinator numbers (below this) are indexed; client commands are not. */
const indexedCommandLimit = 2 ** 30;

export function appendCommitted(j: Journal, term: number, command: number, atUs: number): void {
  const index = j.committedLength++;
  put(j.committedTerm, index, term);
  put(j.committedCommand, index, command);
  put(j.committedAtUs, index, atUs);
  if (command >= 0 && command < indexedCommandLimit) j.indexOfCommand[command] = index;
}

/** A commit of group `group` ≥ 1 (sharded worlds). */
export function appendGroupCommitted(j: Journal, group: number, term: number, command: number): void {
  const log = j.groupCommits[group - 1];
  const index = log.committedLength++;
  put(log.committedTerm, index, term);
  put(log.committedCommand, index, command);
}

/**
 * Move a journal to a checkpoint's lengths, back or forward. Returns undone
 * going back are cleared from their operations, and redone going forward.
 * `traceCount` is the trace position restored: ring slots before it are stale.
 */
export function moveJournal(j: Journal, mark: JournalMark, traceCount: number): void {
  moveHistory(j.history, mark.history, mark.completions);
  j.marksLength = mark.marks;
  j.committedLength = mark.committed;
  j.groupCommits.forEach((g, i) => (g.committedLength = mark.groupCommitted[i]));
  j.ringValidFrom = traceCount;
}

/**
 * Acting in the past forks the run: what was recorded past the present
 * belongs to the abandoned future. Drop it, and forget the indexes of
 * commands committed only there and the proposal times of ids past `commandCounter`.
 */
export function forkJournal(j: Journal, commandCounter: number): void {
  for (let index = j.committedLength; index < j.committedCommand.length; index++) {
    const command = j.committedCommand[index];
    if (command >= 0 && command < indexedCommandLimit && j.indexOfCommand[command] === index) j.indexOfCommand[command] = 0;
  }
  j.marks.length = j.marksLength;
  j.committedTerm.length = j.committedLength;
  j.committedCommand.length = j.committedLength;
  j.committedAtUs.length = j.committedLength;
  for (const g of j.groupCommits) {
    g.committedTerm.length = g.committedLength;
    g.committedCommand.length = g.committedLength;
  }
  truncateHistory(j.history);
  if (j.proposedAtUs.length > commandCounter + 1) j.proposedAtUs.length = commandCounter + 1;
}

export function createTraceState(): TraceState {
  return { hash: newRunningHash(), count: 0 };
}

export function createJournal(capacity: number, groupCount = 1): Journal {
  return {
    capacity,
    kind: new Uint8Array(capacity),
    node: new Int32Array(capacity),
    peer: new Int32Array(capacity),
    labelId: new Int32Array(capacity),
    timeUs: new Float64Array(capacity),
    a: new Float64Array(capacity),
    b: new Float64Array(capacity),
    ringValidFrom: 0,
    labels: [],
    labelInfo: new Map(),
    lastLabel: null,
    lastLabelInfo: Object.freeze({ id: -1, hash: 0, label: '' }),
    marks: [],
    marksLength: 0,
    committedTerm: [0],
    committedCommand: [-1],
    committedAtUs: [0],
    committedLength: 1,
    indexOfCommand: [],
    proposedAtUs: [],
    groupCommits: Array.from({ length: groupCount - 1 }, () => ({ committedTerm: [0], committedCommand: [-1], committedLength: 1 })),
    history: createHistoryStore(),
  };
}

/** A label as the journal knows it: its id in `labels` and its content hash. Immutable (checkpoints share it). */
export interface LabelInfo {
  readonly id: number;
  readonly hash: number;
  readonly label: string;
}

function labelInfoOf(journal: Journal, label: string): LabelInfo {
  let info = journal.labelInfo.get(label);
  if (info === undefined) {
    info = Object.freeze({ id: journal.labels.length, hash: hashString32(label), label });
    journal.labels.push(label);
    journal.labelInfo.set(label, info);
  }
  return info;
}

/** The journal's entry for `label` (a message's type, a note's kind…). */
export function labelOf(journal: Journal, label: string): LabelInfo {
  // Consecutive records often share a label (a leader's appends to each follower, a run of commits).
  if (label === journal.lastLabel) return journal.lastLabelInfo;
  const info = labelInfoOf(journal, label);
  journal.lastLabel = label;
  journal.lastLabelInfo = info;
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
  recordLabelled(state, journal, kind, timeUs, node, peer, labelOf(journal, label), a, b);
}

/** `record` with the label already looked up (a delivery reuses its send's). */
export function recordLabelled(
  state: TraceState,
  journal: Journal,
  kind: TraceKindCode,
  timeUs: number,
  node: number,
  peer: number,
  info: LabelInfo,
  a: number,
  b: number,
): void {
  // kind (4 bits), node and peer (12 bits each, +1 so that -1 fits) in one word.
  const word = ((kind << 24) | (((node + 1) & 0xfff) << 12) | ((peer + 1) & 0xfff)) >>> 0;
  mixFive(state.hash, word, timeUs, info.hash, a < 0 ? 0xffffffff : a, b < 0 ? 0xfffffffe : b);
  const slot = state.count % journal.capacity;
  journal.kind[slot] = kind;
  journal.node[slot] = node;
  journal.peer[slot] = peer;
  journal.labelId[slot] = info.id;
  journal.timeUs[slot] = timeUs;
  journal.a[slot] = a;
  journal.b[slot] = b;
  state.count++;
  if ((kind === TraceKind.note && !chatterNotes.has(info.label)) || kind === TraceKind.action) {
    appendMark(journal, { timeUs, kind: traceKindName[kind], node, peer, label: info.label, a, b });
  }
}

/**
 * Notes that come with ordinary message traffic (a follower refusing an
 * out-of-order append happens hundreds of times a second under load): they
 * stay in the trace and its hash, but are not kept for the whole run as marks.
 */
const chatterNotes: ReadonlySet<string> = new Set(['reject-append']);

export function traceHashHex(state: TraceState): string {
  return hashToHex(state.hash);
}

/** Records from position `from` (inclusive) that are still in the journal, at most `limit`. */
export function readTrace(state: TraceState, journal: Journal, from: number, limit: number): TraceRecord[] {
  const oldest = Math.max(0, state.count - journal.capacity, journal.ringValidFrom);
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
