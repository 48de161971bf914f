/**
 * Any group may run either protocol: a controller on Raft, key-value groups
 * on OmniPaxos and Raft side by side, through joins, leaves, a move and
 * leader crashes; 20 seeds, invariants after every event (each group checked
 * with its own protocol's), every history linearizable.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../engine/sim/world';
import type { LoggedAction } from '../engine/index';

describe('groups running different protocols in one sharded world (20 seeds)', () => {
  it('move shards between Raft and OmniPaxos groups, linearizably', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const actions: LoggedAction[] = [
        { atUs: 1_000_000, action: { type: 'shardctl', op: 'join', gids: [3] } },
        { atUs: 1_600_000, action: { type: 'crash', node: 3 + (seed % 3) } },
        { atUs: 2_200_000, action: { type: 'restart', node: 3 + (seed % 3) } },
        { atUs: 2_500_000, action: { type: 'shardctl', op: 'leave', gids: [1] } },
        { atUs: 3_500_000, action: { type: 'shardctl', op: 'move', gids: [2], shard: seed % 10 } },
        { atUs: 4_000_000, action: { type: 'shardctl', op: 'join', gids: [1] } },
      ];
      const w = createWorld(
        {
          seed,
          protocol: 'raft',
          nodeCount: 0,
          shards: { groupSizes: [3, 3, 3], initialGroups: 2, groupProtocols: ['raft', 'omnipaxos', 'raft', 'omnipaxos'] },
          clients: { count: 6, keys: 30, thinkTimeUs: 5_000 },
          snapshotEveryEntries: 30,
          checkInvariants: true,
        },
        actions,
      );
      w.runUntil(6_500_000);
      expect([0, 3, 6, 9].map((n) => w.protocolOf(n))).toEqual(['raft', 'omnipaxos', 'raft', 'omnipaxos']);
      const view = w.shardView();
      if (view === null || view.groups.some((g) => g.configNum !== 5)) failures.push(`seed ${seed}: groups at ${view?.groups.map((g) => g.configNum).join(', ')}, not all at 5`);
      const verdict = w.checkHistory({ maxSteps: 20_000_000 }).verdict;
      if (verdict !== 'linearizable') failures.push(`seed ${seed}: ${verdict}\n  replay: ${w.replayCommand()}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('every group leaves, then one joins again (parked shards)', () => {
  it('keeps the data of shards nobody owns and hands it to the next owner, linearizably (10 seeds)', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const w = createWorld(
        { seed, protocol: seed % 2 === 0 ? 'omnipaxos' : 'raft', nodeCount: 0, shards: { groupSizes: [3, 3] }, clients: { count: 4, keys: 20, thinkTimeUs: 5_000 }, checkInvariants: true },
        [
          { atUs: 1_500_000, action: { type: 'shardctl', op: 'leave', gids: [1, 2] } },
          { atUs: 2_500_000, action: { type: 'shardctl', op: 'join', gids: [2] } },
        ],
      );
      w.runUntil(2_400_000);
      const parked = w.shardView()!.groups.flatMap((g) => g.phases).filter((p) => p === 'parked').length;
      if (parked !== 10) failures.push(`seed ${seed}: ${parked} shards parked after everyone left, expected 10`);
      w.runUntil(4_500_000);
      const view = w.shardView()!;
      const g2 = view.groups.find((g) => g.gid === 2)!;
      const g1 = view.groups.find((g) => g.gid === 1)!;
      if (g2.phases.some((p) => p !== 'serving') || g1.keysHeld !== 0) failures.push(`seed ${seed}: g2 ${g2.phases.join(',')}, g1 still holds ${g1.keysHeld} keys`);
      const verdict = w.checkHistory({ maxSteps: 20_000_000 }).verdict;
      if (verdict !== 'linearizable') failures.push(`seed ${seed}: ${verdict}\n  replay: ${w.replayCommand()}`);
    }
    expect(failures).toEqual([]);
  });
});
