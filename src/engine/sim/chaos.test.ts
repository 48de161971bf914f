import { describe, expect, it } from 'vitest';
import { planChaos, runChaos } from './chaos';

/**
 * Seeded chaos sweeps: every seed draws its own faults, invariants are checked
 * after every event, and after healing a new command must commit. A larger
 * sweep is `npm run chaos -- --protocol raft --seeds 1..5000`.
 */
const seeds = 200;

describe('chaos plans', () => {
  it('are a function of the seed and differ between seeds', () => {
    expect(planChaos(5, 'raft')).toEqual(planChaos(5, 'raft'));
    expect(planChaos(5, 'raft').recipe).not.toBe(planChaos(6, 'raft').recipe);
  });

  it('draw every kind of fault across a sweep', () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) for (const { action } of planChaos(seed, 'raft').actions) kinds.add(action.type);
    expect([...kinds].sort()).toEqual(['crash', 'cut', 'healAll', 'isolate', 'partition', 'restart', 'setNetwork']);
  });
});

for (const protocol of ['raft', 'raft-pv-cq', 'omnipaxos']) {
  describe(`chaos sweep: ${protocol}`, () => {
    it(`survives seeds 1..${seeds} with every invariant holding and recovers after healing`, () => {
      const failures: string[] = [];
      let elections = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const r = runChaos(seed, protocol);
        elections += r.leaderTerms;
        if (!r.ok) failures.push(`seed ${seed}: ${r.failure}\n  faults: ${r.recipe}\n  replay: ${r.replay}`);
      }
      expect(failures, failures.join('\n')).toEqual([]);
      // The faults must actually have provoked elections.
      expect(elections / seeds).toBeGreaterThan(2);
    });
  });
}
