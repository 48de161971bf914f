/**
 * Where to draw each operation's linearization point. The checker gives an
 * order (a witness, or the longest linearizable prefix); any instants that
 * keep that order and fall inside each operation's call–return interval show
 * it. We take the earliest such instants: each point is its operation's call,
 * or the previous point when that is later. An operation whose outcome is
 * unknown has no return to bound it.
 */

export interface TimedOperation {
  invokeUs: number;
  returnUs: number | null;
}

/** One point per id of `order`, non-decreasing, each within its operation's interval when the order is a witness. */
export function linearizationPoints(order: readonly number[], operations: readonly TimedOperation[]): number[] {
  const points: number[] = [];
  let previous = -Infinity;
  for (const id of order) {
    const op = operations[id];
    if (op === undefined) throw new Error(`linearization order names operation ${id}, which the history does not have`);
    let at = Math.max(op.invokeUs, previous);
    // A witness never needs this; a prefix of a failed search might. Stay inside the interval.
    if (op.returnUs !== null && at > op.returnUs) at = op.returnUs;
    points.push(at);
    previous = at;
  }
  return points;
}
