/**
 * The trace: every event of a run, folded into a stable 64-bit hash, with the
 * most recent events kept in a ring of typed arrays for the page, and the
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

export interface TraceRing {
  capacity: number;
  kind: Uint8Array;
  node: Int32Array;
  peer: Int32Array;
  labelId: Int32Array;
  timeUs: Float64Array;
  a: Float64Array;
  b: Float64Array;
  labels: string[];
  labelIds: Map<string, number>;
  labelHashes: Map<string, number>;
  /** Sparse records kept for the whole run; a restored checkpoint cuts them back. */
  marks: TraceMark[];
}

export function createTraceState(): TraceState {
  return { hash: newRunningHash(), count: 0 };
}

export function createTraceRing(capacity: number): TraceRing {
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
    labelIds: new Map(),
    labelHashes: new Map(),
    marks: [],
  };
}

function labelHash(ring: TraceRing, label: string): number {
  let h = ring.labelHashes.get(label);
  if (h === undefined) {
    h = hashString32(label);
    ring.labelHashes.set(label, h);
  }
  return h;
}

function labelIdOf(ring: TraceRing, label: string): number {
  let id = ring.labelIds.get(label);
  if (id === undefined) {
    id = ring.labels.length;
    ring.labels.push(label);
    ring.labelIds.set(label, id);
  }
  return id;
}

export function record(
  state: TraceState,
  ring: TraceRing,
  kind: TraceKindCode,
  timeUs: number,
  node: number,
  peer: number,
  label: string,
  a: number,
  b: number,
): void {
  const h = state.hash;
  mixInt(h, kind);
  mixInt(h, timeUs);
  mixInt(h, node + 1);
  mixInt(h, peer + 1);
  mixInt(h, labelHash(ring, label));
  mixInt(h, a < 0 ? 0xffffffff : a);
  mixInt(h, b < 0 ? 0xfffffffe : b);
  const slot = state.count % ring.capacity;
  ring.kind[slot] = kind;
  ring.node[slot] = node;
  ring.peer[slot] = peer;
  ring.labelId[slot] = labelIdOf(ring, label);
  ring.timeUs[slot] = timeUs;
  ring.a[slot] = a;
  ring.b[slot] = b;
  state.count++;
  if (kind === TraceKind.note || kind === TraceKind.action) {
    ring.marks.push({ timeUs, kind: traceKindName[kind], node, peer, label, a, b });
  }
}

export function traceHashHex(state: TraceState): string {
  return hashToHex(state.hash);
}

/** Records from position `from` (inclusive) that are still in the ring, at most `limit`. */
export function readTrace(state: TraceState, ring: TraceRing, from: number, limit: number): TraceRecord[] {
  const oldest = Math.max(0, state.count - ring.capacity);
  const start = Math.max(from, oldest);
  const end = Math.min(state.count, start + limit);
  const out: TraceRecord[] = [];
  for (let i = start; i < end; i++) {
    const slot = i % ring.capacity;
    out.push({
      index: i,
      kind: traceKindName[ring.kind[slot]],
      timeUs: ring.timeUs[slot],
      node: ring.node[slot],
      peer: ring.peer[slot],
      label: ring.labels[ring.labelId[slot]],
      a: ring.a[slot],
      b: ring.b[slot],
    });
  }
  return out;
}
