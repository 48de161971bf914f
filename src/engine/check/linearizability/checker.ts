/**
 * The linearizability checker. It drops operations that cannot matter,
 * splits the history by key (P-compositionality: Herlihy & Wing's locality,
 * 1990, §3.3), and runs one search per key (search.ts), interleaved in
 * rounds as Porcupine runs them in parallel: a history is not linearizable as
 * soon as one key is not, so a quick violation on one key is not held up by a
 * hard search on another.
 *
 * The checker is pure: its only notion of time is the injected `clock`, and
 * when the time or step budget runs out before a verdict, the verdict is
 * `unknown`, never a pass.
 */
import type { Operation } from './history';
import type { Model } from './models';
import { keyedModel } from './models';
import { PartitionSearch } from './search';

export type Verdict = 'linearizable' | 'not-linearizable' | 'unknown';

export interface CheckOptions {
  /** Give up (verdict `unknown`) after this many milliseconds of `clock`. Needs `clock`. */
  readonly timeLimitMs?: number;
  /** Milliseconds from any origin, e.g. `() => performance.now()` in a host. */
  readonly clock?: () => number;
  /** Give up (verdict `unknown`) after this many search steps over all partitions. */
  readonly maxSteps?: number;
  /** Check each key alone (default `true`); `false` searches the history as one object. */
  readonly partition?: boolean;
}

/** What the search found for one partition. */
export interface PartitionLinearization {
  /** The key, or `null` for the whole history. */
  readonly key: string | null;
  /**
   * `unknown` when the partition was not decided: the budget ran out, or the
   * search stopped because another partition had already failed.
   */
  readonly verdict: Verdict;
  /** Ids of the operations searched, in history order (failed operations and unanswered reads are dropped). */
  readonly operations: readonly number[];
  /**
   * Linearizable: a witness order of the operations' ids. Otherwise the
   * longest linearizable prefix the search reached.
   */
  readonly order: readonly number[];
  /**
   * Not linearizable: the operations that could have gone next after the
   * longest prefix; none of them could (its output did not fit the state, or
   * the rest could not be ordered after it). Empty otherwise.
   */
  readonly stuck: readonly number[];
  readonly steps: number;
}

export interface CheckResult {
  readonly verdict: Verdict;
  /** Operations in the history, including dropped ones. */
  readonly operations: number;
  /** Partitions with at least one operation to search. */
  readonly partitions: number;
  /** Time spent according to the injected clock; `null` without a clock. */
  readonly elapsedMs: number | null;
  /** Search steps over all partitions. */
  readonly steps: number;
  /** For a violation: the failing partition with the fewest operations among those decided. */
  readonly failingPartition?: { readonly key: string | null; readonly operations: readonly number[] };
  /** Per partition, fewest operations first. */
  readonly linearization: readonly PartitionLinearization[];
}

/** The history handed to `check` is malformed (not a parse error: there is no line to name). */
export class InvalidHistoryError extends Error {
  constructor(message: string) {
    super(`invalid history: ${message}`);
    this.name = 'InvalidHistoryError';
  }
}

/** Steps each undecided partition runs per round; the clock is read between slices. */
const sliceSteps = 2048;

function validate(history: readonly Operation[], model: Model<unknown>): void {
  const ids = new Set<number>();
  for (const op of history) {
    if (!Number.isFinite(op.id)) throw new InvalidHistoryError(`operation id ${op.id} is not a finite number`);
    if (ids.has(op.id)) throw new InvalidHistoryError(`operation id ${op.id} appears twice`);
    ids.add(op.id);
    if (!model.kinds.includes(op.kind)) {
      throw new InvalidHistoryError(
        `operation ${op.id} has kind '${op.kind}', which the ${model.name} model does not support (it knows ${model.kinds.join(', ')})`,
      );
    }
    if (!Number.isFinite(op.invokeUs)) throw new InvalidHistoryError(`operation ${op.id} has no finite invokeUs`);
    if (op.outcome !== 'ok') continue;
    if (op.returnUs === null || !Number.isFinite(op.returnUs)) {
      throw new InvalidHistoryError(`operation ${op.id} is ok but has no finite returnUs`);
    }
    if (op.returnUs < op.invokeUs) {
      throw new InvalidHistoryError(`operation ${op.id} returns at ${op.returnUs}us, before its call at ${op.invokeUs}us`);
    }
    if ((op.kind === 'get' || op.kind === 'read' || op.kind === 'cas') && op.output === undefined) {
      throw new InvalidHistoryError(`operation ${op.id} is an ok ${op.kind} without an output`);
    }
  }
}

