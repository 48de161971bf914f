/**
 * The search over one partition: Wing & Gong's algorithm (1993) with Lowe's
 * memoization ("Testing for linearizability", 2017, §4), as in Porcupine.
 *
 * The partition becomes a doubly linked list of call and return entries in
 * time order (calls before returns at equal times: equal times are
 * concurrent). The search walks it from the front: at a call it tries to
 * linearize that operation next (the model must accept its output) and, if
 * the resulting configuration is new, "lifts" the call and its return out of
 * the list and starts again from the front; at a return it has run out of
 * candidates, so it backtracks by putting the last lifted operation back.
 *
 * An operation whose outcome is unknown has its return past the end of the
 * list, so it can be linearized anywhere after its call, or last of all,
 * which is the same as never taking effect.
 *
 * One reduction on top of Porcupine: a read-only operation (one that changes
 * no state it is legal in: a read, a cas that reported failure) that may go
 * next and is legal now can be linearized now without loss of generality:
 * moving it earlier in any linearization breaks no real-time order (nothing
 * pending returned before its call) and every other operation sees the same
 * states. So when the configuration after it fails, the one before it fails
 * too, and the search backtracks past it instead of trying other candidates.
 *
 * The search is resumable: `run(n)` does at most n steps, so the caller can
 * interleave partitions and enforce a time budget between slices.
 */
import { Bitset } from './bitset';
import type { Operation } from './history';
import { ConfigurationCache } from './memo';
import type { Model } from './models';

export type SearchVerdict = 'linearizable' | 'not-linearizable';

/** States interned to small integers, so the cache and transitions compare integers. */
class StateTable<State> {
  readonly states: State[] = [];
  private readonly idsByHash = new Map<number, number[]>();

  constructor(private readonly model: Model<State>) {}

  intern(state: State): number {
    const h = this.model.hash(state);
    const ids = this.idsByHash.get(h);
    if (ids !== undefined) {
      for (const id of ids) if (this.model.equal(this.states[id], state)) return id;
    }
    const id = this.states.length;
    this.states.push(state);
    if (ids === undefined) this.idsByHash.set(h, [id]);
    else ids.push(id);
    return id;
  }
}

export class PartitionSearch<State> {
  /** `null` while the search is still running. */
  verdict: SearchVerdict | null = null;
  steps = 0;

  private readonly ops: readonly Operation[];
  private readonly n: number;
  // Node 0 is the head of the list; -1 is its end.
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly nodeOp: Int32Array;
  /** For a call node, its return node; -1 for return nodes. */
  private readonly matchNode: Int32Array;

  private readonly table: StateTable<State>;
  /** (stateId * n + op) -> new state id, or -1 when the model rejects the output. */
  private readonly transitions = new Map<number, number>();
  private readonly linearized: Bitset;
  private readonly cache: ConfigurationCache;

  private readonly stackNode: Int32Array;
  private readonly stackState: Int32Array;
  /** Whether the operation pushed at this depth is read-only. */
  private readonly stackReadOnly: Uint8Array;
  private readonly readOnly: Uint8Array;
  private depth = 0;
  private state: number;
  private entry: number;

  private bestDepth = -1;
  private bestOrder: number[] = [];
  private bestStuck: number[] = [];

  constructor(
    operations: readonly Operation[],
    private readonly model: Model<State>,
  ) {
    const n = operations.length;
    this.ops = operations;
    this.n = n;
    // Entries: e < n is the call of operation e, e >= n the return of operation e - n.
    const times = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const op = operations[i];
      times[i] = op.invokeUs;
      times[n + i] = op.outcome === 'ok' && op.returnUs !== null ? op.returnUs : Number.POSITIVE_INFINITY;
    }
    const order = Array.from({ length: 2 * n }, (_, e) => e);
    order.sort((a, b) => times[a] - times[b] || (a < n ? 0 : 1) - (b < n ? 0 : 1) || a - b);

    const nodes = 2 * n + 1;
    this.next = new Int32Array(nodes);
    this.prev = new Int32Array(nodes);
    this.nodeOp = new Int32Array(nodes).fill(-1);
    this.matchNode = new Int32Array(nodes).fill(-1);
    const returnNodeOf = new Int32Array(n);
    for (let k = 0; k < 2 * n; k++) {
      const node = k + 1;
      const e = order[k];
      this.nodeOp[node] = e < n ? e : e - n;
      if (e >= n) returnNodeOf[e - n] = node;
    }
    for (let node = 0; node < nodes; node++) {
      this.prev[node] = node - 1;
      this.next[node] = node + 1 < nodes ? node + 1 : -1;
    }
    for (let k = 0; k < 2 * n; k++) {
      if (order[k] < n) this.matchNode[k + 1] = returnNodeOf[order[k]];
    }

