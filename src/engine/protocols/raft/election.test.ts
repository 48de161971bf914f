/**
 * 6.824 lab 2A families through the simulator: initial election, re-election,
 * many elections with random disconnections, and the message-count bounds.
 * Each family runs over 20+ seeds with every invariant checked after every event.
 */
import { describe, expect, it } from 'vitest';
import {
  checkNoLeader,
  checkOneLeader,
  checkTerms,
  connect,
  disconnect,
  fail,
  forSeeds,
  one,
  randomInt,
  seeds,
} from './testing/worldKit';

const electionTimeoutUs = 300_000;

describe('6.824 2A: election', () => {
  it('initial election: a leader within 5 s, and an idle cluster keeps its term', () => {
    forSeeds('initial election', seeds(24), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      checkOneLeader(h);
      // Let the no-op commit and any stragglers settle before reading the term.
      h.w.runFor(50_000);
      const term1 = checkTerms(h);
      if (term1 < 1) fail(`term is ${term1}, but it should be at least 1`);
      h.w.runFor(2 * 2 * electionTimeoutUs);
      const term2 = checkTerms(h);
      if (term1 !== term2) fail(`term changed from ${term1} to ${term2} with no failures`);
      checkOneLeader(h);
    });
  });

  it('re-election after leader loss, and the old leader rejoins without disturbing', () => {
    forSeeds('re-election', seeds(24), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      const leader1 = checkOneLeader(h);
      // The leader disconnects: a new one must be elected.
      disconnect(h, leader1);
      checkOneLeader(h);
      // The old leader rejoins: there must still be one leader.
      connect(h, leader1);
      const leader2 = checkOneLeader(h);
      // Without a quorum no leader may be elected.
      disconnect(h, leader2);
      disconnect(h, (leader2 + 1) % 3);
      h.w.runFor(2 * 2 * electionTimeoutUs);
      checkNoLeader(h);
      // A quorum arises: it elects a leader.
      connect(h, (leader2 + 1) % 3);
      checkOneLeader(h);
      // Rejoin of the last node: still one leader.
      connect(h, leader2);
      checkOneLeader(h);
    });
  });

  it('many elections: 7 servers, 3 disconnected at random, ten times over', () => {
    forSeeds('many elections', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 7 });
      checkOneLeader(h);
      for (let iteration = 0; iteration < 10; iteration++) {
        const picks = [randomInt(h, 0, 6), randomInt(h, 0, 6), randomInt(h, 0, 6)];
        for (const node of picks) disconnect(h, node);
        // Either the current leader is still alive, or the remaining four elect one.
        checkOneLeader(h);
        for (const node of picks) connect(h, node);
      }
      checkOneLeader(h);
    });
  });
});

describe('6.824 message counts', () => {
  it('at most 30 messages for the first election on 3 nodes, and at most 60 per idle second', () => {
    forSeeds('message counts', seeds(24), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      let guard = 0;
      while (h.w.leader() === null && guard++ < 500) h.w.runFor(10_000);
      // Let the new leader's no-op round trip finish.
      h.w.runFor(50_000);
      const electionMessages = h.w.stats().sent;
      if (electionMessages > 30) fail(`too many messages (${electionMessages}) for the initial election`);
      const before = h.w.stats().sent;
      h.w.runFor(1_000_000);
      const idle = h.w.stats().sent - before;
      // With a heartbeat every 100 ms to 2 followers, and their answers: 40 a second.
      if (idle > 60) fail(`too many messages (${idle}) in one idle second`);
      expect(idle).toBeGreaterThanOrEqual(36);
    });
  });

  it('agreement on a burst of commands costs a bounded number of messages', () => {
    forSeeds('agreement message count', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      const leader = checkOneLeader(h);
      one(h, 3, false);
      const before = h.w.stats().sent;
      const iterations = 10;
      for (let i = 0; i < iterations + 1; i++) h.w.act({ type: 'propose', node: leader, body: 'cmd', bytes: 8 });
      h.w.runFor(200_000);
      const used = h.w.stats().sent - before;
      // 6.824 allows (iterations + 1 + 3) × 3 RPCs; each RPC is a request and a reply here.
      const bound = (iterations + 1 + 3) * 3 * 2;
      if (used > bound) fail(`too many messages (${used}) for ${iterations + 1} commands; bound ${bound}`);
    });
  });
});
