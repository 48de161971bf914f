/**
 * Assertions stay on in every build. A broken invariant is a bug in a replica
 * or the simulator, never an expected outcome, so it throws with enough
 * context (node, term or ballot, virtual time) to find it in the trace.
 */
export class InvariantViolation extends Error {
  constructor(
    readonly invariant: string,
    readonly detail: string,
    readonly nodeId: number | null,
    readonly termOrBallot: number | null,
    readonly timeUs: number | null,
  ) {
    super(
      `invariant "${invariant}" violated: ${detail}` +
        (nodeId === null ? '' : ` (node n${nodeId + 1}`) +
        (termOrBallot === null ? '' : `, term ${termOrBallot}`) +
        (timeUs === null ? '' : `, t=${(timeUs / 1000).toFixed(3)}ms`) +
        (nodeId === null ? '' : ')'),
    );
    this.name = 'InvariantViolation';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export function nodeName(nodeId: number): string {
  return `n${nodeId + 1}`;
}

/**
 * Throw an assertion failure. Hot paths write `if (!cond) fail(`…`)` rather
 * than `assert(cond, `…`)`: the message is then built only when it is needed.
 */
export function fail(message: string): never {
  throw new Error(`assertion failed: ${message}`);
}
