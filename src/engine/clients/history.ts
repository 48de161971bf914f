/**
 * A run's client history in the checker's terms: every operation a clerk
 * invoked, with its invoke and return times; an operation that never
 * returned has an unknown outcome (it may or may not have taken effect).
 */
import type { Operation } from '../check/linearizability/history';
import type { ClientOperationRecord } from '../sim/trace';

export function toCheckerOperations(records: readonly ClientOperationRecord[]): Operation[] {
  return records.map((r, id): Operation => {
    const returned = r.returnUs !== null;
    const base = { id, client: r.client, key: r.key, invokeUs: r.invokeUs, returnUs: r.returnUs, outcome: returned ? ('ok' as const) : ('unknown' as const) };
    switch (r.kind) {
      case 'get':
        return returned ? { ...base, kind: 'get', output: r.output ?? '' } : { ...base, kind: 'get' };
      case 'put':
        return { ...base, kind: 'put', value: r.value ?? '' };
      case 'append':
        return { ...base, kind: 'append', value: r.value ?? '' };
      case 'cas':
        throw new Error('compare-and-set operations are checked with the register model, not in a key-value history');
    }
  });
}
