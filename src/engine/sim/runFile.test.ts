import { describe, expect, it } from 'vitest';
import { DataError } from '../core/schema';
import { protocolNames } from '../protocols/registry';
import { createWorld } from './world';
import { makeRunFile, maxRunBytes, parseRunFile, runWorldConfig } from './runFile';

function recorded() {
  const config = { seed: 8, protocol: 'raft', nodeCount: 5, clients: { count: 2 }, network: { lossRatio: 0.05 } };
  const world = createWorld(config);
  world.runUntil(800_000);
  world.act({ type: 'crash', node: world.leader()! });
  world.act({ type: 'setNetwork', from: null, to: null, latencyMinUs: 2000, latencyMaxUs: 30000 });
  world.runUntil(1_500_000);
  world.act({ type: 'propose', node: null, body: 'x', bytes: 8 });
  world.act({ type: 'cut', from: 0, to: 5, bothWays: true });
  world.runUntil(2_500_000);
  return { world, file: makeRunFile(config, world.actions(), world.nowUs()) };
}

function problemsOf(text: string): string[] {
  try {
    parseRunFile(text, protocolNames());
    return [];
  } catch (error) {
    if (error instanceof DataError) return [...error.problems];
    throw error;
  }
}

describe('run files', () => {
  it('reproduce the run exactly after a JSON round trip', () => {
    const { world, file } = recorded();
    const back = parseRunFile(JSON.stringify(file), protocolNames());
    const replay = createWorld(runWorldConfig(back), back.actions);
    replay.runUntil(back.atUs);
    expect(replay.traceHash()).toBe(world.traceHash());
    expect(replay.history()).toEqual(world.history());
  });

  it('list every problem with its path, and accept nothing hostile', () => {
    const { file } = recorded();
    const bad = JSON.parse(JSON.stringify(file));
    bad.config.nodeCount = 70;
    bad.actions[0].action.node = 'leader';
    bad.actions[1].atUs = -5;
    bad.extra = true;
    const problems = problemsOf(JSON.stringify(bad));
    expect(problems).toEqual(
      expect.arrayContaining([
        'config.nodeCount: must be at most 64, got 70',
        expect.stringMatching(/^actions\[0\]\.action\.node: must be a number/),
        'actions[1].atUs: must be at least 0, got -5',
        expect.stringMatching(/^extra: unknown field/),
      ]),
    );
    const polluted = JSON.stringify(file).replace('"config":{', '"config":{"__proto__":{"isAdmin":true},');
    expect(problemsOf(polluted)).toContain('config.__proto__: this key is not allowed');
  });

  it('carry a sharded run (topology, CPU model, shardctl actions) and check its actions against the groups', () => {
    const config = { seed: 3, protocol: 'raft', nodeCount: 0, shards: { groupSizes: [3, 3], initialGroups: 1 }, clients: { count: 2, keyDistribution: 'zipf' as const }, cpu: { messageUs: 20 } };
    const actions = [{ atUs: 500_000, action: { type: 'shardctl' as const, op: 'join' as const, gids: [2] } }];
    const file = makeRunFile(config, actions, 900_000);
    const back = parseRunFile(JSON.stringify(file), ['raft']);
    const w1 = createWorld(runWorldConfig(back), back.actions);
    const w2 = createWorld(config, actions);
    w1.runUntil(900_000);
    w2.runUntil(900_000);
    expect(w1.traceHash()).toBe(w2.traceHash());
    const bad = JSON.parse(JSON.stringify(file));
    bad.actions[0].action.gids = [3];
    expect(problemsOf(JSON.stringify(bad))).toEqual(['actions[0].action.gids[0]: must be a gid from 0 to 2']);
  });

  it('refuse newer and older format versions with a clear message', () => {
    const { file } = recorded();
    expect(problemsOf(JSON.stringify({ ...file, version: 2 }))[0]).toMatch(/saved by a newer lab \(format version 2\)/);
    expect(problemsOf(JSON.stringify({ ...file, version: 0 }))[0]).toMatch(/too old/);
  });

  it('refuse unknown protocols, out-of-range endpoints and oversized input', () => {
    const { file } = recorded();
    expect(problemsOf(JSON.stringify({ ...file, config: { ...file.config, protocol: 'paxos' } }))[0]).toMatch(/config.protocol: "paxos" is not a protocol/);
    const far = JSON.parse(JSON.stringify(file));
    far.actions.push({ atUs: 3_000_000, action: { type: 'crash', node: 9 } });
    expect(problemsOf(JSON.stringify(far))).toEqual([expect.stringMatching(/^actions\[\d+\]\.action\.node: must be a node number from 0 to 4/)]);
    expect(problemsOf(' '.repeat(maxRunBytes + 1))[0]).toMatch(/limit is 1024 KiB/);
  });
});
