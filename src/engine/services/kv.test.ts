/**
 * The key-value state machine alone: Get/Put/Append/compare-and-set, the
 * exactly-once table (PROTOCOLS.md, "Exactly-once client operations": the
 * last sequence number applied per client and its reply live inside the
 * state, so they survive snapshots), snapshot and restore, and the
 * `forget-sessions` bug that leaves the table out of snapshots.
 */
import { describe, expect, it } from 'vitest';
import type { KvOp } from '../clients/messages';
import type { CommittedEntry } from '../protocols/contract';
import { applyKvOp, createKvService, type KvApplyResult, type KvCommandBody, type KvState } from './kv';

const kv = createKvService({ forgetSessionsInSnapshots: false });
const forgetful = createKvService({ forgetSessionsInSnapshots: true });

let nextIndex = 1;
function entry(client: number, seq: number, op: KvOp): CommittedEntry {
  const body: KvCommandBody = { client, seq, op };
  const index = nextIndex++;
  return { index, term: 1, command: { id: index, body, bytes: 16 } };
}

function apply(service: typeof kv, state: KvState, client: number, seq: number, op: KvOp): KvApplyResult | null {
  return service.apply(state, entry(client, seq, op)) as KvApplyResult | null;
}

const get = (key: string): KvOp => ({ kind: 'get', key });
const put = (key: string, value: string): KvOp => ({ kind: 'put', key, value });
const append = (key: string, value: string): KvOp => ({ kind: 'append', key, value });
const cas = (key: string, expected: string, value: string): KvOp => ({ kind: 'cas', key, expected, value });

describe('key-value operations', () => {
  it('reads a missing key as the empty string', () => {
    const data: Record<string, string> = {};
    expect(applyKvOp(data, get('x'))).toBe('');
    expect(data).toEqual({});
  });

  it('puts replace, appends concatenate (an append to a missing key starts from "")', () => {
    const data: Record<string, string> = {};
    expect(applyKvOp(data, append('x', 'a'))).toBeNull();
    expect(applyKvOp(data, append('x', 'b'))).toBeNull();
    expect(applyKvOp(data, get('x'))).toBe('ab');
    expect(applyKvOp(data, put('x', 'c'))).toBeNull();
    expect(applyKvOp(data, get('x'))).toBe('c');
    expect(applyKvOp(data, get('y'))).toBe('');
  });

  it('compare-and-set writes only when the current value matches, and says whether it did', () => {
    const data: Record<string, string> = {};
    expect(applyKvOp(data, cas('x', 'nope', 'v1'))).toBe('false');
    expect(data['x']).toBeUndefined();
    // A missing key holds "", so a CAS expecting "" succeeds on it.
    expect(applyKvOp(data, cas('x', '', 'v1'))).toBe('true');
    expect(applyKvOp(data, cas('x', 'v1', 'v2'))).toBe('true');
    expect(applyKvOp(data, cas('x', 'v1', 'v3'))).toBe('false');
    expect(data['x']).toBe('v2');
  });
});

