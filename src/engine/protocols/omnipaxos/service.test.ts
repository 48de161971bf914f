/**
 * OmniPaxos under the real services: the key-value store with closed-loop
 * clerks stays linearizable through crashes, partial connectivity and loss
 * (clerks talk to any server; followers forward); and runs are deterministic
 * and survive time travel (the state is plain data that checkpoints clone).
 */
import { describe, it } from 'vitest';
import { createWorld } from '../../sim/world';
import { omniPaxosEntry } from './index';
import { T, cut, fail, forSeeds, randomInt, seeds, waitForLeader } from './testing/worlds';

describe('OmniPaxos under the key-value service', () => {
  it('client histories stay linearizable through crashes, a partial partition and 5 % loss', () => {
    forSeeds('kv linearizable', seeds(20), (seed, start) => {
      const h = start({
        nodeCount: 5,
        clients: { count: 4, keys: 3, thinkTimeUs: 5_000 },
        network: { latencyMinUs: 2_000, latencyMaxUs: 14_000, lossRatio: 0.05 },
        snapshotEveryEntries: seed % 2 === 0 ? 20 : 0,
      });
      waitForLeader(h, 4 * T);
      for (let step = 0; step < 3; step++) {
        h.w.runFor(randomInt(h, T, 3 * T));
        const victim = randomInt(h, 0, 4);
        h.w.act({ type: 'crash', node: victim });
        cut(h, (victim + 1) % 5, (victim + 2) % 5);
        h.w.runFor(randomInt(h, T / 2, 2 * T));
        h.w.act({ type: 'restart', node: victim });
        h.w.act({ type: 'healAll' });
      }
      h.w.runFor(3 * T);
      const completed = h.w.stats().opsCompleted;
      if (completed < 20) fail(`only ${completed} operations completed`);
      const verdict = h.w.checkHistory().verdict;
      if (verdict !== 'linearizable') fail(`history is ${verdict}`);
    });
  });
});

describe('determinism and time travel', () => {
  it('the same seed and actions give the same trace; seeking back and replaying gives it again', () => {
    forSeeds('determinism', seeds(20), (seed) => {
      const config = {
        seed,
        protocol: omniPaxosEntry,
        nodeCount: 4,
        options: { initialConfiguration: [0, 1, 2] },
        network: { latencyMinUs: 1_000, latencyMaxUs: 20_000, lossRatio: 0.05, duplicateRatio: 0.05 },
        load: { proposalsPerSecond: 80 },
        snapshotEveryEntries: 15,
        checkInvariants: true,
        checkpointMinEvents: 300,
      };
      // Actions fall between the load's proposals (every 12.5 ms): an action logged at the very instant of a
      // load proposal is replayed before it but was applied after it live (a simulator issue, reported).
      const script = (w: ReturnType<typeof createWorld>) => {
        w.runUntil(1_500_003);
        w.act({ type: 'crash', node: 1 });
        w.runUntil(2_000_003);
        const leader = w.leader();
        if (leader !== null) w.act({ type: 'control', node: leader, action: 'reconfigure', target: 3 });
        w.runUntil(2_600_003);
        w.act({ type: 'restart', node: 1 });
        w.act({ type: 'cut', from: 0, to: 2, bothWays: false });
        w.runUntil(4_000_000);
      };
      const a = createWorld(config);
      script(a);
      const b = createWorld(config);
      script(b);
      if (a.traceHash() !== b.traceHash()) fail('two runs of the same seed differ');
      b.seek(1_700_000);
      b.seek(4_000_000);
      if (b.traceHash() !== a.traceHash()) fail('seek back and replay changed the run');
      const replay = createWorld(config, a.actions());
      replay.runUntil(4_000_000);
      if (replay.traceHash() !== a.traceHash()) fail('replaying the action log changed the run');
      if (a.checkpointCount() < 3) fail('too few checkpoints to exercise time travel');
    });
  });
});
