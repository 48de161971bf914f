/**
 * Ballots (n, priority, pid), ordered lexicographically (§4). The pid makes
 * every ballot unique to the server that may lead with it; the priority lets
 * an operator prefer some servers when ballot numbers tie.
 */
import type { NodeId } from '../contract';
import type { Ballot } from './types';

/** Below every real ballot: what a server has promised before it promised anything. */
export const noBallot: Ballot = Object.freeze({ n: 0, priority: 0, pid: -1 });

export function makeBallot(n: number, priority: number, pid: NodeId): Ballot {
  return Object.freeze({ n, priority, pid });
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareBallots(a: Ballot, b: Ballot): number {
  if (a.n !== b.n) return a.n - b.n;
  if (a.priority !== b.priority) return a.priority - b.priority;
  return a.pid - b.pid;
}

export function sameBallot(a: Ballot, b: Ballot): boolean {
  return a.n === b.n && a.priority === b.priority && a.pid === b.pid;
}

export function isNoBallot(b: Ballot): boolean {
  return b.pid < 0;
}

/** `n.priority.pid` (pid = node id from 0), e.g. `4.0.2`; `-` for no ballot. */
export function formatBallot(b: Ballot): string {
  return isNoBallot(b) ? '-' : `${b.n}.${b.priority}.${b.pid}`;
}
