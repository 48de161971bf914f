/**
 * The checker against its deliberately dumb twin (naive.ts) on thousands of
 * random small histories, for both models, with concurrent operations, ties,
 * failed operations and unknown outcomes. Each history comes from a real
 * sequential run (so it is linearizable) and most are then perturbed (an
 * output changed, an interval moved, an outcome changed), which makes a
 * little under half of all histories violations.
 *
 * A failure prints the seed and the history; replay one seed with
 *   LAB_TWIN_SEED=<seed> npx vitest run src/engine/check/linearizability/naive.test.ts
 */
import { describe, expect, it } from 'vitest';
import { chance, deriveRng, nextFloat, nextIntInclusive } from '../../core/prng';
import type { Rng } from '../../core/prng';
import { check } from './checker';
import type { ModelName, Operation, OperationKind, Outcome, RegisterValue } from './history';
import { formatLabHistory, kvKinds, labHistory, registerKinds } from './history';
import { kvModel, registerModel } from './models';
import { isLinearizableNaive, isWitness } from './naive';

const historiesPerModel = 10_000;

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[nextIntInclusive(rng, 0, items.length - 1)];
}

const registerValues: readonly RegisterValue[] = [null, 0, 1, 2];
const kvReads: readonly string[] = ['', 'a', 'b', 'x', 'y', 'ax', 'xy', 'yx', 'bxy'];

/** A history from a sequential run with random intervals around each linearization point. */
function sequentialHistory(rng: Rng, model: ModelName): Operation[] {
  const count = nextIntInclusive(rng, 2, chance(rng, 0.3) ? 8 : 6);
  const keys = model === 'kv' ? (chance(rng, 0.4) ? ['a', 'b'] : ['a']) : chance(rng, 0.3) ? ['', 'r2'] : [''];
  const kinds: readonly OperationKind[] = model === 'kv' ? kvKinds : registerKinds;
  const store = new Map<string, RegisterValue>();
  const current = (key: string): RegisterValue => (store.has(key) ? (store.get(key) ?? null) : model === 'kv' ? '' : null);
  const ops: Operation[] = [];
  let pointUs = 0;
  for (let id = 0; id < count; id++) {
    pointUs += nextIntInclusive(rng, 0, 3);
    const invokeUs = pointUs - nextIntInclusive(rng, 0, 4);
    const returnAfterUs = pointUs + nextIntInclusive(rng, 0, 4);
    const roll = nextFloat(rng);
    const outcome: Outcome = roll < 0.15 ? 'unknown' : roll < 0.22 ? 'fail' : 'ok';
    const takesEffect = outcome === 'ok' || (outcome === 'unknown' && chance(rng, 0.5));
    const returnUs = outcome === 'unknown' && chance(rng, 0.5) ? null : returnAfterUs;
    const key = pick(rng, keys);
    const kind = pick(rng, kinds);
    const base = { id, client: id % 3, key, invokeUs, returnUs, outcome };
    const before = current(key);
    const observed = outcome === 'ok';
    switch (kind) {
      case 'get':
        ops.push(observed ? { ...base, kind, output: String(before) } : { ...base, kind });
        break;
      case 'read':
        ops.push(observed ? { ...base, kind, output: before } : { ...base, kind });
        break;
      case 'put': {
        const value = pick(rng, ['a', 'b']);
        if (takesEffect) store.set(key, value);
        ops.push({ ...base, kind, value });
        break;
      }
      case 'append': {
        const value = pick(rng, ['x', 'y']);
        if (takesEffect) store.set(key, String(before) + value);
        ops.push({ ...base, kind, value });
        break;
      }
      case 'write': {
        const value = pick(rng, [0, 1, 2]);
        if (takesEffect) store.set(key, value);
        ops.push({ ...base, kind, value });
        break;
      }
      case 'cas': {
        // Mostly compare against the current value, so that swaps happen.
        const expected = chance(rng, 0.6) ? before : pick(rng, registerValues);
        const value = pick(rng, [0, 1, 2]);
        const swapped = before === expected;
        if (takesEffect && swapped) store.set(key, value);
        ops.push(observed ? { ...base, kind, expected, value, output: swapped } : { ...base, kind, expected, value });
        break;
      }
    }
  }
  return ops;
}

