import { describe, expect, it } from 'vitest';
import { check, InvalidHistoryError } from './checker';
import type { Operation, RegisterValue } from './history';
import { kvModel, registerModel } from './models';
import { isWitness } from './naive';

// Builders: times are [call, return]; a null return means the client never heard back.
type Draft = Operation extends infer O ? (O extends Operation ? Omit<O, 'id' | 'client'> : never) : never;
const span = (call: number, ret: number | null, outcome?: Operation['outcome']) => ({
  invokeUs: call,
  returnUs: ret,
  outcome: outcome ?? (ret === null ? ('unknown' as const) : ('ok' as const)),
});
const write = (value: RegisterValue, call: number, ret: number | null, outcome?: Operation['outcome']): Draft => ({
  kind: 'write', key: '', value, ...span(call, ret, outcome),
});
const read = (output: RegisterValue, call: number, ret: number | null): Draft => ({ kind: 'read', key: '', output, ...span(call, ret) });
const cas = (expected: RegisterValue, value: RegisterValue, output: boolean, call: number, ret: number | null): Draft => ({
  kind: 'cas', key: '', expected, value, output, ...span(call, ret),
});
const put = (key: string, value: string, call: number, ret: number | null): Draft => ({ kind: 'put', key, value, ...span(call, ret) });
const append = (key: string, value: string, call: number, ret: number | null): Draft => ({ kind: 'append', key, value, ...span(call, ret) });
const get = (key: string, output: string, call: number, ret: number | null): Draft => ({ kind: 'get', key, output, ...span(call, ret) });

/** Ids and clients in order: op i is client i's only operation. */
function history(...drafts: Draft[]): Operation[] {
  return drafts.map((d, i) => ({ ...d, id: i, client: i }) as Operation);
}

describe('register histories (Herlihy & Wing §2 examples)', () => {
  it('a read after a completed write must see it: a stale read is a violation', () => {
    const h = history(write(1, 0, 10), read(null, 20, 30));
    const result = check(h, registerModel);
    expect(result.verdict).toBe('not-linearizable');
    expect(result.failingPartition).toEqual({ key: '', operations: [0, 1] });
    expect(result.linearization[0].order).toEqual([0]);
    expect(result.linearization[0].stuck).toEqual([1]);
  });

  it('a read concurrent with a write may see the old or the new value', () => {
    expect(check(history(write(1, 0, 10), read(null, 5, 15)), registerModel).verdict).toBe('linearizable');
    expect(check(history(write(1, 0, 10), read(1, 5, 15)), registerModel).verdict).toBe('linearizable');
  });

  it('concurrent writes may land in either order, but then every later reader agrees', () => {
    const both = [write(1, 0, 10), write(2, 0, 10)];
    expect(check(history(...both, read(2, 20, 30), read(2, 40, 50)), registerModel).verdict).toBe('linearizable');
    expect(check(history(...both, read(1, 20, 30), read(1, 40, 50)), registerModel).verdict).toBe('linearizable');
    // Once a reader saw 2 after both writes finished, a later reader cannot see 1.
    expect(check(history(...both, read(2, 20, 30), read(1, 40, 50)), registerModel).verdict).toBe('not-linearizable');
  });

  it('two reads may not see the new value then the old one (the 6.824 quiz example)', () => {
    // Porcupine's TestRegisterModel: put 100 over [0,100]; reads over [25,75] and [30,60].
    const ok = history(put('x', '100', 0, 100), get('x', '100', 25, 75), get('x', '', 30, 60));
    expect(check(ok, kvModel).verdict).toBe('linearizable');
    const bad = history(put('x', '200', 0, 100), get('x', '200', 10, 30), get('x', '', 40, 90));
    expect(check(bad, kvModel).verdict).toBe('not-linearizable');
  });

  it('a return and a call at the same microsecond are concurrent', () => {
    expect(check(history(write(1, 0, 10), read(null, 10, 20)), registerModel).verdict).toBe('linearizable');
    expect(check(history(write(1, 0, 10), read(null, 11, 20)), registerModel).verdict).toBe('not-linearizable');
  });

  it('a write whose outcome is unknown may take effect late, long after the client gave up', () => {
    const h = history(write(1, 0, null), read(null, 10, 20), read(null, 30, 40), read(1, 1000, 1010));
    const result = check(h, registerModel);
    expect(result.verdict).toBe('linearizable');
    expect(result.linearization[0].order).toEqual([1, 2, 0, 3]);
  });

  it('a write whose outcome is unknown may never take effect', () => {
    expect(check(history(write(1, 0, null), read(null, 10, 20), read(null, 1000, 1010)), registerModel).verdict).toBe(
      'linearizable',
    );
  });

  it('a write whose outcome is unknown cannot take effect before its call', () => {
    expect(check(history(read(1, 0, 5), write(1, 10, null)), registerModel).verdict).toBe('not-linearizable');
  });

  it('a write that failed had no effect', () => {
    expect(check(history(write(5, 0, 10, 'fail'), read(5, 20, 30)), registerModel).verdict).toBe('not-linearizable');
    expect(check(history(write(5, 0, 10, 'fail'), read(null, 20, 30)), registerModel).verdict).toBe('linearizable');
  });

  it('a cas that reported failure observed a different value, so it constrains the history', () => {
    // Jepsen's `:fail :cas`: the register held 0, so cas(0 -> 1) cannot have failed.
    expect(check(history(write(0, 0, 10), cas(0, 1, false, 20, 30)), registerModel).verdict).toBe('not-linearizable');
    expect(check(history(write(0, 0, 10), cas(3, 1, false, 20, 30)), registerModel).verdict).toBe('linearizable');
    expect(check(history(write(0, 0, 10), cas(0, 1, true, 20, 30), read(1, 40, 50)), registerModel).verdict).toBe(
      'linearizable',
    );
  });

  it('a cas whose outcome is unknown swaps only if it lands where the value matches', () => {
    const unknownCas: Draft = { kind: 'cas', key: '', expected: 0, value: 7, ...span(20, null) };
    expect(check(history(write(0, 0, 10), unknownCas, read(7, 30, 40)), registerModel).verdict).toBe('linearizable');
    expect(check(history(write(2, 0, 10), unknownCas, read(7, 30, 40)), registerModel).verdict).toBe('not-linearizable');
  });
});

