/**
 * Swarm testing (TigerBeetle's VOPR in spirit): each seed picks its own mix of
 * cluster size, options, network quality (loss, duplication, reordering) and
 * faults (crashes, partitions, one-way cuts, transfers, forced campaigns),
 * runs it with every invariant checked after every event, then heals
 * everything and requires the cluster to agree again.
 */
import { describe, it } from 'vitest';
import {
  connect,
  crash,
  disconnect,
  fail,
  forSeeds,
  one,
  propose,
  randomInt,
  raftState,
  restart,
  restoreAll,
  seeds,
  type Harness,
} from './testing/worldKit';

function pick<T>(h: Harness, items: readonly T[]): T {
  return items[randomInt(h, 0, items.length - 1)];
}

function randomFault(h: Harness): void {
  const n = h.n;
  const node = randomInt(h, 0, n - 1);
  switch (randomInt(h, 0, 9)) {
    case 0:
      if (h.up[node]) crash(h, node);
      break;
    case 1:
      if (!h.up[node]) restart(h, node);
      break;
    case 2:
      disconnect(h, node);
      break;
    case 3:
      connect(h, node);
      break;
    case 4: {
      const other = (node + randomInt(h, 1, n - 1)) % n;
      h.w.act({ type: 'cut', from: node, to: other, bothWays: randomInt(h, 0, 1) === 0 });
      break;
    }
    case 5: {
      const groups: number[][] = [[], []];
      for (let i = 0; i < n; i++) groups[randomInt(h, 0, 1)].push(i);
      if (groups[0].length > 0 && groups[1].length > 0) h.w.act({ type: 'partition', groups });
      break;
    }
    case 6:
      h.w.act({ type: 'healAll' });
      h.connected.fill(true);
      break;
    case 7: {
      const leader = h.w.leader();
      if (leader !== null) h.w.act({ type: 'control', node: leader, action: 'transfer-leadership', target: (leader + randomInt(h, 1, n - 1)) % n });
      break;
    }
    case 8:
      if (h.up[node]) h.w.act({ type: 'control', node, action: 'campaign', target: null });
      break;
    default:
      h.w.act({ type: 'setNetwork', from: null, to: null, lossRatio: randomInt(h, 0, 20) / 100, duplicateRatio: randomInt(h, 0, 20) / 100 });
  }
}

describe('swarm', () => {
  it('random clusters, options, networks and faults never break safety, and heal into agreement', () => {
    forSeeds('swarm', seeds(300, 1000), (seed, start) => {
      const probe = start({ seed, protocol: 'raft', nodeCount: 3 });
      // The probe world only lends its seeded test stream to choose this seed's configuration.
      const nodeCount = pick(probe, [3, 3, 5, 5, 7]);
      const protocol = pick(probe, ['raft', 'raft-pv-cq'] as const);
      const options = {
        electionTimeoutUs: pick(probe, [100_000, 300_000]),
        heartbeatIntervalUs: 30_000,
        preVote: protocol === 'raft-pv-cq' || randomInt(probe, 0, 1) === 1,
        maxEntriesPerAppend: pick(probe, [1, 4, 64]),
        maxInflightAppends: pick(probe, [1, 2, 8]),
      };
      const h = start({
        seed,
        protocol,
        nodeCount,
        options,
        snapshotEveryEntries: pick(probe, [0, 5, 25]),
        network: {
          latencyMinUs: 1_000,
          latencyMaxUs: pick(probe, [5_000, 30_000, 100_000]),
          lossRatio: pick(probe, [0, 0.05, 0.2]),
          duplicateRatio: pick(probe, [0, 0.1]),
        },
      });
      for (let step = 0; step < 100; step++) {
        if (randomInt(h, 0, 2) === 0) randomFault(h);
        const burst = randomInt(h, 0, 8);
        for (let k = 0; k < burst; k++) {
          const leader = h.w.leader();
          const target = leader !== null && randomInt(h, 0, 3) > 0 ? leader : randomInt(h, 0, nodeCount - 1);
          if (h.up[target]) propose(h, target, randomInt(h, 1, 200));
        }
        h.w.runFor(randomInt(h, 10_000, 250_000));
      }
      h.w.act({ type: 'setNetwork', from: null, to: null, latencyMinUs: 1_000, latencyMaxUs: 10_000, lossRatio: 0, duplicateRatio: 0 });
      restoreAll(h);
      const p = one(h, nodeCount, true);
      for (let node = 0; node < nodeCount; node++) {
        if (raftState(h, node).lastApplied < p.index) fail(`n${node + 1} did not catch up to ${p.index}`);
      }
    });
  });
});
