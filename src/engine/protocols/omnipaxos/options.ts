/**
 * OmniPaxos's options: defaults, validation (a bad option is a programming
 * error in a scenario or test, so it throws with the option named), and the
 * values derived from them.
 */
import { assert, fail } from '../../core/assert';
import type { NodeId } from '../contract';
import type { OmniPaxosOptions } from './types';

export function defaultOmniPaxosOptions(): OmniPaxosOptions {
  return {
    electionTimeoutUs: 300_000,
    priority: 0,
    resendIntervalUs: 100_000,
    maxEntriesPerAccept: 64,
    maxPendingProposals: 1024,
    initialConfiguration: null,
    pullSegmentEntries: 256,
  };
}

export function checkOptions(o: OmniPaxosOptions, nodeCount: number): void {
  if (!(Number.isInteger(o.electionTimeoutUs) && o.electionTimeoutUs >= 2)) fail(`electionTimeoutUs must be a whole number ≥ 2, got ${o.electionTimeoutUs}`);
  if (!(Number.isInteger(o.resendIntervalUs) && o.resendIntervalUs >= 1)) fail(`resendIntervalUs must be a whole number ≥ 1, got ${o.resendIntervalUs}`);
  if (!(o.maxEntriesPerAccept >= 1)) fail(`maxEntriesPerAccept must be ≥ 1, got ${o.maxEntriesPerAccept}`);
  if (!(o.maxPendingProposals >= 0)) fail(`maxPendingProposals must be ≥ 0, got ${o.maxPendingProposals}`);
  if (!(o.pullSegmentEntries >= 1)) fail(`pullSegmentEntries must be ≥ 1, got ${o.pullSegmentEntries}`);
  const p = o.priority;
  assert(typeof p === 'number' || Array.isArray(p), 'priority must be a number or one number per node');
  if (o.initialConfiguration !== null) {
    const nodes = o.initialConfiguration;
    assert(nodes.length >= 1, 'initialConfiguration must name at least one node');
    for (const node of nodes) if (!(Number.isInteger(node) && node >= 0 && node < nodeCount)) fail(`initialConfiguration: ${node} is not a node of this world`);
    assert(new Set(nodes).size === nodes.length, 'initialConfiguration names a node twice');
  }
}

/** The shortest timer ever set: a BLE round or a retransmission tick. */
export function minTimerDelayUs(o: OmniPaxosOptions): number {
  return Math.max(1, Math.min(o.electionTimeoutUs, o.resendIntervalUs));
}

/** This server's leader priority (0 unless the options say otherwise). */
export function priorityOf(o: OmniPaxosOptions, nodeId: NodeId): number {
  const p = o.priority;
  return typeof p === 'number' ? p : (p[nodeId] ?? 0);
}
