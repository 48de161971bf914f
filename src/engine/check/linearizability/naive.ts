/**
 * A deliberately dumb twin of the checker, for small histories only: it tries
 * every order of the operations that respects real time, with its own tiny
 * interpreter of the six operation kinds (it shares no code with models.ts or
 * checker.ts), no partitioning and no memoization. The property tests check
 * that the real checker agrees with it on thousands of random histories.
 */
import type { Operation, RegisterValue } from './history';

/** Beyond this many searched operations the twin would take too long. */
export const naiveMaxOperations = 10;

type Store = Readonly<Record<string, string | RegisterValue>>;

function valueOf(store: Store, op: Operation): string | RegisterValue {
  if (Object.prototype.hasOwnProperty.call(store, op.key)) return store[op.key];
  const isKv = op.kind === 'get' || op.kind === 'put' || op.kind === 'append';
  return isKv ? '' : null;
}

/** Applies one operation; `null` when its observed output is impossible. */
function apply(store: Store, op: Operation): Store | null {
  const current = valueOf(store, op);
  const observed = op.outcome === 'ok';
  switch (op.kind) {
    case 'get':
    case 'read':
      return observed && op.output !== current ? null : store;
    case 'put':
    case 'write':
      return { ...store, [op.key]: op.value };
    case 'append':
      return { ...store, [op.key]: String(current) + op.value };
    case 'cas': {
      const swapped = current === op.expected;
      if (observed && op.output !== swapped) return null;
      return swapped ? { ...store, [op.key]: op.value } : store;
    }
  }
}

function returnTime(op: Operation): number {
  return op.outcome === 'ok' && op.returnUs !== null ? op.returnUs : Number.POSITIVE_INFINITY;
}

/**
 * Whether some order of the operations that respects real time is a legal
 * sequential run. Failed operations are left out; an operation with an
 * unknown outcome may be placed anywhere after its call or left out.
 */
export function isLinearizableNaive(history: readonly Operation[]): boolean {
  const ops = history.filter((op) => op.outcome !== 'fail');
  if (ops.length > naiveMaxOperations) {
    throw new Error(`naive checker: ${ops.length} operations is more than ${naiveMaxOperations}`);
  }
  const done = ops.map(() => false);

  const search = (store: Store): boolean => {
    // Every operation that returned is placed; the others may never take effect.
    if (ops.every((op, i) => done[i] || op.outcome !== 'ok')) return true;
    for (let i = 0; i < ops.length; i++) {
      if (done[i]) continue;
      // i may go next only if no other pending operation returned before i was called.
      const blocked = ops.some((other, j) => j !== i && !done[j] && returnTime(other) < ops[i].invokeUs);
      if (blocked) continue;
      const after = apply(store, ops[i]);
      if (after === null) continue;
      done[i] = true;
      const found = search(after);
      done[i] = false;
      if (found) return true;
    }
    return false;
  };
  return search({});
}

/**
 * Whether `order` (operation ids) is a witness: it lists every operation that
 * returned ok, at most once each, and no operation the history lacks or that
 * failed; it respects real time; and replaying it is legal. Used to check the
 * orders the real checker reports.
 */
export function isWitness(history: readonly Operation[], order: readonly number[]): boolean {
  const byId = new Map(history.map((op) => [op.id, op]));
  const seen = new Set<number>();
  let store: Store = {};
  for (const id of order) {
    const op = byId.get(id);
    if (op === undefined || op.outcome === 'fail' || seen.has(id)) return false;
    for (const other of history) {
      // An operation that returned before op was called must already be placed.
      if (other.outcome !== 'fail' && !seen.has(other.id) && returnTime(other) < op.invokeUs) {
        if (other.outcome === 'ok') return false;
      }
    }
    const after = apply(store, op);
    if (after === null) return false;
    store = after;
    seen.add(id);
  }
  return history.every((op) => op.outcome !== 'ok' || seen.has(op.id));
}