describe('the replicated service', () => {
  it('applies committed commands in order and answers each client', () => {
    const s = kv.create();
    expect(apply(kv, s, 1, 1, put('k', 'a'))).toEqual({ client: 1, seq: 1, value: null });
    expect(apply(kv, s, 2, 1, append('k', 'b'))).toEqual({ client: 2, seq: 1, value: null });
    expect(apply(kv, s, 1, 2, get('k'))).toEqual({ client: 1, seq: 2, value: 'ab' });
    expect(apply(kv, s, 2, 2, cas('k', 'ab', 'z'))).toEqual({ client: 2, seq: 2, value: 'true' });
    expect(s.data).toEqual({ k: 'z' });
    expect(s.appliedOps).toBe(4);
    expect(s.duplicates).toBe(0);
  });

  it('ignores no-op entries of a new leader', () => {
    const s = kv.create();
    expect(kv.apply(s, { index: 1, term: 3, command: null })).toBeNull();
    expect(s).toEqual(kv.create());
  });

  it('leaves the store as it is for commands that are not client requests (steady load, the page’s commands)', () => {
    const s = kv.create();
    apply(kv, s, 1, 1, put('k', 'v'));
    const before = JSON.parse(JSON.stringify(s)) as KvState;
    expect(kv.apply(s, { index: 99, term: 1, command: { id: 99, body: 'load7', bytes: 64 } })).toBeNull();
    expect(s).toEqual(before);
  });

  it('applies a retried request once and answers the retry from the exactly-once table', () => {
    const s = kv.create();
    apply(kv, s, 7, 1, append('k', 'x'));
    // The reply was lost; the clerk retried with the same sequence number and the retry was committed too.
    expect(apply(kv, s, 7, 1, append('k', 'x'))).toEqual({ client: 7, seq: 1, value: null });
    expect(s.data['k']).toBe('x');
    expect(s.appliedOps).toBe(1);
    expect(s.duplicates).toBe(1);
  });

  it('answers a retried Get with the value it read the first time, not the current one', () => {
    const s = kv.create();
    apply(kv, s, 1, 1, put('k', 'old'));
    expect(apply(kv, s, 2, 1, get('k'))?.value).toBe('old');
    apply(kv, s, 1, 2, put('k', 'new'));
    expect(apply(kv, s, 2, 1, get('k'))?.value).toBe('old');
    expect(s.sessions[2]).toEqual({ seq: 1, reply: 'old' });
  });

  it('gives a request older than the client’s last one no effect and no answer', () => {
    const s = kv.create();
    apply(kv, s, 3, 1, append('k', 'a'));
    apply(kv, s, 3, 2, append('k', 'b'));
    expect(apply(kv, s, 3, 1, append('k', 'a'))).toEqual({ client: 3, seq: 1, value: null });
    expect(s.data['k']).toBe('ab');
    expect(s.sessions[3]).toEqual({ seq: 2, reply: null });
    expect(s.duplicates).toBe(1);
  });

  it('keeps one session per client, so clients do not shadow each other', () => {
    const s = kv.create();
    apply(kv, s, 1, 5, append('k', 'a'));
    apply(kv, s, 2, 1, append('k', 'b'));
    apply(kv, s, 2, 2, append('k', 'c'));
    expect(s.data['k']).toBe('abc');
    expect(Object.keys(s.sessions).sort()).toEqual(['1', '2']);
  });

  it('counts its size by data and sessions', () => {
    const s = kv.create();
    const empty = kv.sizeBytes(s);
    apply(kv, s, 1, 1, put('key', 'value'));
    const one = kv.sizeBytes(s);
    expect(one).toBeGreaterThan(empty);
    apply(kv, s, 1, 2, put('key', 'value-that-is-longer'));
    expect(kv.sizeBytes(s)).toBeGreaterThan(one);
  });
});

describe('snapshots', () => {
  function busyState(): KvState {
    const s = kv.create();
    apply(kv, s, 1, 1, put('a', '1'));
    apply(kv, s, 2, 1, append('b', 'x'));
    apply(kv, s, 2, 2, get('a'));
    apply(kv, s, 2, 2, get('a'));
    return s;
  }

  it('round-trips data, the exactly-once table and the counters', () => {
    const s = busyState();
    const restored = kv.restore(JSON.parse(JSON.stringify(kv.snapshot(s)))) as KvState;
    expect(restored).toEqual(s);
    // The restored table still recognizes the retry.
    expect(apply(kv, restored, 1, 1, put('a', '1'))?.value).toBeNull();
    expect(apply(kv, restored, 2, 2, get('a'))?.value).toBe('1');
    expect(restored.appliedOps).toBe(s.appliedOps);
    expect(restored.duplicates).toBe(s.duplicates + 2);
  });

  it('is a frozen copy: later writes change neither the snapshot nor a state restored from it', () => {
    const s = busyState();
    const snap = kv.snapshot(s) as KvState;
    expect(Object.isFrozen(snap)).toBe(true);
    expect(Object.isFrozen(snap.data)).toBe(true);
    apply(kv, s, 1, 2, put('a', 'changed'));
    expect(snap.data['a']).toBe('1');
    const restored = kv.restore(snap) as KvState;
    apply(kv, restored, 3, 1, put('c', 'new'));
    expect(snap.data['c']).toBeUndefined();
    expect(snap.sessions[3]).toBeUndefined();
    expect((kv.restore(snap) as KvState).data).toEqual({ a: '1', b: 'x' });
  });

  it('with forget-sessions, leave out the table, so a retry after a restore is applied twice (the bug)', () => {
    const s = forgetful.create();
    apply(forgetful, s, 1, 1, append('k', 'x'));
    const restored = forgetful.restore(forgetful.snapshot(s)) as KvState;
    expect(restored.data).toEqual({ k: 'x' });
    expect(restored.sessions).toEqual({});
    apply(forgetful, restored, 1, 1, append('k', 'x'));
    expect(restored.data['k']).toBe('xx');
    // The correct service, from the same history, applies it once.
    const kept = kv.restore(kv.snapshot(s)) as KvState;
    apply(kv, kept, 1, 1, append('k', 'x'));
    expect(kept.data['k']).toBe('x');
  });
});