    this.table = new StateTable(model);
    this.linearized = new Bitset(n);
    this.cache = new ConfigurationCache(n);
    this.stackNode = new Int32Array(n);
    this.stackState = new Int32Array(n);
    this.stackReadOnly = new Uint8Array(n);
    this.readOnly = Uint8Array.from(operations, (op) => (model.readOnly(op) ? 1 : 0));
    this.state = this.table.intern(model.init());
    this.entry = this.next[0];
    if (n === 0) this.verdict = 'linearizable';
  }

  private transition(stateId: number, op: number): number {
    const key = stateId * this.n + op;
    const known = this.transitions.get(key);
    if (known !== undefined) return known;
    const result = this.model.step(this.table.states[stateId], this.ops[op]);
    const target = result.ok ? this.table.intern(result.newState) : -1;
    this.transitions.set(key, target);
    return target;
  }

  private lift(call: number): void {
    const { next, prev } = this;
    next[prev[call]] = next[call];
    prev[next[call]] = prev[call];
    const ret = this.matchNode[call];
    next[prev[ret]] = next[ret];
    if (next[ret] !== -1) prev[next[ret]] = prev[ret];
  }

  /** Dancing links: undoes lift in the reverse order. */
  private unlift(call: number): void {
    const { next, prev } = this;
    const ret = this.matchNode[call];
    next[prev[ret]] = ret;
    if (next[ret] !== -1) prev[next[ret]] = ret;
    next[prev[call]] = call;
    prev[next[call]] = call;
  }

  /** Notes the deepest point reached and the candidates that were stuck there. */
  private recordStuck(returnNode: number): void {
    if (this.depth <= this.bestDepth) return;
    this.bestDepth = this.depth;
    this.bestOrder = Array.from(this.stackNode.subarray(0, this.depth), (node) => this.ops[this.nodeOp[node]].id);
    const stuck: number[] = [];
    for (let node = this.next[0]; node !== returnNode && node !== -1; node = this.next[node]) {
      if (this.matchNode[node] !== -1) stuck.push(this.ops[this.nodeOp[node]].id);
    }
    this.bestStuck = stuck;
  }

  /**
   * Pops configurations until one is found whose remaining candidates are
   * worth trying; false when the stack runs out (not linearizable).
   */
  private backtrack(): boolean {
    for (;;) {
      if (this.depth === 0) return false;
      this.depth--;
      const call = this.stackNode[this.depth];
      this.state = this.stackState[this.depth];
      this.linearized.clear(this.nodeOp[call]);
      this.unlift(call);
      this.entry = this.next[call];
      if (this.stackReadOnly[this.depth] === 0) return true;
    }
  }

  /** Runs at most `maxSteps` steps; returns how many it ran. */
  run(maxSteps: number): number {
    if (this.verdict !== null) return 0;
    const { next, nodeOp, matchNode, linearized, cache } = this;
    let steps = 0;
    while (steps < maxSteps) {
      if (next[0] === -1) {
        this.verdict = 'linearizable';
        break;
      }
      steps++;
      const entry = this.entry;
      if (matchNode[entry] !== -1) {
        // A call: try to linearize its operation next.
        const op = nodeOp[entry];
        const target = this.transition(this.state, op);
        if (target === -1) {
          this.entry = next[entry];
          continue;
        }
        linearized.set(op);
        if (cache.add(linearized, target)) {
          this.stackNode[this.depth] = entry;
          this.stackState[this.depth] = this.state;
          this.stackReadOnly[this.depth] = this.readOnly[op];
          this.depth++;
          this.state = target;
          this.lift(entry);
          this.entry = next[0];
          continue;
        }
        linearized.clear(op);
        if (this.readOnly[op] === 0) {
          this.entry = next[entry];
          continue;
        }
        // A read-only operation whose configuration already failed: then this
        // configuration fails as well.
      } else {
        // A return: every candidate before it failed.
        this.recordStuck(entry);
      }
      if (!this.backtrack()) {
        this.verdict = 'not-linearizable';
        break;
      }
    }
    this.steps += steps;
    return steps;
  }

  /** Linearizable: the witness order. Otherwise the longest prefix reached. */
  order(): number[] {
    if (this.verdict === 'linearizable') {
      return Array.from(this.stackNode.subarray(0, this.depth), (node) => this.ops[this.nodeOp[node]].id);
    }
    return this.bestOrder;
  }

  /** Not linearizable: the candidates that could not go next after the longest prefix. */
  stuck(): number[] {
    return this.verdict === 'not-linearizable' ? this.bestStuck : [];
  }
}
