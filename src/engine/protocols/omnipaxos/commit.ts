/**
 * The decided index: how a leader finds it (an entry is decided once a
 * majority accepted up to it in the leader's round), how every server moves
 * it (never backwards), and how decided entries reach the service (in index
 * order, once per lifetime, with the ballot number of the entry's round as
 * its term).
 */
import { fail } from '../../core/assert';
import type { StepContext } from '../contract';
import { majorityOf } from './ble';
import { entryAt, lastIndex } from './log';
import { persistDecided } from './storage';
import type { OmniPaxosMessage, SpState } from './types';

type Ctx = StepContext<OmniPaxosMessage>;

/** Scratch space for the quorum computation (never part of any state). */
const scratch: number[] = [];

/**
 * The highest index accepted by a majority of `members` in the leader's
 * round: the majority-th largest accepted index (the leader counts its own
 * log). Checked against a naive count in the tests.
 */
export function quorumAcceptedIdx(sp: SpState): number {
  const members = sp.members;
  // Insertion sort, descending: at most 15 servers, and no closure per call.
  scratch.length = 0;
  for (let i = 0; i < members.length; i++) {
    const node = members[i];
    const value = node === sp.nodeId ? lastIndex(sp) : sp.acceptedIdx[node];
    let j = scratch.length;
    scratch.push(value);
    while (j > 0 && scratch[j - 1] < value) {
      scratch[j] = scratch[j - 1];
      j--;
    }
    scratch[j] = value;
  }
  return scratch[majorityOf(members.length) - 1];
}

/** Raise the decided index to `index` (bounded by what we hold) and persist it. Returns true when it moved. */
export function raiseDecided(sp: SpState, ctx: Ctx, index: number): boolean {
  const target = Math.min(index, lastIndex(sp));
  if (target <= sp.decidedIdx) return false;
  sp.decidedIdx = target;
  persistDecided(sp, ctx);
  return true;
}

/**
 * Hand every decided entry not yet applied to the service. A StopSign beyond
 * our configuration is remembered in `decidedStopSignIdx` for the
 * reconfiguration code to act on once the step's Sequence Paxos work is done.
 */
export function commitDecided(sp: SpState, ctx: Ctx): void {
  if (!(sp.committedIdx >= sp.logStart)) fail(`n${sp.nodeId + 1} committed ${sp.committedIdx} below the trimmed prefix ${sp.logStart}`);
  while (sp.committedIdx < sp.decidedIdx) {
    const index = sp.committedIdx + 1;
    const entry = entryAt(sp, index);
    sp.committedIdx = index;
    ctx.commit({ index, term: entry.n, command: entry.command });
    if (entry.stopSign !== null && entry.stopSign.configId > sp.configId) sp.decidedStopSignIdx = index;
  }
}
