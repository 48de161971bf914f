/**
 * 6.824 lab 2C stress families through the simulator: the Figure 8 scenario
 * over many iterations (leaders crash at random moments, reliable and
 * unreliable networks), and churn, where every value a client saw committed
 * must survive. The invariant checker runs after every event throughout.
 */
import { describe, expect, it } from 'vitest';
import {
  connect,
  crash,
  disconnect,
  fail,
  forSeeds,
  one,
  propose,
  randomInt,
  restart,
  restoreAll,
  seeds,
  unreliableNetwork,
  type Harness,
} from './testing/worldKit';

const electionTimeoutUs = 300_000;
/** Figure 8 runs use a shorter timeout: more leader turnover per virtual second. */
const fastOptions = { electionTimeoutUs: 150_000, heartbeatIntervalUs: 50_000 };

describe('6.824 2C: Figure 8', () => {
  it('Figure 8 (reliable): leaders crash right after accepting commands', () => {
    const crashes: number[] = [];
    forSeeds('figure 8', seeds(40), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 5, options: fastOptions });
      one(h, 1, true);
      let nup = 5;
      let crashed = 0;
      for (let iteration = 0; iteration < 1000; iteration++) {
        let leader = -1;
        for (let i = 0; i < 5; i++) if (h.up[i] && propose(h, i).accepted) leader = i;
        h.w.runFor(randomInt(h, 0, 999) < 100 ? randomInt(h, 0, fastOptions.electionTimeoutUs / 2) : randomInt(h, 0, 13_000));
        if (leader !== -1) {
          crash(h, leader);
          crashed++;
          nup--;
        }
        if (nup < 3) {
          const s = randomInt(h, 0, 4);
          if (!h.up[s]) {
            restart(h, s);
            nup++;
          }
        }
      }
      restoreAll(h);
      one(h, 5, true);
      crashes.push(crashed);
    });
    // The scenario only means something if leaders really died with fresh entries.
    expect(Math.min(...crashes)).toBeGreaterThanOrEqual(5);
    expect(crashes.reduce((a, b) => a + b, 0) / crashes.length).toBeGreaterThanOrEqual(15);
  });

  it('Figure 8 (unreliable): lossy links, long reordering, leaders disconnected at random', () => {
    forSeeds('figure 8 unreliable', seeds(40), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 5, network: unreliableNetwork, options: fastOptions });
      one(h, 1, true);
      let nup = 5;
      for (let iteration = 0; iteration < 1000; iteration++) {
        // Long reordering, as 6.824's setlongreordering: some messages take far longer than others.
        if (iteration === 200) h.w.act({ type: 'setNetwork', from: null, to: null, latencyMinUs: 1_000, latencyMaxUs: 400_000 });
        let leader = -1;
        for (let i = 0; i < 5; i++) if (h.connected[i] && propose(h, i).accepted) leader = i;
        h.w.runFor(randomInt(h, 0, 999) < 100 ? randomInt(h, 0, fastOptions.electionTimeoutUs / 2) : randomInt(h, 0, 13_000));
        if (leader !== -1 && randomInt(h, 0, 999) < 500) {
          disconnect(h, leader);
          nup--;
        }
        if (nup < 3) {
          const s = randomInt(h, 0, 4);
          if (!h.connected[s]) {
            connect(h, s);
            nup++;
          }
        }
      }
      h.w.act({ type: 'setNetwork', from: null, to: null, latencyMinUs: 5_000, latencyMaxUs: 15_000, lossRatio: 0 });
      restoreAll(h);
      one(h, 5, true);
    });
  });
});

interface Client {
  /** Waiting for this proposal to commit (or be overwritten), until the deadline. */
  pending: { index: number; commandId: number; deadlineUs: number } | null;
  /** Commands this client saw committed at their index. */
  committed: { index: number; commandId: number }[];
}

/**
 * 6.824 internalChurn: three clients keep proposing to random servers while
 * servers are disconnected, crashed and restarted; afterwards every command a
 * client saw committed must still be at its index on every server.
 */
function churn(h: Harness): number {
  const clients: Client[] = [0, 1, 2].map(() => ({ pending: null, committed: [] }));
  const stepUs = 7_000;
  const runClients = (untilUs: number) => {
    while (h.w.nowUs() < untilUs) {
      for (const c of clients) {
        if (c.pending === null) {
          const node = randomInt(h, 0, h.n - 1);
          if (!h.up[node] || !h.connected[node]) continue;
          const p = propose(h, node);
          if (p.accepted) c.pending = { index: p.index, commandId: p.commandId, deadlineUs: h.w.nowUs() + 1_000_000 };
          continue;
        }
        const at = h.w.committedCommandAt(c.pending.index);
        if (at === c.pending.commandId) {
          c.committed.push({ index: c.pending.index, commandId: c.pending.commandId });
          c.pending = null;
        } else if (at !== null || h.w.nowUs() > c.pending.deadlineUs) {
          c.pending = null;
        }
      }
      h.w.runFor(stepUs);
    }
  };
  for (let iteration = 0; iteration < 20; iteration++) {
    if (randomInt(h, 0, 999) < 200) disconnect(h, randomInt(h, 0, h.n - 1));
    if (randomInt(h, 0, 999) < 500) {
      const i = randomInt(h, 0, h.n - 1);
      if (!h.up[i]) restart(h, i);
      connect(h, i);
    }
    if (randomInt(h, 0, 999) < 200) {
      const i = randomInt(h, 0, h.n - 1);
      if (h.up[i]) crash(h, i);
    }
    runClients(h.w.nowUs() + (electionTimeoutUs * 7) / 10);
  }
  h.w.runFor(electionTimeoutUs);
  h.w.act({ type: 'setNetwork', from: null, to: null, latencyMinUs: 5_000, latencyMaxUs: 15_000, lossRatio: 0 });
  restoreAll(h);
  const last = one(h, h.n, true);
  let seen = 0;
  for (const c of clients) {
    for (const v of c.committed) {
      seen++;
      if (v.index > last.index) fail(`client saw index ${v.index} committed beyond the final index ${last.index}`);
      if (h.w.committedCommandAt(v.index) !== v.commandId) fail(`command ${v.commandId} seen committed at ${v.index} was lost`);
      for (let node = 0; node < h.n; node++) {
        const s = h.w.replicaState(node) as { lastApplied: number };
        if (s.lastApplied < v.index) fail(`n${node + 1} never applied index ${v.index}`);
      }
    }
  }
  return seen;
}

describe('6.824 2C: churn', () => {
  it('reliable churn: every value a client saw committed survives', () => {
    const seen: number[] = [];
    forSeeds('churn', seeds(40), (seed, start) => {
      seen.push(churn(start({ seed, protocol: 'raft', nodeCount: 5 })));
    });
    // The check is vacuous unless clients really saw commits through the churn.
    expect(seen.reduce((a, b) => a + b, 0) / seen.length).toBeGreaterThan(10);
  });

  it('unreliable churn: every value a client saw committed survives', () => {
    const seen: number[] = [];
    forSeeds('unreliable churn', seeds(40), (seed, start) => {
      seen.push(churn(start({ seed, protocol: 'raft', nodeCount: 5, network: unreliableNetwork })));
    });
    expect(seen.reduce((a, b) => a + b, 0) / seen.length).toBeGreaterThan(5);
  });
});
