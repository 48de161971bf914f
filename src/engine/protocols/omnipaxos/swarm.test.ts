/**
 * Swarm testing (TigerBeetle's habit): each seed picks its own mix of loss,
 * duplication, latency, snapshots, load and faults — crashes, restarts, cuts,
 * partitions, isolations and reconfigurations that swap spare servers in and
 * out — with every invariant checked after every event. When the faults stop
 * and the network heals, a leader must emerge, decide, and every server of
 * the final configuration must hold the same decided log.
 */
import { describe, it } from 'vitest';
import { chance } from '../../core/prng';
import { T, decidingLeader, fail, forSeeds, opState, proposeTo, randomInt, seeds, waitConverged, waitForLeader } from './testing/worlds';

describe('swarm', () => {
  it('random faults and reconfigurations never break safety, and the cluster recovers once they stop', () => {
    forSeeds('swarm', seeds(40), (seed, start) => {
      const n = 5;
      const members = 3 + (seed % 3 === 0 ? 2 : 0);
      const h = start({
        nodeCount: n,
        options: { initialConfiguration: Array.from({ length: members }, (_, i) => i) },
        network: {
          latencyMinUs: 1_000,
          latencyMaxUs: 5_000 + (seed % 5) * 8_000,
          lossRatio: [0, 0.02, 0.1][seed % 3],
          duplicateRatio: seed % 4 === 0 ? 0.05 : 0,
        },
        snapshotEveryEntries: [0, 10, 30][seed % 3],
        load: { proposalsPerSecond: 20 + (seed % 4) * 30 },
      });
      waitForLeader(h, 6 * T);
      const down = new Set<number>();
      for (let step = 0; step < 25; step++) {
        h.w.runFor(randomInt(h, 20_000, T));
        const node = randomInt(h, 0, n - 1);
        const other = (node + 1 + randomInt(h, 0, n - 2)) % n;
        switch (randomInt(h, 0, 9)) {
          case 0:
          case 1:
            if (down.size < 2 && !down.has(node)) {
              h.w.act({ type: 'crash', node });
              down.add(node);
            }
            break;
          case 2:
            for (const d of down) h.w.act({ type: 'restart', node: d });
            down.clear();
            break;
          case 3:
            h.w.act({ type: 'cut', from: node, to: other, bothWays: chance(h.rng, 0.7) });
            break;
          case 4:
            h.w.act({ type: 'isolate', node });
            break;
          case 5:
            h.w.act({ type: 'partition', groups: [[node, other], [0, 1, 2, 3, 4].filter((x) => x !== node && x !== other)] });
            break;
          case 6:
          case 7:
            h.w.act({ type: 'healAll' });
            break;
          default: {
            // Swap a server outside the configuration in (a spare, or one a StopSign retired).
            const leader = decidingLeader(h);
            if (leader === null) break;
            const outside = [0, 1, 2, 3, 4].filter((x) => !opState(h, leader).config.nodes.includes(x));
            if (outside.length > 0) h.w.act({ type: 'control', node: leader, action: 'reconfigure', target: outside[randomInt(h, 0, outside.length - 1)] });
          }
        }
      }
      h.w.act({ type: 'healAll' });
      h.w.act({ type: 'setNetwork', from: null, to: null, lossRatio: 0, duplicateRatio: 0 });
      for (const d of down) h.w.act({ type: 'restart', node: d });
      // Like a client: propose to the leader until a proposal is decided (a leader may still be deposed once the
      // faults stop, e.g. while the servers of a new configuration start BLE at different times).
      const deadline = h.w.nowUs() + 16 * T;
      let leader = -1;
      for (;;) {
        if (h.w.nowUs() > deadline) fail('no proposal decided within 16 rounds of the faults stopping');
        leader = waitForLeader(h, deadline - h.w.nowUs());
        const cmd = proposeTo(h, leader, 'final');
        h.w.runFor(2 * T);
        if (cmd.accepted === true && h.w.indexOfCommand(cmd.commandId) !== null) break;
      }
      leader = waitForLeader(h, 4 * T);
      const config = opState(h, leader).config;
      if (config.nodes.length !== members) fail(`configuration ${config.id} has ${config.nodes.length} servers, expected ${members}`);
      h.w.runFor(T);
      const decided = opState(h, leader).sp.decidedIdx;
      waitConverged(h, 6 * T, decided);
    });
  });
});