describe('key-value histories', () => {
  it('a key never written reads as the empty string; append concatenates', () => {
    const h = history(get('a', '', 0, 1), append('a', 'x', 2, 3), append('a', 'y', 4, 5), get('a', 'xy', 6, 7));
    expect(check(h, kvModel).verdict).toBe('linearizable');
    expect(check(history(append('a', 'x', 0, 1), append('a', 'y', 2, 3), get('a', 'yx', 4, 5)), kvModel).verdict).toBe(
      'not-linearizable',
    );
  });

  it('checks keys apart and reports the smallest failing key, with the same verdict unpartitioned', () => {
    const h = history(
      put('big', 'a', 0, 10),
      get('big', 'a', 20, 30),
      put('big', 'b', 40, 50),
      get('big', 'a', 60, 70), // stale: 'b' was put before
      put('small', 'z', 0, 10),
      get('small', '', 20, 30), // stale
      put('fine', 'q', 0, 10),
    );
    const result = check(h, kvModel);
    expect(result.verdict).toBe('not-linearizable');
    expect(result.partitions).toBe(3);
    expect(result.failingPartition).toEqual({ key: 'small', operations: [4, 5] });
    expect(result.linearization.map((p) => p.key)).toEqual(['fine', 'small', 'big']);
    const whole = check(h, kvModel, { partition: false });
    expect(whole.verdict).toBe('not-linearizable');
    expect(whole.failingPartition?.key).toBeNull();
  });

  it('reports a witness order for each key of a linearizable history', () => {
    const h = history(
      append('k', '1', 0, 50),
      append('k', '2', 10, 60),
      get('k', '21', 70, 80),
      put('j', 'v', 0, 5),
      get('j', 'v', 5, 6),
    );
    const result = check(h, kvModel);
    expect(result.verdict).toBe('linearizable');
    for (const p of result.linearization) {
      expect(isWitness(h.filter((op) => op.key === p.key), p.order)).toBe(true);
    }
    expect(result.linearization.find((p) => p.key === 'k')?.order).toEqual([1, 0, 2]);
  });

  it('drops failed operations and reads that never returned before searching', () => {
    const h = history(get('a', 'zzz', 0, null), put('a', 'x', 0, 10), get('a', 'x', 20, 30));
    const unanswered = { ...h[0], outcome: 'unknown' } as Operation;
    const result = check([unanswered, h[1], h[2]], kvModel);
    expect(result.verdict).toBe('linearizable');
    expect(result.operations).toBe(3);
    expect(result.linearization[0].operations).toEqual([1, 2]);
  });
});

describe('budget: running out is unknown, never a pass', () => {
  // Many concurrent appends and one impossible read: the search must backtrack a lot.
  const hard = history(
    ...Array.from({ length: 7 }, (_, i) => append('k', String(i), 0, 100)),
    get('k', '6543210x', 200, 300),
  );

  it('a step limit gives unknown', () => {
    expect(check(hard, kvModel).verdict).toBe('not-linearizable');
    const limited = check(hard, kvModel, { maxSteps: 50 });
    expect(limited.verdict).toBe('unknown');
    expect(limited.steps).toBeLessThanOrEqual(50);
    expect(limited.linearization[0].verdict).toBe('unknown');
  });

  it('a time limit uses only the injected clock', () => {
    let now = 0;
    const clock = (): number => (now += 5);
    const result = check(hard, kvModel, { timeLimitMs: 1, clock });
    expect(result.verdict).toBe('unknown');
    expect(result.elapsedMs).toBeGreaterThan(0);
    expect(check(hard, kvModel, { timeLimitMs: 0, clock }).verdict).toBe('unknown');
    expect(check(hard, kvModel).elapsedMs).toBeNull();
  });

  it('a time limit without a clock is refused', () => {
    expect(() => check(hard, kvModel, { timeLimitMs: 10 })).toThrow(/needs a clock/);
  });

  it('an empty history is linearizable', () => {
    const result = check([], registerModel);
    expect(result).toMatchObject({ verdict: 'linearizable', operations: 0, partitions: 0, steps: 0 });
  });
});

describe('malformed histories', () => {
  it('rejects duplicate ids, kinds the model does not know and ok operations without a return', () => {
    const h = history(write(1, 0, 10));
    expect(() => check([...h, { ...h[0] }], registerModel)).toThrow(InvalidHistoryError);
    expect(() => check(h, kvModel)).toThrow(/kind 'write', which the kv model does not support/);
    expect(() => check([{ ...h[0], returnUs: null }], registerModel)).toThrow(/ok but has no finite returnUs/);
    expect(() => check([{ ...h[0], returnUs: -1 }], registerModel)).toThrow(/before its call/);
  });
});
