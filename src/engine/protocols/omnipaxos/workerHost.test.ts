/**
 * The worker host (one thread per node, the coordinator batching windows of
 * lookahead) must give the same trace as the in-process host for OmniPaxos
 * too: crashes, restarts, partial cuts, loss, duplicates, snapshots and a
 * StopSign reconfiguration with a pull.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerWorld, createWorld, type LoggedAction, type WorldConfig } from '../../index';
import { threadChannelFactory } from '../../host/node/threadChannels';

const actions: LoggedAction[] = [
  { atUs: 700_003, action: { type: 'crash', node: 1 } },
  { atUs: 900_003, action: { type: 'cut', from: 0, to: 2, bothWays: true } },
  { atUs: 1_300_003, action: { type: 'restart', node: 1 } },
  { atUs: 1_600_003, action: { type: 'control', node: 2, action: 'reconfigure', target: 3 } },
  { atUs: 2_200_003, action: { type: 'healAll' } },
];

function config(seed: number): WorldConfig {
  return {
    seed,
    protocol: 'omnipaxos',
    nodeCount: 4,
    options: { initialConfiguration: [0, 1, 2] },
    network: { latencyMinUs: 2_000, latencyMaxUs: 12_000, lossRatio: 0.05, duplicateRatio: 0.02 },
    load: { proposalsPerSecond: 50, commandBytes: 32 },
    snapshotEveryEntries: 25,
  };
}

const opened: WorkerWorld[] = [];
afterAll(() => opened.forEach((w) => w.close()));

describe('OmniPaxos on both hosts', () => {
  it('the in-process and worker hosts agree on the trace hash', async () => {
    const untilUs = 3_000_000;
    const inProcess = createWorld(config(3), actions);
    inProcess.runUntil(untilUs);
    const workers = await WorkerWorld.create(config(3), threadChannelFactory(), actions, { logTail: 4 });
    opened.push(workers);
    await workers.runUntil(untilUs);
    expect(inProcess.committedCount()).toBeGreaterThan(50);
    expect(workers.stats()).toEqual(inProcess.stats());
    expect(workers.traceHash()).toBe(inProcess.traceHash());
    expect(workers.views().map((v) => v?.term ?? null)).toEqual(inProcess.views(4).map((v) => v?.term ?? null));
  });
});
