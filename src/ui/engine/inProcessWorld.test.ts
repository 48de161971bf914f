import { describe, expect, it } from 'vitest';
import { World } from '../../engine/index';
import { recommendedConfig } from '../model/bugSetups';
import { defaultLabConfig, withShards } from '../params/labParams';
import { inProcessLabWorld, worldConfigOf } from './inProcessWorld';
import { labConfigOfWorld } from './runSource';

describe('the lab’s worlds', () => {
  it('turn the page’s settings into the world config: options, network, clients and bug', () => {
    const config = { ...defaultLabConfig(), preVote: true, clients: 2, network: { latencyMinUs: 1000, latencyMaxUs: 26_000, lossRatio: 0.1, duplicateRatio: 0 } };
    expect(worldConfigOf(config)).toEqual({
      seed: 1,
      nodeCount: 5,
      protocol: 'raft',
      snapshotEveryEntries: 10,
      options: { preVote: true, checkQuorum: false },
      network: { latencyMinUs: 1000, latencyMaxUs: 26_000, lossRatio: 0.1, duplicateRatio: 0 },
      clients: { count: 2 },
    });
    expect(worldConfigOf(defaultLabConfig())).toEqual({ seed: 1, nodeCount: 5, protocol: 'raft', snapshotEveryEntries: 10 });
    expect(worldConfigOf(recommendedConfig(defaultLabConfig(), 'stale-reads'))).toMatchObject({
      bugs: ['stale-reads'],
      checkInvariants: true,
      clients: { count: 4, keys: 2, readRatio: 0.9 },
    });
  });

  // A seek on the worker host rebuilds the world from the config and the whole action log; it must land on the same state
  // as the in-process world's own time travel, and replay the same future.
  it('land on the same run whether they travel back in time or are rebuilt from the action log', async () => {
    const config = { ...defaultLabConfig(), clients: 2, seed: 11 };
    const live = inProcessLabWorld(config);
    await live.runUntil(600_000);
    await live.act({ type: 'crash', node: live.base.leader() ?? 0 });
    await live.runUntil(900_000);
    await live.act({ type: 'setNetwork', from: null, to: null, lossRatio: 0.1 });
    await live.runUntil(1_500_000);
    const log = live.base.actions();
    const hashAtEnd = live.base.traceHash();

    const seek = live.seek;
    expect(seek).not.toBeNull();
    await seek?.(700_000);
    const rebuilt = new World(worldConfigOf(config), log);
    rebuilt.runUntil(700_000);
    expect(live.base.traceHash()).toBe(rebuilt.traceHash());
    expect(live.base.history()).toEqual(rebuilt.history());

    // The rest of the log replays on both.
    await live.runUntil(1_500_000);
    rebuilt.runUntil(1_500_000);
    expect(live.base.traceHash()).toBe(hashAtEnd);
    expect(rebuilt.traceHash()).toBe(hashAtEnd);
  });

  it('turn a sharded setting into a sharded world: groups of three, a controller, ten shards, clerks over forty keys', () => {
    const config = { ...withShards(defaultLabConfig(), 3, 2), clients: 4 };
    const world = worldConfigOf(config);
    expect(world).toMatchObject({
      nodeCount: 0,
      shards: { controllerServers: 3, groupSizes: [3, 3, 3], initialGroups: 2, shardCount: 10 },
      clients: { count: 4, keys: 40 },
    });
    const live = inProcessLabWorld(config);
    expect(live.base.config.nodeCount).toBe(12);
    expect(live.world?.shardView()?.groups.map((g) => g.gid)).toEqual([1, 2, 3]);
    // What the page draws for a world config it did not make (a scenario's, a run file's).
    expect(labConfigOfWorld(world, 1)).toMatchObject({ nodeCount: 12, shards: { groups: 3, initialGroups: 2 }, clients: 4 });
    expect(labConfigOfWorld({ seed: 1, protocol: 'raft', nodeCount: 0, shards: {} }, 1)).toMatchObject({ nodeCount: 12, shards: { groups: 3, initialGroups: 3 } });
  });
});
