import { afterAll, describe, expect, it } from 'vitest';
import { WorkerWorld, createWorld, type LoggedAction, type WorldConfig } from '../index';
import { threadChannelFactory } from './node/threadChannels';

/**
 * The two hosts must be indistinguishable: the same (config, seed, action
 * log) gives the same trace hash in-process and with one worker thread per
 * node, including crashes, restarts, cuts, loss and snapshots.
 */
const actions: LoggedAction[] = [
  { atUs: 700_000, action: { type: 'crash', node: 1 } },
  { atUs: 900_000, action: { type: 'cut', from: 0, to: 2, bothWays: true } },
  { atUs: 1_300_000, action: { type: 'restart', node: 1 } },
  { atUs: 1_600_000, action: { type: 'isolate', node: 3 } },
  { atUs: 2_200_000, action: { type: 'healAll' } },
];

function config(seed: number, protocol: string): WorldConfig {
  return {
    seed,
    protocol,
    nodeCount: 5,
    network: { latencyMinUs: 2_000, latencyMaxUs: 12_000, lossRatio: 0.05, duplicateRatio: 0.02 },
    load: { proposalsPerSecond: 50, commandBytes: 32 },
    snapshotEveryEntries: 25,
  };
}

const opened: WorkerWorld[] = [];
afterAll(() => opened.forEach((w) => w.close()));

describe('in-process and worker hosts', () => {
  for (const [seed, protocol] of [
    [1, 'raft'],
    [2, 'raft-pv-cq'],
  ] as const) {
    it(`agree on the trace hash (${protocol}, seed ${seed})`, async () => {
      const untilUs = 3_000_000;
      const inProcess = createWorld(config(seed, protocol), actions);
      inProcess.runUntil(untilUs);
      const workers = await WorkerWorld.create(config(seed, protocol), threadChannelFactory(), actions, { logTail: 4 });
      opened.push(workers);
      await workers.runUntil(untilUs / 2);
      // An empty request (what `npm run perf` times a window's fixed cost with) changes nothing in the run.
      await workers.pingAll();
      await workers.runUntil(untilUs);
      expect(inProcess.stats().events).toBeGreaterThan(400);
      expect(inProcess.committedCount()).toBeGreaterThan(50);
      expect(workers.stats()).toEqual(inProcess.stats());
      expect(workers.traceHash()).toBe(inProcess.traceHash());
      expect(workers.windows).toBeLessThan(workers.stats().events);
      expect(workers.views().map((v) => v?.term ?? null)).toEqual(inProcess.views(4).map((v) => v?.term ?? null));
    });
  }
});

describe('hosts with clients', () => {
  it('agree on the trace hash and the history of a key-value run', async () => {
    const kv: WorldConfig = {
      seed: 5,
      protocol: 'raft',
      nodeCount: 3,
      network: { latencyMinUs: 2_000, latencyMaxUs: 9_000, lossRatio: 0.05 },
      clients: { count: 4, keys: 3 },
      snapshotEveryEntries: 20,
    };
    const script: LoggedAction[] = [
      { atUs: 600_000, action: { type: 'crash', node: 0 } },
      { atUs: 1_200_000, action: { type: 'restart', node: 0 } },
    ];
    const inProcess = createWorld(kv, script);
    inProcess.runUntil(2_000_000);
    const workers = await WorkerWorld.create(kv, threadChannelFactory(), script, { logTail: 0 });
    opened.push(workers);
    await workers.runUntil(2_000_000);
    expect(inProcess.stats().opsCompleted).toBeGreaterThan(50);
    expect(workers.traceHash()).toBe(inProcess.traceHash());
    expect(workers.history()).toEqual(inProcess.history());
    expect(inProcess.checkHistory().verdict).toBe('linearizable');
  });
});

describe('hosts with shards', () => {
  it('agree on the trace hash and the history of a sharded run with handoffs and crashes', async () => {
    const sharded: WorldConfig = {
      seed: 9,
      protocol: 'raft',
      nodeCount: 0,
      // Groups on different protocols: each worker builds its own group's replica.
      shards: { groupSizes: [3, 3], initialGroups: 1, groupProtocols: ['raft', 'omnipaxos', 'raft'] },
      network: { latencyMinUs: 2_000, latencyMaxUs: 9_000, lossRatio: 0.03 },
      clients: { count: 4, keys: 12 },
      snapshotEveryEntries: 30,
    };
    const script: LoggedAction[] = [
      { atUs: 800_000, action: { type: 'shardctl', op: 'join', gids: [2] } },
      { atUs: 900_000, action: { type: 'crash', node: 3 } },
      { atUs: 1_600_000, action: { type: 'restart', node: 3 } },
      { atUs: 2_000_000, action: { type: 'shardctl', op: 'move', gids: [1], shard: 4 } },
    ];
    const inProcess = createWorld(sharded, script);
    inProcess.runUntil(3_000_000);
    const workers = await WorkerWorld.create(sharded, threadChannelFactory(), script, { logTail: 0 });
    opened.push(workers);
    await workers.runUntil(3_000_000);
    expect(inProcess.stats().opsCompleted).toBeGreaterThan(50);
    expect(inProcess.shardView()?.configs.length).toBe(4);
    expect(workers.traceHash()).toBe(inProcess.traceHash());
    expect(workers.history()).toEqual(inProcess.history());
    expect(inProcess.checkHistory().verdict).toBe('linearizable');
  });
});

describe('hosts with open-loop clients and the CPU model', () => {
  it('agree on the trace hash', async () => {
    const cfg: WorldConfig = {
      seed: 6,
      protocol: 'omnipaxos',
      nodeCount: 3,
      network: { latencyMinUs: 2_000, latencyMaxUs: 6_000 },
      clients: { count: 5, keys: 10, openLoopOpsPerSecond: 300, keyDistribution: 'zipf' },
      cpu: { messageUs: 30, applyUs: 10, clientOpUs: 200 },
    };
    const inProcess = createWorld(cfg);
    inProcess.runUntil(1_500_000);
    const workers = await WorkerWorld.create(cfg, threadChannelFactory(), [], { logTail: 0 });
    opened.push(workers);
    await workers.runUntil(1_500_000);
    expect(inProcess.stats().opsCompleted).toBeGreaterThan(200);
    expect(workers.traceHash()).toBe(inProcess.traceHash());
  });
});