/**
 * Whether an operation can matter to the search: failed operations had no
 * effect, and a read that never returned observed nothing and changed nothing.
 */
function matters(op: Operation): boolean {
  if (op.outcome === 'fail') return false;
  if (op.outcome === 'unknown' && (op.kind === 'get' || op.kind === 'read')) return false;
  return true;
}

interface Running {
  readonly key: string | null;
  readonly operations: readonly Operation[];
  readonly search: PartitionSearch<unknown>;
}

/**
 * Checks whether `history` is linearizable with respect to `model`.
 *
 * Throws InvalidHistoryError for a malformed history (duplicate ids, an
 * operation kind the model does not know, an ok operation without a return).
 */
export function check<State>(
  history: readonly Operation[],
  model: Model<State>,
  options: CheckOptions = {},
): CheckResult {
  validate(history, model as Model<unknown>);
  const clock = options.clock ?? null;
  if (options.timeLimitMs !== undefined && clock === null) {
    throw new Error('check: timeLimitMs needs a clock (the engine has no ambient time)');
  }
  const startMs = clock === null ? 0 : clock();
  const deadlineMs = options.timeLimitMs === undefined ? Number.POSITIVE_INFINITY : startMs + options.timeLimitMs;
  const maxSteps = options.maxSteps ?? Number.POSITIVE_INFINITY;

  const searched = history.filter(matters);
  const partitions =
    options.partition === false
      ? [{ key: null, operations: searched }]
      : model.partition(searched).map((p) => ({ key: p.key, operations: p.operations }));
  // Fewest operations first: of the partitions that fail in the same round the
  // smallest is reported, and a small partition is usually decided sooner.
  const running: Running[] = partitions
    .filter((p) => p.operations.length > 0)
    .map((p, index) => ({ p, index }))
    .sort((a, b) => a.p.operations.length - b.p.operations.length || a.index - b.index)
    .map(({ p }) => ({
      key: p.key,
      operations: p.operations,
      search: new PartitionSearch<unknown>(p.operations, (p.key === null ? keyedModel(model) : model) as Model<unknown>),
    }));

  // Round-robin slices until every partition is decided, one fails, or the
  // budget runs out. After the first violation the search goes on, for at most
  // as many steps again, with the smaller undecided partitions only, so that
  // the failure reported is a small one without the cost of deciding them all.
  let steps = 0;
  let failing: Running | null = null;
  let stopAtSteps = maxSteps;
  let exhausted = options.timeLimitMs !== undefined && options.timeLimitMs <= 0;
  for (;;) {
    const candidates = running.filter(
      (r) => r.search.verdict === null && (failing === null || r.operations.length < failing.operations.length),
    );
    if (candidates.length === 0 || exhausted) break;
    for (const r of candidates) {
      const allowance = Math.min(sliceSteps, stopAtSteps - steps);
      if (allowance <= 0 || (clock !== null && clock() > deadlineMs)) {
        exhausted = true;
        break;
      }
      steps += r.search.run(allowance);
      if (r.search.verdict === 'not-linearizable' && (failing === null || r.operations.length < failing.operations.length)) {
        if (failing === null) stopAtSteps = Math.min(maxSteps, 2 * steps);
        failing = r;
      }
    }
  }
  if (failing === null && running.some((r) => r.search.verdict === null)) exhausted = true;

  const linearization = running.map(
    (r): PartitionLinearization => ({
      key: r.key,
      verdict: r.search.verdict ?? 'unknown',
      operations: r.operations.map((op) => op.id),
      order: r.search.order(),
      stuck: r.search.stuck(),
      steps: r.search.steps,
    }),
  );
  const verdict: Verdict = failing !== null ? 'not-linearizable' : exhausted ? 'unknown' : 'linearizable';
  const result: CheckResult = {
    verdict,
    operations: history.length,
    partitions: running.length,
    elapsedMs: clock === null ? null : clock() - startMs,
    steps,
    linearization,
  };
  if (failing === null) return result;
  return { ...result, failingPartition: { key: failing.key, operations: failing.operations.map((op) => op.id) } };
}
