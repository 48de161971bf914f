/**
 * Sequential specifications. A model says what one operation does to a state
 * and whether the output the client observed is possible from that state;
 * the checker searches for an order of the operations that a model accepts.
 *
 * Both models are P-compositional (Horn & Kroening, "Faster linearizability
 * checking via P-compositionality", 2015): a history is linearizable exactly
 * when the sub-history of each key is, so `partition` splits by key and the
 * checker searches each key alone. `keyedModel` lifts a per-key model to a
 * whole-history one (a map of keys) for checking without partitioning.
 */
import { hashString32 } from '../../core/prng';
import type { ModelName, Operation, OperationKind, RegisterValue } from './history';
import { kvKinds, registerKinds } from './history';

export interface StepResult<State> {
  /** Whether the observed output is possible from the state. */
  readonly ok: boolean;
  /** The state after the operation (meaningful when `ok`). */
  readonly newState: State;
}

/** The operations of one key (or, `key: null`, of the whole history). */
export interface Partition {
  readonly key: string | null;
  readonly operations: readonly Operation[];
}

export interface Model<State> {
  readonly name: ModelName;
  /** The operation kinds this model understands; others are rejected by the checker. */
  readonly kinds: readonly OperationKind[];
  init(): State;
  /**
   * Applies `op`. An operation whose outcome is not `ok` observed nothing, so
   * only its effect counts and the step is always legal.
   */
  step(state: State, op: Operation): StepResult<State>;
  /**
   * Whether `op` leaves every state it is legal in unchanged (a read, a cas
   * that reported failure). The search may linearize such an operation as
   * soon as it is legal without trying it later (see search.ts).
   */
  readOnly(op: Operation): boolean;
  equal(a: State, b: State): boolean;
  /** A 32-bit hash consistent with `equal`, for memoization. */
  hash(state: State): number;
  partition(operations: readonly Operation[]): Partition[];
  describeState(state: State): string;
}

/** Groups operations by key, keys in sorted order so results are stable. */
export function partitionByKey(operations: readonly Operation[]): Partition[] {
  const byKey = new Map<string, Operation[]>();
  for (const op of operations) {
    const list = byKey.get(op.key);
    if (list === undefined) byKey.set(op.key, [op]);
    else list.push(op);
  }
  const keys = [...byKey.keys()].sort();
  return keys.map((key) => ({ key, operations: byKey.get(key) ?? [] }));
}

function hashRegisterValue(value: RegisterValue): number {
  if (value === null) return 0x2545f491;
  if (typeof value === 'number') return hashString32(String(value), 0x9e3779b9);
  return hashString32(value, 0x811c9dc5);
}

/**
 * A key-value store of strings: `get` returns the value (a key never written
 * reads as `''`), `put` sets it, `append` concatenates. The state is the
 * value of one key.
 */
export const kvModel: Model<string> = {
  name: 'kv',
  kinds: kvKinds,
  init: () => '',
  step(state, op) {
    switch (op.kind) {
      case 'get':
        return { ok: op.outcome !== 'ok' || op.output === state, newState: state };
      case 'put':
        return { ok: true, newState: op.value };
      case 'append':
        return { ok: true, newState: state + op.value };
      default:
        throw new Error(`kv model: unsupported operation kind '${op.kind}'`);
    }
  },
  readOnly: (op) => op.kind === 'get',
  equal: (a, b) => a === b,
  hash: (state) => hashString32(state),
  partition: partitionByKey,
  describeState: (state) => JSON.stringify(state),
};

/**
 * A register (Jepsen's etcd test): `read` returns the value (`null` before any
 * write), `write` overwrites, `cas` swaps `expected` for `value` and reports
 * whether it did. A `cas` whose outcome is unknown swaps if it is linearized
 * where the value equals `expected`.
 */
export const registerModel: Model<RegisterValue> = {
  name: 'register',
  kinds: registerKinds,
  init: () => null,
  step(state, op) {
    switch (op.kind) {
      case 'read':
        return { ok: op.outcome !== 'ok' || op.output === state, newState: state };
      case 'write':
        return { ok: true, newState: op.value };
      case 'cas': {
        const matches = state === op.expected;
        const ok = op.outcome !== 'ok' || op.output === matches;
        return { ok, newState: matches ? op.value : state };
      }
      default:
        throw new Error(`register model: unsupported operation kind '${op.kind}'`);
    }
  },
  readOnly: (op) => op.kind === 'read' || (op.kind === 'cas' && op.outcome === 'ok' && op.output === false),
  equal: (a, b) => a === b,
  hash: hashRegisterValue,
  partition: partitionByKey,
  describeState: (state) => JSON.stringify(state),
};

export function modelByName(name: ModelName): Model<string> | Model<RegisterValue> {
  return name === 'kv' ? kvModel : registerModel;
}

/**
 * The whole store as one object: a map from key to the per-key state, with
 * keys still in their initial state left out so that equal stores are equal
 * maps. Used to check a history without partitioning it.
 */
export function keyedModel<State>(inner: Model<State>): Model<ReadonlyMap<string, State>> {
  const initial = inner.init();
  return {
    name: inner.name,
    kinds: inner.kinds,
    init: () => new Map<string, State>(),
    step(state, op) {
      const before = state.get(op.key) ?? initial;
      const result = inner.step(before, op);
      if (!result.ok) return { ok: false, newState: state };
      if (inner.equal(before, result.newState)) return { ok: true, newState: state };
      const next = new Map(state);
      if (inner.equal(result.newState, initial)) next.delete(op.key);
      else next.set(op.key, result.newState);
      return { ok: true, newState: next };
    },
    readOnly: (op) => inner.readOnly(op),
    equal(a, b) {
      if (a.size !== b.size) return false;
      for (const [key, value] of a) {
        const other = b.get(key);
        if (other === undefined || !inner.equal(value, other)) return false;
      }
      return true;
    },
    hash(state) {
      // Order-independent: a sum of per-entry hashes.
      let h = 0;
      for (const [key, value] of state) {
        h = (h + Math.imul(hashString32(key) ^ inner.hash(value), 0x5bd1e995)) | 0;
      }
      return h >>> 0;
    },
    partition: (operations) => [{ key: null, operations }],
    describeState(state) {
      const keys = [...state.keys()].sort();
      return '{' + keys.map((key) => `${JSON.stringify(key)}: ${inner.describeState(state.get(key) as State)}`).join(', ') + '}';
    },
  };
}
