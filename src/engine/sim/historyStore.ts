/**
 * The client history of a run, kept in columns (typed arrays for numbers,
 * plain arrays for strings) rather than one object per operation: a long
 * run records millions of operations, and columns cost a few tens of bytes
 * each and almost nothing for the garbage collector. Records are made on
 * demand when someone reads them (the page, the checker, the CLI).
 *
 * Like the rest of the journal, the store has a logical length that a
 * checkpoint restore moves back or forth; returns are also kept in the
 * order they happened, so that moving forward can redo them.
 */
import type { ClientOperationRecord } from './trace';

const kinds = ['get', 'put', 'append', 'cas'] as const;
type OpKind = (typeof kinds)[number];
const kindCode: Record<OpKind, number> = { get: 0, put: 1, append: 2, cas: 3 };

export interface HistoryStore {
  length: number;
  client: Int32Array;
  kind: Uint8Array;
  shard: Int16Array;
  invokeUs: Float64Array;
  /** NaN while the operation has not returned. */
  returnUs: Float64Array;
  /** NaN: never refused. */
  refusedAtUs: Float64Array;
  key: string[];
  value: (string | null)[];
  expected: (string | null)[];
  output: (string | null)[];
  /** Returns in the order they happened. */
  doneLength: number;
  doneIndex: Int32Array;
  doneReturnUs: Float64Array;
  doneOutput: (string | null)[];
}

export function createHistoryStore(capacity = 1024): HistoryStore {
  return {
    length: 0,
    client: new Int32Array(capacity),
    kind: new Uint8Array(capacity),
    shard: new Int16Array(capacity),
    invokeUs: new Float64Array(capacity),
    returnUs: new Float64Array(capacity),
    refusedAtUs: new Float64Array(capacity),
    key: [],
    value: [],
    expected: [],
    output: [],
    doneLength: 0,
    doneIndex: new Int32Array(capacity),
    doneReturnUs: new Float64Array(capacity),
    doneOutput: [],
  };
}

function grown<T extends Int32Array | Uint8Array | Int16Array | Float64Array>(a: T, needed: number): T {
  if (needed <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(needed, a.length * 2));
  next.set(a);
  return next;
}

function setAt<T>(list: T[], at: number, v: T): void {
  if (at < list.length) list[at] = v;
  else list.push(v);
}

/** Record an invocation; returns its index. */
export function storeInvoke(h: HistoryStore, client: number, kind: OpKind, key: string, value: string | null, expected: string | null, invokeUs: number, shard: number): number {
  const i = h.length++;
  h.client = grown(h.client, h.length);
  h.kind = grown(h.kind, h.length);
  h.shard = grown(h.shard, h.length);
  h.invokeUs = grown(h.invokeUs, h.length);
  h.returnUs = grown(h.returnUs, h.length);
  h.refusedAtUs = grown(h.refusedAtUs, h.length);
  h.client[i] = client;
  h.kind[i] = kindCode[kind];
  h.shard[i] = shard;
  h.invokeUs[i] = invokeUs;
  h.returnUs[i] = NaN;
  h.refusedAtUs[i] = NaN;
  setAt(h.key, i, key);
  setAt(h.value, i, value);
  setAt(h.expected, i, expected);
  setAt(h.output, i, null);
  return i;
}

export function storeRefusal(h: HistoryStore, index: number, atUs: number): void {
  h.refusedAtUs[index] = atUs;
}

export function storeReturn(h: HistoryStore, index: number, returnUs: number, output: string | null): void {
  h.returnUs[index] = returnUs;
  h.output[index] = output;
  const k = h.doneLength++;
  h.doneIndex = grown(h.doneIndex, h.doneLength);
  h.doneReturnUs = grown(h.doneReturnUs, h.doneLength);
  h.doneIndex[k] = index;
  h.doneReturnUs[k] = returnUs;
  setAt(h.doneOutput, k, output);
}

/** Move to a checkpoint's lengths: returns past it are undone, returns before it redone. */
export function moveHistory(h: HistoryStore, length: number, doneLength: number): void {
  for (let k = doneLength; k < h.doneLength; k++) {
    const i = h.doneIndex[k];
    h.returnUs[i] = NaN;
    h.output[i] = null;
  }
  for (let k = h.doneLength; k < doneLength; k++) {
    const i = h.doneIndex[k];
    h.returnUs[i] = h.doneReturnUs[k];
    h.output[i] = h.doneOutput[k];
  }
  h.length = length;
  h.doneLength = doneLength;
}

/** Forget everything past the logical lengths (a fork). */
export function truncateHistory(h: HistoryStore): void {
  h.key.length = h.length;
  h.value.length = h.length;
  h.expected.length = h.length;
  h.output.length = h.length;
  h.doneOutput.length = h.doneLength;
}

export function historyRecord(h: HistoryStore, i: number): ClientOperationRecord {
  const returnUs = h.returnUs[i];
  const refused = h.refusedAtUs[i];
  const record: ClientOperationRecord = {
    client: h.client[i],
    kind: kinds[h.kind[i]],
    key: h.key[i],
    value: h.value[i],
    expected: h.expected[i],
    output: h.output[i],
    invokeUs: h.invokeUs[i],
    returnUs: Number.isNaN(returnUs) ? null : returnUs,
  };
  if (h.shard[i] >= 0) record.shard = h.shard[i];
  if (!Number.isNaN(refused)) record.refusedAtUs = refused;
  return record;
}

export function historyRecords(h: HistoryStore, from: number, to = h.length): ClientOperationRecord[] {
  const out: ClientOperationRecord[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, h.length); i++) out.push(historyRecord(h, i));
  return out;
}
