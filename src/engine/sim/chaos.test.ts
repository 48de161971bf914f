import { describe, expect, it } from 'vitest';
import { planChaos, runChaos, type ChaosStore } from './chaos';

/**
 * Seeded chaos sweeps: every seed draws its own faults, invariants are checked
 * after every event, and after healing a new command must commit. The
 * key-value and sharded stores run clerks through the faults: after healing
 * every clerk must complete an operation, and the whole client history must be
 * linearizable. Larger sweeps: `npm run chaos -- --protocol raft --seeds
 * 1..5000`, `npm run chaos -- --protocol raft --store shards --seeds 1..2000`.
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

  it('of the stores run clerks, and the sharded store also joins, leaves and moves within its groups', () => {
    const kv = planChaos(5, 'raft', 'kv');
    expect(kv.config.clients?.count).toBeGreaterThan(0);
    expect(kv.config.load).toBeUndefined();
    expect(kv).toEqual(planChaos(5, 'raft', 'kv'));
    const ops = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const plan = planChaos(seed, 'raft', 'shards');
      const groups = plan.config.shards?.groupSizes?.length ?? 0;
      const joined = new Set(Array.from({ length: plan.config.shards?.initialGroups ?? 0 }, (_, i) => i + 1));
      for (const { action } of plan.actions) {
        if (action.type !== 'shardctl') continue;
        ops.add(action.op);
        for (const gid of action.gids) {
          expect(gid).toBeGreaterThanOrEqual(1);
          expect(gid).toBeLessThanOrEqual(groups);
        }
        // A join names a group that is out, a leave or a move one that is in.
        expect(joined.has(action.gids[0])).toBe(action.op !== 'join');
        if (action.op === 'join') joined.add(action.gids[0]);
        if (action.op === 'leave') joined.delete(action.gids[0]);
      }
      // Healed, some group serves the clerks.
      expect(joined.size).toBeGreaterThan(0);
    }
    expect([...ops].sort()).toEqual(['join', 'leave', 'move']);
  });

  it('of the sharded store with the protocol mixed give each group, the controller first, its own protocol', () => {
    const mixes = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const { config } = planChaos(seed, 'mixed', 'shards');
      const protocols = config.shards?.groupProtocols ?? [];
      expect(protocols).toHaveLength((config.shards?.groupSizes?.length ?? 0) + 1);
      expect(config.protocol).toBe(protocols[0]);
      mixes.add(protocols.join('/'));
    }
    expect(mixes.size).toBeGreaterThan(10);
    // The other protocols' plans do not draw protocols.
    expect(planChaos(3, 'raft', 'shards').config.shards?.groupProtocols).toBeUndefined();
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

const storeSeeds: Record<Exclude<ChaosStore, 'log'>, number> = { kv: 60, shards: 20 };

for (const store of ['kv', 'shards'] as const) {
  for (const protocol of store === 'shards' ? ['raft', 'omnipaxos', 'mixed'] : ['raft', 'omnipaxos']) {
    describe(`chaos sweep of the ${store === 'kv' ? 'key-value' : 'sharded'} store: ${protocol}`, () => {
      it(`survives seeds 1..${storeSeeds[store]}: invariants hold, every clerk is served after healing, every history is linearizable`, () => {
        const failures: string[] = [];
        let ops = 0;
        for (let seed = 1; seed <= storeSeeds[store]; seed++) {
          const r = runChaos(seed, protocol, store);
          ops += r.opsCompleted;
          if (!r.ok) failures.push(`seed ${seed}: ${r.failure}\n  faults: ${r.recipe}\n  replay: ${r.replay}`);
        }
        expect(failures, failures.join('\n')).toEqual([]);
        // The clerks must actually have been served through the faults.
        expect(ops / storeSeeds[store]).toBeGreaterThan(50);
      });
    });
  }
}

describe('chaos sweep of a broken key-value store', () => {
  it('catches a leader that answers before commit: histories that are not linearizable, with a replay that names the bug', () => {
    const failed = Array.from({ length: 10 }, (_, i) => runChaos(i + 1, 'raft', 'kv', ['reply-before-commit'])).filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThan(5);
    expect(failed[0].failure).toBe('client history not linearizable');
    expect(failed[0].replay).toBe(`npm run chaos -- --protocol raft --store kv --bug reply-before-commit --seeds ${failed[0].seed}`);
  });
});
