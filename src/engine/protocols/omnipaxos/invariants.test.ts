/**
 * The invariant checker itself: each invariant trips on a crafted violation
 * (and names node, ballot and time), and stays quiet on what is legal, such as
 * a restarted server whose decided index starts again from its disk.
 */
import { describe, expect, it } from 'vitest';
import { InvariantViolation } from '../../core/assert';
import { checkOmniPaxosStates, createOmniPaxosCheckMemory } from '../../check/omniPaxosInvariants';
import { makeBallot } from './ballot';
import { createCluster, deliverAll, electLeader, entries, propose, state } from './testing/cluster';
import type { OmniPaxosState } from './types';

/** Three servers, a leader elected and three entries decided everywhere; their states (shared, not copies). */
function cluster(): { states: OmniPaxosState[]; leader: number } {
  const c = createCluster(3);
  const leader = electLeader(c);
  for (let i = 0; i < 3; i++) propose(c, leader, `i${i}`);
  deliverAll(c);
  return { states: [0, 1, 2].map((id) => state(c, id)), leader };
}

function violation(fn: () => void): InvariantViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvariantViolation) return error;
    throw error;
  }
  throw new Error('no invariant violation');
}

describe('OmniPaxos invariants', () => {
  it('accept a healthy cluster, event after event', () => {
    const { states } = cluster();
    const memory = createOmniPaxosCheckMemory();
    checkOmniPaxosStates(states, 1, memory);
    checkOmniPaxosStates(states, 2, memory);
    expect(memory.decidedN.length).toBe(4);
  });

  it('decided prefixes agree: two servers decided different entries at one index', () => {
    const { states } = cluster();
    const memory = createOmniPaxosCheckMemory();
    states[1].sp.log[1] = entries([1], 777)[0];
    const v = violation(() => checkOmniPaxosStates(states, 5_000, memory));
    expect(v.invariant).toBe('decided prefixes agree');
    expect(v.nodeId).toBe(1);
    expect(v.termOrBallot).toBe(1);
    expect(v.timeUs).toBe(5_000);
  });

  it('a decided entry never changes: rewriting it after it was checked is caught at the next event', () => {
    const { states } = cluster();
    const memory = createOmniPaxosCheckMemory();
    checkOmniPaxosStates(states, 1, memory);
    states[0].sp.log[2] = entries([1], 555)[0];
    expect(violation(() => checkOmniPaxosStates(states, 2, memory)).invariant).toBe('decided prefixes agree');
  });

  it('at most one leader per ballot, and only the ballot\u2019s own server leads it', () => {
    const { states, leader } = cluster();
    const other = (leader + 1) % 3;
    states[other].sp.role = 'leader';
    states[other].sp.leaderBallot = states[leader].sp.leaderBallot;
    expect(violation(() => checkOmniPaxosStates(states, 1, createOmniPaxosCheckMemory())).invariant).toBe('one leader per ballot');
    states[other].sp.leaderBallot = makeBallot(7, 0, other);
    checkOmniPaxosStates(states, 1, createOmniPaxosCheckMemory());
  });

  it('the decided index never decreases within a lifetime, but a new lifetime starts over', () => {
    const { states } = cluster();
    const memory = createOmniPaxosCheckMemory();
    checkOmniPaxosStates(states, 1, memory);
    states[2].sp.decidedIdx = 2;
    expect(violation(() => checkOmniPaxosStates(states, 2, memory)).invariant).toBe('decided index monotonic');
    (states[2] as { incarnation: number }).incarnation++;
    checkOmniPaxosStates(states, 3, memory);
  });

  it('crashed servers (null) are skipped', () => {
    const { states } = cluster();
    checkOmniPaxosStates([states[0], null, states[2]], 1, createOmniPaxosCheckMemory());
  });
});