/** One random change that may break linearizability; returns what it did. */
function perturb(rng: Rng, ops: Operation[]): string {
  const observers = ops.flatMap((op, i) =>
    op.outcome === 'ok' && (op.kind === 'get' || op.kind === 'read' || op.kind === 'cas') ? [i] : [],
  );
  const roll = nextFloat(rng);
  if (roll < 0.75 && observers.length > 0) {
    const i = pick(rng, observers);
    const op = ops[i];
    if (op.kind === 'get') ops[i] = { ...op, output: pick(rng, kvReads.filter((v) => v !== op.output)) };
    if (op.kind === 'read') ops[i] = { ...op, output: pick(rng, registerValues.filter((v) => v !== op.output)) };
    if (op.kind === 'cas') ops[i] = { ...op, output: !op.output };
    return `output of op ${i}`;
  }
  const i = nextIntInclusive(rng, 0, ops.length - 1);
  const op = ops[i];
  if (roll < 0.9) {
    const shiftUs = nextIntInclusive(rng, -10, 10);
    const lengthUs = nextIntInclusive(rng, 0, 4);
    ops[i] = { ...op, invokeUs: op.invokeUs + shiftUs, returnUs: op.returnUs === null ? null : op.invokeUs + shiftUs + lengthUs };
    return `interval of op ${i}`;
  }
  const outcome = pick(rng, ['ok', 'fail', 'unknown'] as const);
  const lacksOutput = (op.kind === 'get' || op.kind === 'read' || op.kind === 'cas') && op.output === undefined;
  if (outcome === 'ok' && (op.returnUs === null || lacksOutput)) return 'nothing';
  ops[i] = { ...op, outcome } as Operation;
  return `outcome of op ${i} to ${outcome}`;
}

interface Case {
  readonly seed: number;
  readonly model: ModelName;
  readonly history: Operation[];
  readonly change: string;
}

function generate(seed: number, model: ModelName): Case {
  const rng = deriveRng(seed, `linearizability-twin:${model}`);
  const history = sequentialHistory(rng, model);
  const changes = chance(rng, 0.85) ? Array.from({ length: nextIntInclusive(rng, 1, 3) }, () => perturb(rng, history)) : [];
  const change = changes.length === 0 ? 'none' : changes.join('; ');
  return { seed, model, history, change };
}

function explain(c: Case, detail: string): string {
  return (
    `seed ${c.seed} (${c.model}, change: ${c.change}): ${detail}\n${formatLabHistory(labHistory(c.model, c.history))}` +
    `replay: LAB_TWIN_SEED=${c.seed} npx vitest run src/engine/check/linearizability/naive.test.ts`
  );
}

/** Every way the checker must agree with the twin on one history; returns problems. */
function compare(c: Case): string[] {
  const model = c.model === 'kv' ? kvModel : registerModel;
  const expected = isLinearizableNaive(c.history) ? 'linearizable' : 'not-linearizable';
  const problems: string[] = [];
  for (const partition of [true, false]) {
    const result = check(c.history, model, { partition });
    const mode = partition ? 'per key' : 'whole';
    if (result.verdict !== expected) {
      problems.push(explain(c, `${mode}: checker says ${result.verdict}, naive says ${expected}`));
      continue;
    }
    if (result.verdict === 'linearizable') {
      for (const p of result.linearization) {
        const sub = p.key === null ? c.history : c.history.filter((op) => op.key === p.key);
        if (!isWitness(sub, p.order)) problems.push(explain(c, `${mode}: order ${p.order.join(',')} of key ${p.key} is no witness`));
      }
    } else {
      const failing = result.linearization.find((p) => p.verdict === 'not-linearizable');
      if (result.failingPartition === undefined || failing === undefined || failing.stuck.length === 0) {
        problems.push(explain(c, `${mode}: a violation without a failing partition and its stuck operations`));
      }
    }
  }
  return problems;
}

const replaySeed = process.env.LAB_TWIN_SEED;

describe('the checker agrees with its naive twin', () => {
  for (const model of ['register', 'kv'] as const) {
    it(`on ${historiesPerModel} random ${model} histories, partitioned and whole`, () => {
      const seeds = replaySeed === undefined ? Array.from({ length: historiesPerModel }, (_, i) => i + 1) : [Number(replaySeed)];
      const problems: string[] = [];
      let linearizable = 0;
      for (const seed of seeds) {
        const c = generate(seed, model);
        if (isLinearizableNaive(c.history)) linearizable++;
        problems.push(...compare(c));
        if (problems.length > 0) break;
      }
      expect(problems, problems[0]).toEqual([]);
      if (replaySeed === undefined) {
        // The generator must exercise both verdicts, roughly half each.
        expect(linearizable / seeds.length).toBeGreaterThan(0.35);
        expect(linearizable / seeds.length).toBeLessThan(0.7);
      }
    });
  }

  it('the naive twin itself gets the textbook cases right', () => {
    const w = (id: number, value: number, invokeUs: number, returnUs: number | null): Operation => ({
      id, client: id, kind: 'write', key: '', value, invokeUs, returnUs, outcome: returnUs === null ? 'unknown' : 'ok',
    });
    const r = (id: number, output: RegisterValue, invokeUs: number, returnUs: number): Operation => ({
      id, client: id, kind: 'read', key: '', output, invokeUs, returnUs, outcome: 'ok',
    });
    expect(isLinearizableNaive([w(0, 1, 0, 10), r(1, null, 20, 30)])).toBe(false);
    expect(isLinearizableNaive([w(0, 1, 0, 10), r(1, null, 5, 30)])).toBe(true);
    expect(isLinearizableNaive([w(0, 1, 0, null), r(1, null, 5, 30), r(2, 1, 40, 50)])).toBe(true);
    expect(isLinearizableNaive([r(0, 1, 0, 5), w(1, 1, 10, null)])).toBe(false);
  });
});
