/**
 * Client histories: what each client asked for, when, and what it saw.
 *
 * A history is a list of operations, each with the time of its call
 * (`invokeUs`) and of its return (`returnUs`). Linearizability (Herlihy &
 * Wing, 1990, §3) asks whether every operation can be given a single instant
 * between its call and its return such that, taken in that order, the
 * operations are a legal sequential run of the data type.
 *
 * Real time: operation A precedes B exactly when `A.returnUs < B.invokeUs`.
 * Equal times count as concurrent, so a return and a call at the same
 * microsecond may be ordered either way; a checker never reports a violation
 * that rests on a tie.
 */

/** The two sequential specifications the checker knows (see models.ts). */
export type ModelName = 'kv' | 'register';

/** A register value: the simulator writes strings or numbers, Jepsen's etcd test integers; `null` is nil. */
export type RegisterValue = string | number | null;

/**
 * - `ok`: the operation returned and `output` is what it saw.
 * - `fail`: the operation definitely had no effect and observed nothing (a
 *   timed-out read, a write the leader refused). The checker drops it.
 * - `unknown`: the client never learned the result (a timeout, a crash). The
 *   operation may take effect at any instant after its call, or never; any
 *   `returnUs` it carries (when the client gave up) is ignored for ordering.
 *
 * A compare-and-set whose comparison failed is NOT `fail`: it returned and
 * observed that the value differed, so it is `ok` with `output: false` and it
 * constrains the history (Jepsen's `:fail :cas` is parsed that way, as
 * Porcupine's etcd model does).
 */
export type Outcome = 'ok' | 'fail' | 'unknown';

interface OperationBase {
  /** Unique within a history; results name operations by this id. */
  readonly id: number;
  /** The client (Jepsen: process) that issued the operation. */
  readonly client: number;
  /** The key it touched; `''` for the single register of the register model. */
  readonly key: string;
  /** When the call was made, in microseconds (Jepsen and EDN files: the line number). */
  readonly invokeUs: number;
  /** When it returned; `null` when it never did. Required when `outcome` is `ok`. */
  readonly returnUs: number | null;
  readonly outcome: Outcome;
}

/** kv: read a key; a key never written reads as `''`. */
export interface GetOperation extends OperationBase {
  readonly kind: 'get';
  /** The value read (meaningful when `outcome` is `ok`). */
  readonly output?: string;
}

/** kv: set a key. */
export interface PutOperation extends OperationBase {
  readonly kind: 'put';
  readonly value: string;
}

/** kv: concatenate to a key's value. */
export interface AppendOperation extends OperationBase {
  readonly kind: 'append';
  readonly value: string;
}

/** register: read; a register never written reads as `null`. */
export interface ReadOperation extends OperationBase {
  readonly kind: 'read';
  /** The value read (meaningful when `outcome` is `ok`). */
  readonly output?: RegisterValue;
}

/** register: overwrite. */
export interface WriteOperation extends OperationBase {
  readonly kind: 'write';
  readonly value: RegisterValue;
}

/** register: if the value equals `expected`, replace it with `value`. */
export interface CasOperation extends OperationBase {
  readonly kind: 'cas';
  readonly expected: RegisterValue;
  readonly value: RegisterValue;
  /** `true` if it swapped, `false` if the comparison failed (meaningful when `outcome` is `ok`). */
  readonly output?: boolean;
}

export type Operation =
  | GetOperation
  | PutOperation
  | AppendOperation
  | ReadOperation
  | WriteOperation
  | CasOperation;

export type OperationKind = Operation['kind'];

export const kvKinds: readonly OperationKind[] = ['get', 'put', 'append'];
export const registerKinds: readonly OperationKind[] = ['read', 'write', 'cas'];

/**
 * The lab's own history file. The simulator writes its client histories in
 * this shape; `formatLabHistory` prints one operation per line so that parse
 * errors name a useful line.
 */
export interface LabHistory {
  readonly format: 'lab-history';
  readonly version: 1;
  readonly model: ModelName;
  readonly operations: readonly Operation[];
}

export function labHistory(model: ModelName, operations: readonly Operation[]): LabHistory {
  return { format: 'lab-history', version: 1, model, operations };
}

/** JSON text of a LabHistory, one operation per line. */
export function formatLabHistory(history: LabHistory): string {
  const lines = history.operations.map((op) => '    ' + JSON.stringify(op));
  return (
    '{\n' +
    `  "format": "lab-history",\n  "version": 1,\n  "model": ${JSON.stringify(history.model)},\n` +
    (lines.length === 0 ? '  "operations": []\n' : '  "operations": [\n' + lines.join(',\n') + '\n  ]\n') +
    '}\n'
  );
}

/** A short human description, e.g. `cas(1, 2) -> false`, `get("k") -> "x"`. */
export function describeOperation(op: Operation): string {
  const result = (text: string): string =>
    op.outcome === 'ok' ? ` -> ${text}` : op.outcome === 'fail' ? ' -> fail' : ' -> ?';
  const keyPrefix = op.key === '' ? '' : `${JSON.stringify(op.key)}, `;
  switch (op.kind) {
    case 'get':
      return `get(${JSON.stringify(op.key)})${result(JSON.stringify(op.output ?? ''))}`;
    case 'put':
      return `put(${keyPrefix}${JSON.stringify(op.value)})${result('ok')}`;
    case 'append':
      return `append(${keyPrefix}${JSON.stringify(op.value)})${result('ok')}`;
    case 'read':
      return `read(${op.key === '' ? '' : JSON.stringify(op.key)})${result(JSON.stringify(op.output ?? null))}`;
    case 'write':
      return `write(${keyPrefix}${JSON.stringify(op.value)})${result('ok')}`;
    case 'cas':
      return `cas(${keyPrefix}${JSON.stringify(op.expected)}, ${JSON.stringify(op.value)})${result(String(op.output))}`;
  }
}
