/** Bad sharded configs and actions are refused with messages that name the field; scenario files too. */
import { describe, expect, it } from 'vitest';
import { ConfigError, normalizeConfig } from './config';
import { validateAction } from './actions';
import { scenarioProblems } from '../scenario/schema';

function problems(shards: unknown, extra: Record<string, unknown> = {}): string[] {
  try {
    normalizeConfig({ seed: 1, protocol: 'raft', nodeCount: 0, shards: shards as never, ...extra });
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
}

describe('sharded world configs', () => {
  it('derive the replica count and lay out the groups: controller first, then gids 1, 2, …', () => {
    const c = normalizeConfig({ seed: 1, protocol: 'raft', nodeCount: 0, shards: { groupSizes: [3, 5] } });
    expect(c.nodeCount).toBe(11);
    expect(c.groups.map((g) => [g.index, g.base, g.size, g.service])).toEqual([
      [0, 0, 3, 'shardctrler'],
      [1, 3, 3, 'shardkv'],
      [2, 6, 5, 'shardkv'],
    ]);
    expect(c.service).toBe('shardkv');
  });

  it('refuse bad topologies, naming the field', () => {
    expect(problems({ groupSizes: [] })).toContain('shards.groupSizes: must list 1 to 12 group sizes');
    expect(problems({ groupSizes: [3, 0] })).toContain('shards.groupSizes[1]: must be a whole number from 1 to 15');
    expect(problems({ initialGroups: 4 })).toContain('shards.initialGroups: must be a whole number from 0 to the number of groups');
    expect(problems({ shardCount: 0 })).toContain('shards.shardCount: must be a whole number from 1 to 256');
    expect(problems({}, { nodeCount: 5 })).toContain('nodeCount: a sharded world of these groups has 12 replicas, not 5');
    expect(problems({}, { load: { proposalsPerSecond: 5 } })).toContain('load.proposalsPerSecond: a sharded world takes its load from clients, not from proposals');
    expect(problems({}, { service: 'kv' })[0]).toMatch(/^service: "shardkv" goes with a `shards` topology/);
  });

  it('check shardctl actions against the groups and shards', () => {
    const shape = { groupCount: 3, shardCount: 10 };
    expect(validateAction({ type: 'shardctl', op: 'join', gids: [4] }, 12, 20, shape)).toEqual(['gids[0]: must be a gid from 0 to 3']);
    expect(validateAction({ type: 'shardctl', op: 'join', gids: [0] }, 12, 20, shape)).toContain('gids: gid 0 means "no group"; groups are 1 … 3');
    expect(validateAction({ type: 'shardctl', op: 'move', gids: [1], shard: 10 }, 12, 20, shape)).toEqual(['shard: must be a shard number from 0 to 9']);
    expect(validateAction({ type: 'shardctl', op: 'leave', gids: [1] }, 5, 5, null)).toEqual(['type: shardctl needs a sharded world']);
  });
});

describe('sharded scenario files', () => {
  const base = {
    format: 'consensus-lab/scenario',
    version: 1,
    id: 'x',
    title: 'x',
    summary: 'x',
    config: { protocol: 'raft', nodes: 0, seed: 1, shards: { groupSizes: [3, 3] } },
    durationMs: 5000,
    timeline: [] as unknown[],
    narration: [],
    expect: [] as unknown[],
  };
  it('name the step and field that is wrong', () => {
    expect(scenarioProblems({ ...base, timeline: [{ at: 10, do: 'crash-group', gid: 3 }] })).toEqual(['timeline[0].gid: there is no group g3']);
    expect(scenarioProblems({ ...base, timeline: [{ at: 10, do: 'crash', node: 'g2:4' }] })).toEqual(['timeline[0].node: group g2 has 3 servers']);
    expect(scenarioProblems({ ...base, config: { ...base.config, nodes: 7 } })).toEqual(['config.nodes: these shard groups have 9 servers in all; write 0 or 9']);
    expect(scenarioProblems({ ...base, config: { protocol: 'raft', nodes: 3, seed: 1 }, timeline: [{ at: 10, do: 'shardctl', op: 'join', gids: [1] }] })).toEqual([
      'timeline[0].do: shardctl needs a sharded scenario (config.shards)',
    ]);
  });
});
